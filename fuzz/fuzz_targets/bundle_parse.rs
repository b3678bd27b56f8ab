//! Any bytes given to the browser's bundle parser: an error or a bank, never a panic. A bank that
//! parses must also assemble an exam and a quick check without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quiz_core::assembly::{full_exam, quick_check, Scope};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(bank) = quiz_core::bundle::parse(&text) {
        let _ = full_exam(&bank, 7, true);
        let _ = quick_check(&bank, &Scope::All, 3, 7, true);
    }
});
