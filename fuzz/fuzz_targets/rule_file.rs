//! Arbitrary text as a rule file: a rule set, or an error that renders.
#![no_main]

use std::path::PathBuf;

use duban::rules::RuleSet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Err(error) = RuleSet::from_files(vec![(PathBuf::from("r.yaml"), text.to_string())]) {
        let _ = error.render();
    }
});
