//! `duban parse` through the real binary: exit codes, what goes to standard
//! output and standard error, and inputs left as they were.

use crate::support::{duban, duban_zh, fixture, outputs};

#[test]
fn parse_prints_an_outline_and_exits_zero() {
    let output = duban(&["parse", "examples/qinglan-2024-q3.txt"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("title      关于2024年全县重点工作任务前三季度落实情况的通报\n"), "{stdout}");
    assert!(stdout.contains("items      12, 11 with status"), "{stdout}");
    assert!(stdout.contains("    4. · 年底前建成城东综合客运枢纽"), "{stdout}");
    assert_eq!(stderr, "");
}

#[test]
fn json_goes_to_stdout_with_the_documented_keys() {
    let output = duban(&["parse", "--format", "json", "examples/qinglan-2024-q3.txt"]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    // Top-level keys, in the documented order.
    let keys: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("  \"")?.split('"').next()).collect();
    assert_eq!(keys, ["source", "meta", "preamble", "sections", "items", "glossary", "closing", "warnings"]);
    assert_eq!(value["source"]["encoding"], "UTF-8");
    assert_eq!(value["source"]["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(value["items"][2]["heading"], "8月底前完成2023年12个专项债券项目资金支付");
}

#[test]
fn warnings_go_to_stderr_with_the_line_and_a_caret() {
    let output = duban(&["parse", fixture("bulletins/meeting-decisions.txt").to_str().unwrap()]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("warnings   2"));
    let expected = "\
warning: numbering skips: （四） after （二） (expected （三）)
  --> tests/fixtures/bulletins/meeting-decisions.txt:67:1
   |
67 | （四）第三个议题，审议了《青岚县城区停车设施建…
   | ^^^^^^
";
    assert!(stderr.starts_with(expected), "{stderr}");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for format in ["text", "json"] {
        let args = ["parse", "--format", format, "tests/fixtures/bulletins/auto-numbered.docx"];
        assert_eq!(duban(&args).stdout, duban(&args).stdout, "{format}");
    }
}

#[test]
fn inputs_are_never_changed() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["bulletins/work-tasks.txt", "bulletins/auto-numbered.docx", "bad/truncated.docx", "bad/image.txt"] {
        let copy = dir.path().join(name.replace('/', "-"));
        std::fs::copy(fixture(name), &copy).unwrap();
        let before = std::fs::read(&copy).unwrap();
        let modified = std::fs::metadata(&copy).unwrap().modified().unwrap();
        duban(&["parse", copy.to_str().unwrap()]);
        assert_eq!(std::fs::read(&copy).unwrap(), before, "{name}");
        assert_eq!(std::fs::metadata(&copy).unwrap().modified().unwrap(), modified, "{name}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 4, "parse writes no files");
}

/// Each bad input: exit 2, nothing on stdout, one line on stderr naming the file.
#[test]
fn bad_inputs_fail_with_one_clear_line() {
    let cases = [
        ("tests/fixtures/bad/empty.txt", "the file is empty"),
        ("tests/fixtures/bad/blank.txt", "the file holds only spaces and blank lines"),
        ("tests/fixtures/bad/image.txt", "binary data at byte 8; expected a text, .docx or .html file"),
        ("tests/fixtures/bad/report.pdf", "PDF files are not supported; save it as .docx or .txt"),
        (
            "tests/fixtures/bad/truncated.docx",
            "not a readable .docx: the zip container is damaged or truncated (invalid Zip archive: Could not find EOCD)",
        ),
        (
            "tests/fixtures/bad/workbook.docx",
            "not a readable .docx: it holds no word/document.xml (it is an Excel workbook)",
        ),
        ("tests/fixtures/bad/bomb.docx", "not a readable .docx: word/document.xml inflates to more than 64 MiB"),
        ("tests/fixtures/no-such-file.txt", "no such file"),
        ("tests/fixtures", "is a folder, not a file"),
    ];
    for (path, reason) in cases {
        let output = duban(&["parse", path]);
        let (stdout, stderr) = outputs(&output);
        assert_eq!(output.status.code(), Some(2), "{path}: {stderr}");
        assert_eq!(stdout, "", "{path}");
        assert_eq!(stderr, format!("error: {path}: {reason}\n"), "{path}");
    }
}

#[test]
fn an_unknown_encoding_is_named() {
    let output = duban(&["parse", "--encoding", "klingon", "examples/qinglan-2024-q3.txt"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        outputs(&output).1,
        "error: unknown encoding `klingon` (try utf-8, gbk, gb18030, big5, utf-16le or utf-16be)\n"
    );
}

#[test]
fn a_forced_encoding_is_obeyed_but_a_likely_mistake_is_named() {
    let output = duban(&["parse", "--encoding", "utf-16le", "examples/qinglan-2024-q3.txt"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("(txt, UTF-16LE)"), "{stdout}");
    assert!(stderr.starts_with("warning: the file is valid UTF-8; is --encoding UTF-16LE right?\n"), "{stderr}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_duban"))
        .args(["parse", "--format", "json", "tests/fixtures/bulletins/work-tasks.txt"])
        .current_dir(crate::support::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn usage_errors_exit_two() {
    let output = duban(&["parse"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(outputs(&output).1.contains("<FILE>"));
    let output = duban(&["parse", "--format", "yaml", "examples/qinglan-2024-q3.txt"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn a_flood_of_warnings_is_cut_short_in_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeats.txt");
    std::fs::write(&path, "一、甲\n".repeat(30)).unwrap();
    let output = duban(&["parse", path.to_str().unwrap()]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("warnings   29"), "{stdout}");
    assert_eq!(stderr.lines().filter(|l| l.starts_with("warning: numbering repeats")).count(), 20);
    assert!(stderr.ends_with("warning: 9 more warnings; --format json lists them all\n"), "{stderr}");
    let json = duban(&["parse", "--format", "json", path.to_str().unwrap()]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["warnings"].as_array().unwrap().len(), 29);
}

/// The outline shown in README.md is what the README's first command prints
/// (the README leaves lines out where it shows `…`).
#[test]
fn the_readme_shows_real_output() {
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let block = readme.split("```text\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a text block");
    let command = readme.split("cargo run --locked -- ").nth(1).and_then(|rest| rest.split('#').next());
    let args: Vec<&str> = command.expect("a `cargo run` command").split_whitespace().collect();
    let output = duban(&args);
    let stdout = outputs(&output).0;
    let mut actual = stdout.lines();
    for shown in block.lines().filter(|l| l.trim() != "…") {
        assert!(actual.any(|line| line == shown), "README line {shown:?} is not in the output, in order:\n{stdout}");
    }
}

#[test]
fn an_encoding_for_a_docx_is_ignored_with_a_warning() {
    let output = duban(&["parse", "--encoding", "gbk", "tests/fixtures/bulletins/auto-numbered.docx"]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("(docx, UTF-8)"), "{stdout}");
    assert!(stderr.starts_with("warning: --encoding does not apply to .docx files, which say their own\n"), "{stderr}");
}

/// Every command's help is in Chinese by default, in English with `--lang en`.
#[test]
fn help_is_in_chinese_unless_english_is_asked() {
    let commands: [&[&str]; 9] = [
        &[],
        &["parse"],
        &["facts"],
        &["check"],
        &["rules"],
        &["rules", "lint"],
        &["rules", "list"],
        &["draft"],
        &["init"],
    ];
    for command in commands {
        let args: Vec<&str> = command.iter().copied().chain(["--help"]).collect();
        let output = duban_zh(&args);
        let (stdout, stderr) = outputs(&output);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stdout.contains("用法：") && stdout.contains("显示帮助"), "{args:?}: {stdout}");
        assert!(!stdout.contains("Usage:") && !stdout.contains("Print help"), "{args:?}: {stdout}");
        let english: Vec<&str> = ["--lang", "en"].into_iter().chain(args.iter().copied()).collect();
        let (stdout, _) = outputs(&duban_zh(&english));
        assert!(stdout.contains("Usage:") && !stdout.contains("用法"), "{english:?}: {stdout}");
    }
}

/// Errors, a mistyped command line and a finished check speak the clerk's language.
#[test]
fn errors_and_results_are_in_chinese_unless_english_is_asked() {
    let missing = duban_zh(&["check", "没有这个文件.txt"]);
    let (stdout, stderr) = outputs(&missing);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stdout.is_empty() && stderr.starts_with("错误：没有这个文件.txt：文件不存在"), "{stderr}");
    let english = duban_zh(&["check", "没有这个文件.txt", "--lang", "en"]);
    assert!(outputs(&english).1.starts_with("error: 没有这个文件.txt: no such file"), "{}", outputs(&english).1);

    let mistyped = duban_zh(&["check", "--as-of", "2024-02-30", "examples/qinglan-2024-q3.txt"]);
    let (_, stderr) = outputs(&mistyped);
    assert_eq!(mistyped.status.code(), Some(2));
    assert!(stderr.contains("错误：") && stderr.contains("没有 2024-02-30 这一天"), "{stderr}");
    let unknown = duban_zh(&["chek"]);
    assert!(outputs(&unknown).1.contains("没有 chek 这个命令"), "{}", outputs(&unknown).1);

    let (stdout, _) = outputs(&duban_zh(&["facts", "examples/qinglan-2024-q3.txt"]));
    assert!(stdout.contains("县发改局（牵头）") && stdout.contains("落后序时进度9.9个百分点"), "{stdout}");
    assert!(!stdout.contains(" lead") && !stdout.contains("pp behind"), "{stdout}");
    let (stdout, _) = outputs(&duban_zh(&["--lang", "en", "facts", "examples/qinglan-2024-q3.txt"]));
    assert!(stdout.contains("县发改局 lead") && stdout.contains("9.9 pp behind 序时进度"), "{stdout}");
}
