//! Rule files as a clerk edits them: every mistake reported like a compiler
//! reports source errors, through `duban rules lint`.

use super::support::{duban, duban_zh, outputs};

/// Lints a bad rule file: exit code 2, nothing on standard output, and the
/// whole rendered error pinned.
fn lint_error(name: &str) -> String {
    let path = format!("tests/fixtures/rules/bad/{name}.yaml");
    let output = duban_zh(&["rules", "lint", &path]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
    assert!(stdout.is_empty(), "{name}: {stdout}");
    assert!(stderr.contains(&path), "{name} must be named: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

macro_rules! bad_rule_files {
    ($($test:ident: $file:literal,)*) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!(stringify!($test), lint_error($file));
        }
    )*};
}

bad_rule_files! {
    misspelt_key: "misspelt-key",
    unknown_level: "unknown-level",
    unknown_predicate: "unknown-predicate",
    wrong_type: "wrong-type",
    bad_regex: "bad-regex",
    unclosed_tag: "unclosed-tag",
    unknown_variable: "unknown-variable",
    unknown_filter: "unknown-filter",
    filter_in_chinese: "filter-in-chinese",
    duplicate_id: "duplicate-id",
    unknown_supersedes: "unknown-supersedes",
    supersedes_cycle: "supersedes-cycle",
    alias_bomb: "alias-bomb",
    two_documents: "two-documents",
    too_deep: "too-deep",
    grade_without_schedule: "grade-without-schedule",
    tally_on_items: "tally-on-items",
    consecutive: "consecutive",
    empty_condition: "empty-condition",
    false_flag: "false-flag",
    bands_out_of_order: "bands-out-of-order",
    bad_quantity: "bad-quantity",
    // Found by fuzzing (FUZZING.md): the locator looped on `[[j33 }}`.
    fuzz_stray_brackets: "fuzz-stray-brackets",
    // Found by fuzzing (FUZZING.md): the tag check panicked on `{%}`.
    fuzz_open_tag: "fuzz-open-tag",
}

#[test]
fn a_misspelt_key_is_reported_on_its_line() {
    let stderr = lint_error("misspelt-key");
    assert!(stderr.contains("misspelt-key.yaml:5:5"), "{stderr}");
    assert!(stderr.contains("不认识的字段“levle”"), "{stderr}");
}

#[test]
fn carets_line_up_under_chinese_text() {
    let stderr = lint_error("unknown-filter");
    let lines: Vec<&str> = stderr.lines().collect();
    let (source, caret) = (lines[3], lines[4]);
    let at = caret.find('^').expect("a caret");
    let before = &source[..source.find("date_cn").expect("the filter is shown")];
    assert_eq!(at, unicode_width::UnicodeWidthStr::width(before), "{stderr}");
}

#[test]
fn the_built_in_rules_lint_clean_and_list_with_their_lines() {
    let output = duban(&["rules", "lint", "rules/default.yaml"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("rules/default.yaml: ok, 16 rules, levels 红色 · 黄色 · 蓝色"), "{stdout}");

    let output = duban(&["rules", "list"]);
    let (stdout, _) = outputs(&output);
    let text = std::fs::read_to_string("rules/default.yaml").unwrap();
    for line in stdout.lines() {
        let id = line.split_whitespace().next().unwrap();
        let (_, at) = line.rsplit_once("rules/default.yaml:").expect("file:line");
        let written = text.lines().nth(at.parse::<usize>().unwrap() - 1).unwrap();
        assert!(written.contains(&format!("id: {id}")), "{line} points at {written}");
    }
    for id in [
        "not-reported",
        "not-started",
        "below-target",
        "not-achieved",
        "slow-progress",
        "behind-schedule",
        "ratio-behind-schedule",
        "overdue",
        "deadline-near",
        "low-rank",
        "late-report",
        "warned",
        "poor-work",
        "duplicate-report",
        "tally-mismatch",
    ] {
        assert!(stdout.lines().any(|l| l.starts_with(&format!("{id} "))), "{id} missing: {stdout}");
    }
}

#[test]
fn a_folder_of_rule_files_is_one_rule_set() {
    let dir = tempfile::tempdir().unwrap();
    let default = std::fs::read_to_string("rules/default.yaml").unwrap();
    let (head, tail) = default.split_at(default.find("  - id: overdue").unwrap());
    std::fs::write(dir.path().join("a.yaml"), head).unwrap();
    std::fs::write(dir.path().join("b.yaml"), format!("rules:\n{tail}")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a rule file").unwrap();
    let output = duban(&["rules", "list", "--rules", dir.path().to_str().unwrap()]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout.lines().count(), 16, "{stdout}");
    let rules_at = default.lines().position(|l| l == "rules:").unwrap();
    let first_rule = rules_at + default.lines().skip(rules_at).position(|l| l.starts_with("  - id:")).unwrap() + 1;
    assert!(stdout.lines().next().unwrap().ends_with(&format!("a.yaml:{first_rule}")), "{stdout}");
    assert!(stdout.lines().last().unwrap().contains("b.yaml:"), "{stdout}");
}

#[test]
fn a_rule_file_that_is_not_text_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rules.yaml");
    std::fs::write(&path, b"rules:\n  - id: \xff\xfe\n").unwrap();
    let output = duban(&["rules", "lint", path.to_str().unwrap()]);
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("not UTF-8"), "{stderr}");
}
