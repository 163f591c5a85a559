//! The office folder: `duban init DIR`, then commands run inside it use its
//! settings, rules and templates with no flags, and flags still win.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{outputs, root};

const EXAMPLE: &str = "examples/qinglan-2024-q3.txt";

/// Runs `duban` inside `dir`.
fn duban_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_duban"))
        .args(args)
        .current_dir(dir)
        .env_remove("DUBAN_LANG")
        .output()
        .expect("the binary runs")
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn init_then_every_command_inside_the_folder_uses_it() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("青岚县督查室");
    let output = Command::new(env!("CARGO_BIN_EXE_duban")).arg("init").arg(&office).output().unwrap();
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("duban.toml") && stdout.contains("下一步") && stdout.contains("duban draft"), "{stdout}");
    let example = root().join(EXAMPLE);
    let example = example.to_str().unwrap();

    // The office's own words: a rule's title, its settings.
    edit(&office.join("rules/default.yaml"), "label: 蓝色", "label: 提醒");
    edit(&office.join("duban.toml"), "# issuer = \"某某县人民政府督查室\"", "issuer = \"青岚县人民政府督查室（试）\"");
    edit(&office.join("duban.toml"), "# number = \"某督办〔{year}〕{n}号\"", "number = \"青督办〔{year}〕{n}号\"");
    edit(&office.join("duban.toml"), "# reply_days = 15", "reply_days = 10");

    let lint = duban_in(&office, &["rules", "lint"]);
    let (stdout, stderr) = outputs(&lint);
    assert_eq!(lint.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("rules：无误"), "the office's rule folder is linted: {stdout}");
    assert!(stdout.contains("units.yaml：单位名录，不是规则文件"), "which file is what: {stdout}");

    let check = duban_in(&office, &["check", example]);
    let (stdout, stderr) = outputs(&check);
    assert_eq!(check.status.code(), Some(1), "{stderr}");
    assert!(stdout.contains("[提醒]") && !stdout.contains("蓝色"), "the office's rule is in force: {stdout}");
    // 2024-10-12 + 10 days.
    assert!(stdout.contains("2024-10-22"), "reply_days is the office's: {stdout}");

    let draft = duban_in(&office, &["draft", example, "--format", "txt", "-o", "-", "--number", "7"]);
    let (notice, stderr) = outputs(&draft);
    assert_eq!(draft.status.code(), Some(0), "{stderr}");
    assert!(notice.contains("青岚县人民政府督查室（试）"), "{notice}");
    assert!(notice.contains("青督办〔2024〕7号"), "{notice}");
    assert!(notice.contains("2024年10月22日"), "{notice}");

    // The office's template, and a flag over the settings.
    edit(&office.join("templates/notice.tera"), "三、几点要求", "三、工作要求");
    let draft = duban_in(&office, &["draft", example, "--format", "txt", "-o", "-", "--issuer", "另一督查室"]);
    let (notice, stderr) = outputs(&draft);
    assert_eq!(draft.status.code(), Some(0), "{stderr}");
    assert!(notice.contains("三、工作要求") && !notice.contains("几点要求"), "{notice}");
    assert!(notice.contains("另一督查室") && !notice.contains("（试）"), "{notice}");

    // The same from elsewhere with --office; a broken rule file stops lint at its line.
    let elsewhere = duban_in(dir.path(), &["--office", office.to_str().unwrap(), "check", example]);
    assert!(outputs(&elsewhere).0.contains("[提醒]"));
    edit(&office.join("rules/default.yaml"), "level: yellow", "level: purple");
    let lint = duban_in(&office, &["rules", "lint"]);
    let (_, stderr) = outputs(&lint);
    assert_eq!(lint.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("default.yaml:"), "{stderr}");
}

#[test]
fn a_mistake_in_the_settings_is_named_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("duban.toml"), "[notice]\nreply_days = \"十五\"\n").unwrap();
    let example = root().join(EXAMPLE);
    let output = duban_in(dir.path(), &["check", example.to_str().unwrap()]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("duban.toml:2:14"), "{stderr}");

    std::fs::write(dir.path().join("duban.toml"), "[files]\nrules = \"本室规则\"\n").unwrap();
    let output = duban_in(dir.path(), &["check", example.to_str().unwrap()]);
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("本室规则"), "{stderr}");
}

/// The repository's own rules/, templates/ and presets/ make an office folder.
#[test]
fn the_repository_is_an_office_folder() {
    let output = duban_in(root(), &["--office", ".", "check", EXAMPLE]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let builtin = duban_in(root(), &["check", EXAMPLE]);
    assert_eq!(stdout, outputs(&builtin).0, "the repository's files are the built-in ones");
    let lint = duban_in(root(), &["rules", "lint", "rules"]);
    assert_eq!(lint.status.code(), Some(0), "{}", outputs(&lint).1);
}
