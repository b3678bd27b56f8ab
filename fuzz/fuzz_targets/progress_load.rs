//! Any stored text given to the progress loader (with migrations): always a usable record, the
//! record survives a save-and-load round trip unchanged and a merge with itself, and whenever
//! serde's derives (the reference for the record's shape) read the text as a current record
//! and the loader reads it too, both read the same record.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quiz_core::progress::{load, ProgressRecord, CURRENT_VERSION};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let loaded = load(Some(&text));
    let saved = loaded.record.to_json();
    let again = load(Some(&saved));
    assert!(again.problem.is_none(), "a saved record must load: {saved}");
    assert_eq!(
        again.record, loaded.record,
        "a saved record must load unchanged: {saved}"
    );
    let mut merged = again.record.clone();
    merged.merge(&loaded.record);
    if let Ok(reference) = serde_json::from_str::<ProgressRecord>(&text) {
        if reference.version == CURRENT_VERSION && loaded.problem.is_none() {
            assert_eq!(
                loaded.record, reference,
                "read differently from serde: {text}"
            );
        }
    }
});
