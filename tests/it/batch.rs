//! Folders of bulletins: a month of reports, some broken, every good one
//! judged or drafted and every failure named.

use std::path::Path;

use super::support::{duban, outputs};

/// A month's folder: the example, a fixture in a sub-folder, a broken .docx.
fn month(dir: &Path) -> std::path::PathBuf {
    let month = dir.join("month");
    std::fs::create_dir_all(month.join("county")).unwrap();
    std::fs::copy("examples/qinglan-2024-q3.txt", month.join("qinglan.txt")).unwrap();
    std::fs::copy("tests/fixtures/bulletins/work-tasks.txt", month.join("county/tasks.txt")).unwrap();
    std::fs::copy("examples/qinglan-2024-q3.txt", month.join("county/again.txt")).unwrap();
    std::fs::copy("tests/fixtures/bad/truncated.docx", month.join("broken.docx")).unwrap();
    std::fs::write(month.join("notes.md"), "not a bulletin").unwrap();
    std::fs::write(month.join(".hidden.txt"), "一、隐藏\n1.不读。\n").unwrap();
    month
}

#[test]
fn checking_a_folder_names_every_file_and_every_failure() {
    let dir = tempfile::tempdir().unwrap();
    let month = month(dir.path());
    let path = month.to_str().unwrap();
    let output = duban(&["check", path]);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2), "a failed file makes the run fail: {stderr}");
    assert!(stderr.contains("1 of 4 files could not be read"), "{stderr}");
    assert!(!stderr.contains("/4"), "no progress bar when standard error is not a terminal: {stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].contains("broken.docx  failed:") && lines[0].contains("not a readable .docx"), "{stdout}");
    assert!(lines[1].contains("county/again.txt  findings 14: 6 红色 · 6 黄色 · 2 蓝色"), "{stdout}");
    assert!(lines[2].contains("county/tasks.txt  findings "), "{stdout}");
    assert!(lines[3].contains("qinglan.txt  findings 14: 6 红色 · 6 黄色 · 2 蓝色"), "{stdout}");
    assert!(
        stdout.contains("county/tasks.txt:") && stdout.contains("qinglan.txt:49:11 [红色] behind-schedule"),
        "{stdout}"
    );
    assert!(stdout.trim_end().lines().last().unwrap().starts_with("4 files: 3 read, 1 failed · findings "), "{stdout}");

    let output = duban(&["check", path, "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&outputs(&output).0).unwrap();
    assert_eq!((json["summary"]["files"].as_u64(), json["summary"]["failed"].as_u64()), (Some(4), Some(1)));
    let files = json["files"].as_array().unwrap();
    assert!(files[0]["error"].as_str().unwrap().contains("not a readable .docx"));
    assert!(files[0]["check"].is_null() && files[1]["error"].is_null());
    assert_eq!(files[3]["check"]["summary"]["items"], 12);
    // The combined view: a unit behind in two bulletins lists both, with both files' findings.
    let health = json["by_unit"].as_array().unwrap().iter().find(|u| u["unit"] == "县卫健局").unwrap();
    assert_eq!(health["files"].as_array().unwrap().len(), 2, "{health}");
    assert_eq!(health["findings"], 4);

    let output = duban(&["check", path, "--glob", "*.txt"]);
    assert_eq!(output.status.code(), Some(1), "findings and no failure: {}", outputs(&output).1);
    let output = duban(&["check", path, "--glob", "*.pdf"]);
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("no files matching *.pdf"), "{stderr}");
}

#[test]
fn drafting_a_folder_writes_every_good_draft_and_nothing_partial() {
    let dir = tempfile::tempdir().unwrap();
    let month = month(dir.path());
    std::fs::copy("tests/fixtures/bulletins/county-site.html", month.join("qinglan.html")).unwrap();
    let out = dir.path().join("out");
    let args = ["draft", month.to_str().unwrap(), "--out-dir", out.to_str().unwrap(), "--format", "txt"];
    let output = duban(&args);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("broken.docx: failed:") && stderr.contains("5 files: 4 drafted, 1 failed"), "{stderr}");
    let mut written: Vec<String> =
        stdout.lines().map(|l| l.strip_prefix(out.to_str().unwrap()).unwrap().to_string()).collect();
    written.sort();
    assert_eq!(
        written,
        [
            "/county/again.督办通知.txt",
            "/county/tasks.督办通知.txt",
            "/qinglan.html.督办通知.txt",
            "/qinglan.txt.督办通知.txt"
        ]
    );
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left");

    // Drafts already there are kept unless --force.
    let draft = out.join("qinglan.txt.督办通知.txt");
    std::fs::write(&draft, "edited by hand").unwrap();
    let output = duban(&args);
    assert!(outputs(&output).1.contains("already there; pass --force"));
    assert_eq!(std::fs::read_to_string(&draft).unwrap(), "edited by hand");
    let mut forced = args.to_vec();
    forced.push("--force");
    duban(&forced);
    assert!(
        std::fs::read_to_string(&draft).unwrap().starts_with("关于2024年全县重点工作任务前三季度落实情况的督办通知")
    );

    let output = duban(&["draft", month.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(outputs(&output).1.contains("needs --out-dir"));
}
