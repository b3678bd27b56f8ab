//! Any stored text given to the progress loader (with migrations): always a usable record, the
//! record survives a save-and-load round trip unchanged, and whenever serde's derives (the
//! reference for the record's shape) read the text as a current record and the loader reads it
//! too, both read the same record.
//!
//! Merging (two tabs, an import) keeps its promises (`quiz_core::progress::check_merge`: no
//! attempt lost or invented, settings kept, finish order, stats and schedule from the attempts,
//! merging again changes nothing, the merge loads back unchanged) for the record merged with
//! itself and, when the input holds a NUL byte, for the records before and after it merged both
//! ways.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quiz_core::progress::{check_merge, load, ProgressRecord, CURRENT_VERSION};

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
    if let Err(broken) = check_merge(&loaded.record, &again.record) {
        panic!("merge with itself: {broken}\n{saved}");
    }
    if let Some(nul) = data.iter().position(|&b| b == 0) {
        let first = load(Some(&String::from_utf8_lossy(&data[..nul]))).record;
        let second = load(Some(&String::from_utf8_lossy(&data[nul + 1..]))).record;
        for (mine, theirs) in [(&first, &second), (&second, &first)] {
            if let Err(broken) = check_merge(mine, theirs) {
                panic!(
                    "merge: {broken}\nmine: {}\ntheirs: {}",
                    mine.to_json(),
                    theirs.to_json()
                );
            }
        }
    }
    if let Ok(reference) = serde_json::from_str::<ProgressRecord>(&text) {
        if reference.version == CURRENT_VERSION && loaded.problem.is_none() {
            assert_eq!(
                loaded.record, reference,
                "read differently from serde: {text}"
            );
        }
    }
});
