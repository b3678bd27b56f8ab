//! Any stored text given to the progress loader (with migrations): always a usable record, and
//! the record survives a save-and-load round trip and a merge with itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quiz_core::progress::load;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loaded = load(Some(&text));
    let saved = loaded.record.to_json();
    let again = load(Some(&saved));
    assert!(again.problem.is_none(), "a saved record must load: {saved}");
    let mut merged = again.record.clone();
    merged.merge(&loaded.record);
});
