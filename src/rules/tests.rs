//! Rule files as clerks write them: loading, errors, evaluation.

use std::path::PathBuf;

use super::*;

fn load(text: &str) -> Result<RuleSet, RulesError> {
    RuleSet::from_files(vec![(PathBuf::from("r.yaml"), text.to_string())])
}

#[test]
fn the_built_in_rules_load() {
    let rules = RuleSet::embedded();
    assert_eq!(rules.levels.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(), ["红色", "黄色", "蓝色"]);
    assert!(rules.rules.len() >= 12);
    let _ = load("rules: []\n").unwrap();
}
