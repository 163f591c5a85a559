//! The hostile-input catalogue: one case per entry, each answered by a
//! result or by a clean error — exit code 2, the file named, no panic — with
//! no partial output and the input unchanged. README.md ("Limits") lists the
//! limits and the error each gives; scripts/hostile-timings times them.

use std::path::{Path, PathBuf};

use super::support::{duban, outputs, utf16};

/// How a case must end.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Ends {
    /// A result: exit code 0 or 1.
    Result,
    /// An error: exit code 2, one message naming the input and saying this.
    Error(&'static str),
    /// An error naming another file (a template, the output) and saying this.
    ErrorIn(&'static str, &'static str),
}

/// Runs `args` (with `{}` standing for `input`) and checks how it ends and
/// that the input is unchanged.
fn case(input: &Path, args: &[&str], ends: Ends) -> String {
    let before = std::fs::read(input).unwrap();
    let path = input.to_str().unwrap();
    let args: Vec<&str> = args.iter().map(|a| if *a == "{}" { path } else { a }).collect();
    let output = duban(&args);
    let (stdout, stderr) = outputs(&output);
    assert!(!stderr.contains("panicked"), "{}: {stderr}", input.display());
    match ends {
        Ends::Result => assert!(matches!(output.status.code(), Some(0 | 1)), "{}: {stderr}", input.display()),
        Ends::Error(says) | Ends::ErrorIn(_, says) => {
            assert_eq!(output.status.code(), Some(2), "{}: {stdout}", input.display());
            let first =
                stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or_else(|| panic!("no error: {stderr}"));
            let input_name = input.file_name().unwrap().to_string_lossy();
            let named = match ends {
                Ends::ErrorIn(file, _) => file,
                _ => input_name.as_ref(),
            };
            assert!(first.contains(named), "{named} is not named: {first}");
            assert!(stderr.contains(says), "{}: expected {says:?} in {stderr}", input.display());
            assert!(stdout.is_empty(), "no partial output: {stdout}");
        }
    }
    assert_eq!(std::fs::read(input).unwrap(), before, "{} was changed", input.display());
    stdout
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const SMALL: &str = "一、重点任务\n1.新建公园2个。\n落实情况：已完成。\n";

#[test]
fn hostile_bulletins() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let check = ["check", "{}"];

    // A 3.9 MB single line.
    case(&write(d, "long-line.txt", format!("一、任务{}\n", "字".repeat(1_300_000))), &check, Ends::Result);
    // More text than one bulletin may hold, in lines, in one line, in a page: refused where it passes the limit.
    let lines = "甲乙\n".repeat(700_000);
    case(
        &write(d, "many-lines.txt", lines),
        &check,
        Ends::Error("many-lines.txt:599187:1: the text passes the 4 MiB limit"),
    );
    let line = format!("一、任务\n{}\n", "字".repeat(1_500_000));
    case(
        &write(d, "longer-line.txt", line),
        &["facts", "{}"],
        Ends::Error("longer-line.txt:2:1398098: the text passes"),
    );
    let page = format!("<html><body>{}</body></html>", "<p>青岚镇推进缓慢。</p>".repeat(200_000));
    case(&write(d, "long-page.html", page), &["parse", "{}"], Ends::Error("MiB in all); split the bulletin"));
    // 100 000 numbered headings.
    let headings: String = (1..=100_000).map(|n| format!("{n}.第{n}项任务。\n")).collect();
    let stdout = case(&write(d, "headings.txt", headings), &["facts", "{}"], Ends::Result);
    assert!(stdout.contains("items      100000:"), "{}", &stdout[..200]);
    // 20 000 alternating (1)/① nestings.
    let nested: String = (0..20_000).map(|i| if i % 2 == 0 { "(1)甲。\n" } else { "①乙。\n" }).collect();
    case(&write(d, "nested.txt", nested), &check, Ends::Result);
    // Invalid UTF-8 in the middle of a UTF-8 file: read as UTF-8, the bytes replaced.
    let damaged = [SMALL.as_bytes(), b"\xff\xfe\x80", SMALL.as_bytes()].concat();
    let stdout = case(&write(d, "damaged.txt", damaged), &["parse", "{}"], Ends::Result);
    assert!(stdout.contains("(txt, UTF-8)"), "{stdout}");
    // NUL bytes.
    let nul = [SMALL.as_bytes(), b"\0\0\0", SMALL.as_bytes()].concat();
    case(&write(d, "nul.txt", nul), &check, Ends::Error("binary data"));
    // Figures by the thousand in one item, and on one line with no break between them:
    // each figure reads its own clause, not the whole line (BENCHMARKS.md has the times).
    let figures = format!(
        "一、任务\n1.新建项目。\n落实情况：{}。\n",
        (0..5_000).map(|i| format!("完成{i}个")).collect::<Vec<_>>().join("，")
    );
    case(&write(d, "figures.txt", figures), &check, Ends::Result);
    let line =
        format!("一、任务\n1.新建项目。\n落实情况：{}\n", (0..5_000).map(|i| format!("{i}个")).collect::<String>());
    case(&write(d, "figure-line.txt", line), &check, Ends::Result);
    // Form feeds and vertical tabs (page breaks of old text files) are line breaks.
    let stdout = case(&write(d, "form-feed.txt", format!("{SMALL}\u{C}{SMALL}\u{B}")), &["parse", "{}"], Ends::Result);
    assert!(stdout.contains("items      2, 2 with status"), "{stdout}");
    // Nothing but byte-order marks: no text, not an empty bulletin.
    case(&write(d, "boms.txt", "\u{FEFF}".repeat(100)), &check, Ends::Error("only spaces"));
    // UTF-16 without a byte-order mark.
    let stdout = case(&write(d, "utf16.txt", utf16(&SMALL.repeat(20), true, false)), &["parse", "{}"], Ends::Result);
    assert!(stdout.contains("UTF-16LE"), "{stdout}");
    // An .html file of 50 000 nested <div>s.
    let divs = format!(
        "<html><body>{}一、任务\n1.新建公园。{}</body></html>",
        "<div>".repeat(50_000),
        "</div>".repeat(50_000)
    );
    case(&write(d, "divs.html", divs), &check, Ends::Result);
    // Numbers and dates that do not fit or do not exist.
    let numbers = "一、任务\n1.完成投资99999999999999999999亿元，13月32日前完成。\n落实情况：完成99999999999999999999亿元，99999999999999999999%。\n";
    let stdout = case(&write(d, "numbers.txt", numbers), &["facts", "--format", "json", "{}"], Ends::Result);
    let facts: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(facts["items"][0]["deadlines"].as_array().unwrap().is_empty(), "13月32日 is no date");
    for quantity in facts["items"][0]["quantities"].as_array().unwrap() {
        assert!(quantity["base_value"].is_number(), "{quantity}");
    }
}

#[test]
fn hostile_word_documents() {
    let dir = tempfile::tempdir().unwrap();
    let copy = |name: &str| {
        let path = dir.path().join("in").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::copy(Path::new("tests/fixtures/bad").join(name), &path).unwrap();
        path
    };
    // A document.xml that inflates to 400 MB.
    case(&copy("bomb.docx"), &["check", "{}"], Ends::Error("inflates to more than 64 MiB"));
    // Entry names that climb out of the folder: read, never written anywhere.
    case(&copy("traversal.docx"), &["check", "{}"], Ends::Result);
    assert!(!dir.path().join("evil.txt").exists() && !Path::new("/etc/evil").exists());
    // An Excel workbook named .docx, and a truncated zip.
    case(&copy("workbook.docx"), &["check", "{}"], Ends::Error("Excel workbook"));
    case(&copy("truncated.docx"), &["check", "{}"], Ends::Error("damaged or truncated"));
    // A numbering level of 300 000 characters used by 30 000 paragraphs: no label, no 9 GB.
    let stdout = case(&copy("numbering-amplifier.docx"), &["parse", "{}"], Ends::Result);
    assert!(stdout.len() < 1 << 20, "{} bytes", stdout.len());
}

/// The worst cases of the catalogue, run as the probe ran them: under 1 GiB
/// of address space and 10 s, each ends with a result or a clean error naming
/// its file, never an abort.
#[cfg(unix)]
#[test]
fn the_worst_cases_stay_within_a_gibibyte_and_ten_seconds() {
    let binary = env!("CARGO_BIN_EXE_duban");
    // A task list past the text limit, and one within it with more findings than a draft lists.
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string("examples/qinglan-2024-q3.txt").unwrap();
    let over = write(dir.path(), "over.txt", example.repeat(2_000));
    let many = write(dir.path(), "many.txt", example.repeat(320));
    let (over, many) = (over.to_str().unwrap(), many.to_str().unwrap());
    for (file, args) in [
        ("tests/fixtures/bad/numbering-amplifier.docx", "draft {} -o - --format txt"),
        ("tests/fixtures/bad/numbering-amplifier.docx", "check {}"),
        ("tests/fixtures/bad/bomb.docx", "check {}"),
        ("tests/fixtures/rules/bad/alias-bomb.yaml", "rules lint {}"),
        (over, "draft {} -o - --format txt"),
        (many, "draft {} -o - --format txt"),
    ] {
        let script = format!("ulimit -v 1048576; exec timeout 10 {binary} {}", args.replace("{}", file));
        let output = std::process::Command::new("sh").arg("-c").arg(&script).output().unwrap();
        let stderr = outputs(&output).1;
        let code = output.status.code();
        assert!(matches!(code, Some(0..=2)), "{script}: exit {code:?}: {stderr}");
        if code == Some(2) {
            let name = Path::new(file).file_name().unwrap().to_string_lossy();
            assert!(stderr.contains(name.as_ref()), "{script}: {stderr}");
        }
    }
}

/// A file that does not fit in the memory left is refused by name: the
/// read asks for its memory first, where an abort would name nothing.
#[cfg(unix)]
#[test]
fn a_file_too_big_for_the_memory_left_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "big.txt", "青岚镇推进缓慢。\n".repeat(2_400_000));
    let binary = env!("CARGO_BIN_EXE_duban");
    let script = format!("ulimit -v 80000; exec {binary} --lang en check {}", file.display());
    let output = std::process::Command::new("sh").arg("-c").arg(&script).output().unwrap();
    let stderr = outputs(&output).1;
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("big.txt: not enough memory to read this file of 57.2 MiB"), "{stderr}");
}

#[test]
fn hostile_rule_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lint = ["rules", "lint", "{}"];
    // An alias bomb.
    let bomb = d.join("bomb.yaml");
    std::fs::copy("tests/fixtures/rules/bad/alias-bomb.yaml", &bomb).unwrap();
    case(&bomb, &lint, Ends::Error("more than 50 aliases"));
    // The same bomb after a plain scalar with an apostrophe, which opens no quoted string.
    let bomb_text = std::fs::read_to_string("tests/fixtures/rules/bad/alias-bomb.yaml").unwrap();
    case(
        &write(d, "its-bomb.yaml", format!("# it's\nnote: it's a list\n{bomb_text}")),
        &lint,
        Ends::Error("more than 50 aliases"),
    );
    // Brackets after an apostrophe are text; a # inside a plain scalar is no comment.
    let texty: String = std::iter::once("rules:\n".to_string())
        .chain((0..40).map(|n| {
            format!("  - id: r{n}\n    level: red\n    title: C#{n} it's [x\n    when: {{text: [C#, F#]}}\n    require: 'it''s [[{n}'\n")
        }))
        .collect();
    case(&write(d, "texty.yaml", texty), &lint, Ends::Result);
    // 200 levels deep.
    let deep: String = (0..200).map(|depth| format!("{}k{depth}:\n", "  ".repeat(depth))).collect();
    case(&write(d, "deep.yaml", deep), &lint, Ends::Error("nested more than 32 levels"));
    // 10 MB.
    let big = format!("rules: []\n{}", "# 注释\n".repeat(1_200_000));
    case(&write(d, "big.yaml", big), &lint, Ends::Error("over the limit"));
    // A regex that backtracking engines take forever on: Rust's regex runs in linear time.
    let catastrophic = "rules:\n  - id: r\n    level: red\n    title: t\n    when: {text: {regex: \"(a*)*b\", in: both}}\n    require: x\n";
    let rules = write(d, "regex.yaml", catastrophic);
    case(&rules, &lint, Ends::Result);
    let bulletin =
        write(d, "aaaa.txt", format!("一、任务\n1.{}。\n落实情况：{}。\n", "a".repeat(100_000), "a".repeat(100_000)));
    case(&bulletin, &["check", "{}", "--rules", rules.to_str().unwrap()], Ends::Result);
    // Sentences that would run without end: loops, functions, tags of a program, in `require` or `action`.
    let rule = |key: &str, sentence: &str| {
        let require = if key == "require" { sentence } else { "x" };
        let action = if key == "action" { format!("\n    action: '{sentence}'") } else { String::new() };
        format!(
            "rules:\n  - id: r\n    level: red\n    title: t\n    when: {{state: shortfall}}\n    require: '{require}'{action}\n"
        )
    };
    for (n, (key, sentence, says)) in [
        (
            "require",
            "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{{ unit }}{% endfor %}{% endfor %}",
            "`{% for %}` cannot be used",
        ),
        (
            "require",
            "{% for u in units %}{% for v in units %}{{ u }}{{ v }}{% endfor %}{% endfor %}",
            "`{% for %}` cannot be used",
        ),
        ("require", "{{ range(end=100000) | join(sep=unit) }}", "`range(…)` cannot be used"),
        ("require", "{% set x = unit %}{{ x }}", "`{% set %}` cannot be used"),
        ("require", "{% include \"r\" %}", "`{% include %}` cannot be used"),
        ("action", "加快{{ tasks }}进度{{ now() }}", "`now(…)` cannot be used"),
    ]
    .into_iter()
    .enumerate()
    {
        case(&write(d, &format!("sentence{n}.yaml"), rule(key, sentence)), &lint, Ends::Error(says));
    }
    // What a sentence may do: variables, filters and if … else.
    let plain = rule(
        "require",
        "{% if units | length > 1 %}{{ units | join(sep=\"、\") }}{% else %}{{ unit }}{% endif %}要加快（第{{ number }}项）进度。",
    );
    case(&write(d, "plain.yaml", plain), &lint, Ends::Result);
}

#[test]
fn hostile_templates_and_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let example = dir.path().join("bulletin.txt");
    std::fs::copy("examples/qinglan-2024-q3.txt", &example).unwrap();
    let out = dir.path().join("notice.txt");
    let draft = ["draft", "{}", "-o", out.to_str().unwrap(), "--templates", templates.to_str().unwrap()];
    for (template, says) in [
        ("# 标题\n{% include \"notice.tera\" %}\n", "Circular include"),
        ("# 标题\n{% for i in range(end=100000000) %}x{% endfor %}\n", "exceeds the limit"),
        (
            "# 标题\n{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}\n",
            "is a loop inside another?",
        ),
        // Loops over the bulletin's own findings, eight deep: 14⁸ turns, no output.
        (&format!("# 标题\n{}{}\n", "{% for f in findings %}".repeat(8), "{% endfor %}".repeat(8)), "longer than 1 s"),
        (
            "# 标题\n{% for a in range(end=100000) %}{% for b in range(end=100000) %}写{% endfor %}{% endfor %}\n",
            "loop",
        ),
    ] {
        std::fs::write(templates.join("notice.tera"), template).unwrap();
        case(&example, &draft, Ends::ErrorIn("notice.tera", says));
        assert!(!out.exists(), "no output after {says}");
    }

    // More findings than one notice lists: checked, not drafted.
    std::fs::remove_dir_all(&templates).unwrap();
    let many = write(dir.path(), "many.txt", std::fs::read_to_string(&example).unwrap().repeat(320));
    case(&many, &["check", "{}"], Ends::Result);
    let draft = ["draft", "{}", "-o", out.to_str().unwrap()];
    case(&many, &draft, Ends::Error("findings, over the 5000 one draft can list"));
    assert!(!out.exists(), "no output after too many findings");

    // An output folder that cannot be written (root ignores permissions, so
    // then a folder no one can write).
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o555);
    std::fs::set_permissions(&locked, permissions).unwrap();
    let unwritable = if std::fs::write(locked.join("probe"), "").is_ok() { PathBuf::from("/proc") } else { locked };
    let target = unwritable.join("notice.docx");
    case(&example, &["draft", "{}", "-o", target.to_str().unwrap()], Ends::ErrorIn("notice.docx", "cannot write"));
    assert!(!target.exists());
}

/// Runs `args` and waits at most 10 s for it: a run that would hang fails
/// the test instead of hanging it.
fn within_ten_seconds(args: &[&str]) -> std::process::Output {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let mut child = Command::new(env!("CARGO_BIN_EXE_duban"))
        .args(args)
        .current_dir(super::support::root())
        .env("DUBAN_LANG", "en")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("{args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Special files: a FIFO or a device wherever duban reads a file is refused
/// at once, by name, without being read; in a folder it fails alone.
#[cfg(unix)]
#[test]
fn special_files_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = |name: &str| {
        let path = dir.path().join(name);
        let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
        path.to_str().unwrap().to_string()
    };
    let refused = |args: &[&str], named: &str, kind: &str| {
        let output = within_ten_seconds(args);
        let (stdout, stderr) = outputs(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(named) && stderr.contains(&format!("is {kind}, not a regular file")), "{stderr}");
        assert!(stdout.is_empty(), "{stdout}");
    };
    let example = "examples/qinglan-2024-q3.txt";
    let bulletin = fifo("bulletin.txt");
    for command in ["parse", "facts", "check", "draft"] {
        refused(&[command, &bulletin], "bulletin.txt", "a FIFO");
    }
    let out = dir.path().join("out.docx");
    let out = out.to_str().unwrap();
    for (option, name) in [("--rules", "rules.yaml"), ("--units", "units.yaml"), ("--preset", "preset.yaml")] {
        let path = fifo(name);
        refused(&["draft", example, option, &path, "-o", out], name, "a FIFO");
        refused(&["draft", example, option, "/dev/zero", "-o", out], "/dev/zero", "a device");
    }
    refused(&["rules", "lint", "/dev/zero"], "/dev/zero", "a device");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let made = std::process::Command::new("mkfifo").arg(templates.join("notice.tera")).status().unwrap();
    assert!(made.success());
    refused(&["draft", example, "--templates", templates.to_str().unwrap(), "-o", out], "notice.tera", "a FIFO");
    assert!(!Path::new(out).exists());

    // In a folder, the FIFO fails alone and the others are read.
    let folder = dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(example, folder.join("a.txt")).unwrap();
    let made = std::process::Command::new("mkfifo").arg(folder.join("b.txt")).status().unwrap();
    assert!(made.success());
    let output = within_ten_seconds(&["check", folder.to_str().unwrap()]);
    let (stdout, stderr) = outputs(&output);
    assert!(stdout.contains("1 read, 1 failed"), "{stdout}{stderr}");
    assert!(stdout.contains("b.txt: is a FIFO, not a regular file"), "{stdout}");
    assert!(stdout.contains("a.txt:11:27"), "the other file is read: {stdout}");
}

/// Control characters, which XML 1.0 forbids and a terminal obeys: from a
/// page's `&#27;`, a text file's raw ESC or a template, none reaches the
/// terminal or the .docx, which always parses.
#[test]
fn control_characters_reach_neither_the_terminal_nor_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let page = "<html><head><meta charset=\"utf-8\"><title>关于道路建设落实情况的通报</title></head><body>\
                <p>一、重点任务</p><p>1.新建道路2公里。&#1;（牵头单位：县交通局）</p>\
                <p>落实情况：&#27;[31m已完成1公里&#27;[0m&#x1F;，进展较慢。</p></body></html>";
    // One BEL in a text of a thousand characters is a stray, not binary data.
    let text = format!(
        "一、重点任务\n1.新建道路2公里。\u{7}（牵头单位：县交通局）\n落实情况：\u{1B}[2J已完成1公里\u{C}进展较慢。\n{}\n",
        "说明。".repeat(400)
    );
    for (name, bytes) in [("page.html", page.as_bytes().to_vec()), ("bulletin.txt", text.as_bytes().to_vec())] {
        let input = write(dir.path(), name, bytes);
        for args in
            [&["parse", "{}"][..], &["facts", "{}", "--as-of", "2024-09-30"], &["check", "{}", "--as-of", "2024-09-30"]]
        {
            let command = args[0];
            let stdout = case(&input, args, Ends::Result);
            assert!(!stdout.contains(duban::text::xml_forbidden), "{command} {name}: {stdout:?}");
        }
        let output = duban(&["check", input.to_str().unwrap(), "--as-of", "2024-09-30"]);
        assert!(outputs(&output).1.contains("control characters dropped"), "{name}: a warning names them");
        let docx = dir.path().join(format!("{name}.docx"));
        case(&input, &["draft", "{}", "--as-of", "2024-09-30", "-o", docx.to_str().unwrap()], Ends::Result);
        let document = super::support::docx_part(&docx, "word/document.xml");
        assert!(!document.contains(duban::text::xml_forbidden), "{name}: {document}");
        assert!(document.contains("已完成1公里"), "{name}");
    }
    // A template that writes them.
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("notice.tera"), "# 标题\n各单位：\n正文\u{1}里\u{1B}[31m有字。\n").unwrap();
    let example = write(dir.path(), "example.txt", std::fs::read("examples/qinglan-2024-q3.txt").unwrap());
    let templates = templates.to_str().unwrap();
    let txt = case(&example, &["draft", "{}", "--templates", templates, "--format", "txt", "-o", "-"], Ends::Result);
    assert!(!txt.contains(duban::text::xml_forbidden) && txt.contains("正文里[31m有字"), "{txt:?}");
}

/// What a draft or an `init` copy is written as: a regular file with the mode
/// a plain create gives (0666 less the umask; an existing file's own), never
/// over a FIFO or a device, through a link to a file, and not at all past
/// the file-size limit — with no temporary file left behind.
#[cfg(unix)]
#[test]
fn outputs_are_plain_files_with_plain_modes() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let binary = env!("CARGO_BIN_EXE_duban");
    let example = std::fs::canonicalize("examples/qinglan-2024-q3.txt").unwrap();
    let example = example.to_str().unwrap();
    let shell = |script: &str| {
        let output = std::process::Command::new("sh").arg("-c").arg(script).current_dir(d).output().unwrap();
        (output.status.code(), outputs(&output).1)
    };
    let mode = |name: &str| std::fs::metadata(d.join(name)).unwrap().permissions().mode() & 0o777;
    for (umask, expected) in [("022", 0o644), ("002", 0o664), ("077", 0o600)] {
        let name = format!("u{umask}.docx");
        assert_eq!(shell(&format!("umask {umask}; {binary} draft {example} -o {name}")).0, Some(0));
        assert_eq!(mode(&name), expected, "umask {umask}");
        let folder = format!("office{umask}");
        assert_eq!(shell(&format!("umask {umask}; {binary} init {folder}")).0, Some(0));
        assert_eq!(mode(&format!("{folder}/templates/notice.tera")), expected, "init, umask {umask}");
    }
    // An existing file keeps its own mode.
    std::fs::set_permissions(d.join("u022.docx"), std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_eq!(shell(&format!("umask 022; {binary} draft {example} -o u022.docx --force")).0, Some(0));
    assert_eq!(mode("u022.docx"), 0o640);
    // Never over a FIFO or a device, whether named or behind a link.
    assert!(std::process::Command::new("mkfifo").arg(d.join("fifo.docx")).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/null", d.join("null.docx")).unwrap();
    for (name, kind) in [("fifo.docx", "a FIFO"), ("null.docx", "a device")] {
        let target = d.join(name);
        let output = within_ten_seconds(&["draft", example, "-o", target.to_str().unwrap(), "--force"]);
        let stderr = outputs(&output).1;
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(name) && stderr.contains(&format!("is {kind}, not a regular file")), "{stderr}");
    }
    assert!(std::fs::symlink_metadata(d.join("null.docx")).unwrap().file_type().is_symlink(), "the link stays");
    // A link to a file is written through; the link stays a link.
    std::os::unix::fs::symlink("u002.docx", d.join("link.docx")).unwrap();
    std::fs::write(d.join("u002.docx"), "old").unwrap();
    assert_eq!(shell(&format!("{binary} draft {example} -o link.docx --force")).0, Some(0));
    assert!(std::fs::symlink_metadata(d.join("link.docx")).unwrap().file_type().is_symlink());
    assert!(std::fs::read(d.join("u002.docx")).unwrap().starts_with(b"PK"), "the target holds the draft");
    // Past the file-size limit: a clean error, nothing written, no temporary file.
    let names = || {
        let mut names: Vec<_> = std::fs::read_dir(d).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        names
    };
    let before = names();
    let (code, stderr) = shell(&format!("ulimit -f 10; {binary} draft {example} -o big.docx"));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("big.docx") && stderr.contains("ulimit -f"), "{stderr}");
    assert_eq!(before, names(), "nothing left behind");
}

/// A folder's drafts are planned before anything is written: two inputs that
/// would share a draft are an error naming both, with nothing written; an
/// output folder inside the input folder and earlier drafts are never read
/// back as bulletins; the summary counts the files written.
#[test]
fn batch_outputs_never_overwrite_inputs_or_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("in");
    std::fs::create_dir(&folder).unwrap();
    let example = std::fs::read("examples/qinglan-2024-q3.txt").unwrap();
    for name in ["a.txt", "a.txt.txt"] {
        std::fs::write(folder.join(name), &example).unwrap();
    }
    std::fs::write(
        folder.join("a.html"),
        "<html><body><p>一、任务</p><p>1.新建公园2个。</p><p>落实情况：已完成。</p></body></html>",
    )
    .unwrap();
    let draft = |out: &Path, extra: &[&str]| {
        let mut args = vec!["draft", folder.to_str().unwrap(), "--out-dir", out.to_str().unwrap(), "--format", "txt"];
        args.extend_from_slice(extra);
        let output = duban(&args);
        (output.status.code(), outputs(&output))
    };
    let out = d.join("out");
    let (code, (_, stderr)) = draft(&out, &[]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("a.txt and") && stderr.contains("a.txt.txt: both would be drafted to"), "{stderr}");
    assert!(!out.exists(), "nothing written");

    // Drafts in the input folder, then in a folder inside it: neither is read back.
    std::fs::remove_file(folder.join("a.txt.txt")).unwrap();
    for out in [folder.clone(), folder.join("drafts")] {
        for round in 0..2 {
            let force: &[&str] = if round == 0 { &[] } else { &["--force"] };
            let (code, (stdout, stderr)) = draft(&out, force);
            assert_eq!(code, Some(0), "{stderr}");
            assert!(stderr.contains("2 files: 2 drafted, 0 failed"), "round {round}: {stderr}");
            assert_eq!(stdout.lines().count(), 2, "{stdout}");
        }
    }
    assert_eq!(std::fs::read(folder.join("a.txt")).unwrap(), example, "the input is unchanged");
    let drafts = std::fs::read_dir(folder.join("drafts")).unwrap().count();
    assert_eq!(drafts, 2, "no drafts of drafts");
}

/// A template that runs out of time fails its bulletin, and the folder's
/// other bulletins at once: one abandoned render, not one per file.
#[test]
fn a_template_out_of_time_costs_one_render_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    for n in 0..6 {
        std::fs::copy("examples/qinglan-2024-q3.txt", folder.join(format!("b{n}.txt"))).unwrap();
    }
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let slow = format!("# 标题\n{}{}\n", "{% for f in findings %}".repeat(8), "{% endfor %}".repeat(8));
    std::fs::write(templates.join("notice.tera"), slow).unwrap();
    let out = dir.path().join("out");
    let started = std::time::Instant::now();
    let args = [
        "draft",
        folder.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
        "--templates",
        templates.to_str().unwrap(),
    ];
    let output = within_ten_seconds(&args);
    let stderr = outputs(&output).1;
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.matches("longer than 1 s").count(), 6, "{stderr}");
    assert!(stderr.contains("6 files: 0 drafted, 6 failed"), "{stderr}");
    // Two threads each wait out one render at most.
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
}

/// Messages a user meets where duban would otherwise go on unsaid: an output
/// named for a format duban does not write, a template file named otherwise
/// than a template.
#[test]
fn what_would_pass_unsaid_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let example = write(dir.path(), "bulletin.txt", std::fs::read("examples/qinglan-2024-q3.txt").unwrap());
    for name in ["notice.pdf", "notice.doc", "notice.docx.bak"] {
        let out = dir.path().join(name);
        case(&example, &["draft", "{}", "-o", out.to_str().unwrap()], Ends::ErrorIn(name, "duban writes .docx, .md"));
        assert!(!out.exists());
    }
    // Said with --format, the name is the user's.
    let out = dir.path().join("notice.pdf");
    case(&example, &["draft", "{}", "-o", out.to_str().unwrap(), "--format", "txt"], Ends::Result);
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("关于"));
    // A misnamed template is named in a warning; the built-in one is used.
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(templates.join("Notice.tera"), "# 标题\n").unwrap();
    let out = dir.path().join("notice.docx");
    let args =
        ["draft", example.to_str().unwrap(), "-o", out.to_str().unwrap(), "--templates", templates.to_str().unwrap()];
    let stderr = outputs(&duban(&args)).1;
    assert!(stderr.contains("Notice.tera: not read; the templates are named notice.tera, sheet.tera"), "{stderr}");
}

/// Files in encodings a Chinese office rarely meets, and a page that lies
/// about its own: read, and the doubt said, never mojibake without a word.
#[test]
fn encodings_in_doubt_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let traditional = "關於道路建設落實情況的通報\n一、重點任務\n1.新建道路2公里。（牽頭單位：縣交通局）\n落實情況：已完成1公里，進展較慢。\n";
    let japanese =
        "道路建設の進捗について\n一、重点任務\n1.新しい道路を2キロ建設する。\n進捗状況：1キロ完了、遅れている。\n";
    for (name, bytes, says) in [
        (
            "big5.txt",
            encoding_rs::BIG5.encode(traditional).0.into_owned(),
            "may be in Big5; if the text reads wrongly, give --encoding big5",
        ),
        ("sjis.txt", encoding_rs::SHIFT_JIS.encode(japanese).0.into_owned(), "may be in Shift_JIS"),
    ] {
        let input = write(dir.path(), name, bytes);
        case(&input, &["parse", "{}"], Ends::Result);
        let stderr = outputs(&duban(&["parse", input.to_str().unwrap()])).1;
        assert!(stderr.contains(says), "{name}: {stderr}");
    }
    // Told, the encoding reads the text as written.
    let big5 = dir.path().join("big5.txt");
    let stdout = case(&big5, &["parse", "{}", "--encoding", "big5"], Ends::Result);
    assert!(stdout.contains("關於道路建設落實情況的通報"), "{stdout}");
    // A page in UTF-8 whose meta says UTF-16 is read as UTF-8.
    let page = "<html><head><meta charset=\"utf-16\"><title>关于道路建设落实情况的通报</title></head>\
                <body><p>一、重点任务</p><p>1.新建道路2公里。</p><p>落实情况：已完成1公里。</p></body></html>";
    let stdout = case(&write(dir.path(), "page.html", page), &["parse", "{}"], Ends::Result);
    assert!(stdout.contains("关于道路建设落实情况的通报") && stdout.contains("(html, UTF-8)"), "{stdout}");
}
