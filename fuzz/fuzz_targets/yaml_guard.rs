//! The YAML guard and the parser behind it, on any text: every rule, unit,
//! phrase and preset file goes through `duban::yaml::from_str`. It must end
//! — with a value or an error — within the bounds it enforces, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = duban::yaml::from_str::<serde_yaml::Value>(text);
    }
});
