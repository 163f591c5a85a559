//! `duban serve` through a real server on an ephemeral port: the page's
//! answers are the CLI's, and only the page may ask.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::support::{Answer, corpus, outputs, request, root, seeds};

/// A running `duban serve`, stopped when dropped.
pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) port: u16,
    token: String,
}

impl Server {
    pub(crate) fn start(args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_duban"))
            .arg("serve")
            .args(args)
            .current_dir(root())
            .env_remove("DUBAN_LANG")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().trim_end_matches('/').rsplit(':').next().unwrap().parse().expect("a port");
        assert!(line.starts_with("http://127.0.0.1:"), "{line}");
        let mut server = Server { child, port, token: String::new() };
        let page = server.get("/");
        assert_eq!(page.status, 200);
        let html = String::from_utf8(page.body).unwrap();
        let at = html.find("name=\"duban-token\" content=\"").expect("the page carries its token") + 28;
        server.token = html[at..at + 32].to_string();
        server
    }

    fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn get(&self, path: &str) -> Answer {
        let host = format!("127.0.0.1:{}", self.port);
        request(self.port, "GET", path, &[("Host", &host)], &[])
    }

    /// A POST as the page makes it: its origin and token.
    fn post(&self, path: &str, body: &[u8]) -> Answer {
        let (host, origin) = (format!("127.0.0.1:{}", self.port), self.origin());
        request(self.port, "POST", path, &[("Host", &host), ("Origin", &origin), ("x-duban-token", &self.token)], body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The CLI's `check --format json` of `path`, run beside it so that its
/// `source.path` is the file's name, as the upload's is.
fn cli_check(path: &Path) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_duban"))
        .args(["check", "--format", "json"])
        .arg(path.file_name().unwrap())
        .current_dir(path.parent().unwrap())
        .env_remove("DUBAN_LANG")
        .output()
        .unwrap();
    assert!(output.status.code() != Some(2), "{}", outputs(&output).1);
    serde_json::from_slice(&output.stdout).unwrap()
}

fn name_of(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[test]
fn the_pages_check_is_the_clis_on_every_real_bulletin() {
    let server = Server::start(&[]);
    let mut files = vec![root().join("examples/qinglan-2024-q3.txt")];
    files.extend(seeds().unwrap_or_default());
    if let Some(dir) = corpus() {
        let mut raw: Vec<_> = std::fs::read_dir(dir.join("raw")).unwrap().flatten().map(|e| e.path()).collect();
        raw.sort();
        files.extend(raw);
    }
    for path in &files {
        let answer = server.post(&format!("/api/check?name={}", name_of(path)), &std::fs::read(path).unwrap());
        assert_eq!(answer.status, 200, "{}: {}", path.display(), String::from_utf8_lossy(&answer.body));
        let page = answer.json();
        assert_eq!(page["check"], cli_check(path), "{}", path.display());
        // Each mark points at the words of its finding, in the text as JavaScript counts it.
        let text: Vec<u16> = page["text"].as_str().unwrap().encode_utf16().collect();
        for mark in page["marks"].as_array().unwrap() {
            let (start, end) = (mark["start"].as_u64().unwrap() as usize, mark["end"].as_u64().unwrap() as usize);
            let words = String::from_utf16(&text[start..end]).unwrap();
            let finding = &page["check"]["findings"][mark["finding"].as_u64().unwrap() as usize];
            assert_eq!(words, finding["evidence"]["focus"].as_str().unwrap(), "{}", path.display());
        }
    }
}

#[test]
fn the_pages_notice_is_the_drafts_bytes() {
    let server = Server::start(&[]);
    let example = root().join("examples/qinglan-2024-q3.txt");
    let answer = server.post("/api/draft?name=qinglan-2024-q3.txt", &std::fs::read(&example).unwrap());
    assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.docx");
    let cli = Command::new(env!("CARGO_BIN_EXE_duban"))
        .args(["draft", "qinglan-2024-q3.txt", "-o"])
        .arg(&out)
        .current_dir(root().join("examples"))
        .output()
        .unwrap();
    assert_eq!(cli.status.code(), Some(0), "{}", outputs(&cli).1);
    assert!(answer.body == std::fs::read(&out).unwrap(), "the page's .docx is the CLI's");
    // Named after the notice's title.
    let title = "关于2024年全县重点工作任务前三季度落实情况的督办通知.docx";
    assert!(answer.headers.contains(&format!("filename*=UTF-8''{}", name_of(Path::new(title)))), "{}", answer.headers);
    let sheets = server.post("/api/draft?name=qinglan-2024-q3.txt&kind=sheets", &std::fs::read(&example).unwrap());
    assert_eq!(sheets.status, 200);
    assert!(sheets.body.starts_with(b"PK") && sheets.body != answer.body);
}

#[test]
fn only_the_page_may_ask_and_bad_uploads_are_answered_in_chinese() {
    let server = Server::start(&[]);
    let port = server.port;
    let example = std::fs::read(root().join("examples/qinglan-2024-q3.txt")).unwrap();
    let host = format!("127.0.0.1:{port}");
    let origin = server.origin();
    let check = "/api/check?name=a.txt";
    // DNS rebinding: another name for this address.
    let rebound = request(port, "GET", "/", &[("Host", &format!("evil.example:{port}"))], &[]);
    assert_eq!(rebound.status, 403);
    assert!(rebound.json()["error"].as_str().unwrap().contains("Host"));
    // Another site's page, and a request without this launch's token.
    let foreign = request(
        port,
        "POST",
        check,
        &[("Host", &host), ("Origin", "http://evil.example"), ("x-duban-token", &server.token)],
        &example,
    );
    assert_eq!(foreign.status, 403);
    let tokenless = request(port, "POST", check, &[("Host", &host), ("Origin", &origin)], &example);
    assert_eq!(tokenless.status, 403);
    let wrong =
        request(port, "POST", check, &[("Host", &host), ("Origin", &origin), ("x-duban-token", "0123")], &example);
    assert_eq!(wrong.status, 403);
    // A name is only a name: no path from the request is read.
    let named = server.post("/api/check?name=..%2F..%2F..%2Fetc%2Fpasswd", &example);
    assert_eq!(named.status, 200);
    assert_eq!(named.json()["name"], "passwd");
    // Not a bulletin; too large; an unknown page.
    let binary = server.post(check, &[0u8, 1, 2, 3, 0, 0, 0, 9].repeat(100));
    assert_eq!(binary.status, 400);
    assert!(binary.json()["error"].as_str().unwrap().contains("二进制"), "{}", binary.json());
    let huge = server.post(check, &vec![b'a'; (64 << 20) + 1]);
    assert_eq!(huge.status, 413);
    assert_eq!(server.get("/nothing").status, 404);
    let bad_date = server.post("/api/check?name=a.txt&as_of=2024-02-30", &example);
    assert_eq!(bad_date.status, 400);
    assert!(bad_date.json()["error"].as_str().unwrap().contains("没有 2024-02-30 这一天"));
    // After all that, it still answers.
    assert_eq!(server.post(check, &example).status, 200);
}

#[test]
fn two_hundred_requests_at_once_are_all_answered() {
    let server = Server::start(&[]);
    let example = std::fs::read(root().join("examples/qinglan-2024-q3.txt")).unwrap();
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..20)
            .map(|_| {
                scope.spawn(|| {
                    (0..10).map(|_| server.post("/api/check?name=a.txt", &example).status).collect::<Vec<_>>()
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(statuses.len(), 200);
    assert!(statuses.iter().all(|&s| s == 200), "{statuses:?}");
    // Four jobs and eight uploads at a time: the server's peak memory stays small.
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.child.id())).unwrap();
    let peak: u64 =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:")).unwrap().trim().trim_end_matches(" kB").parse().unwrap();
    assert!(peak < 256 * 1024, "peak resident memory {peak} kB");
    println!("peak resident memory of the server: {peak} kB");
}

#[test]
fn the_office_folder_is_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    let init = Command::new(env!("CARGO_BIN_EXE_duban")).arg("init").arg(&office).output().unwrap();
    assert_eq!(init.status.code(), Some(0));
    let rules = office.join("rules/default.yaml");
    std::fs::write(&rules, std::fs::read_to_string(&rules).unwrap().replacen("label: 蓝色", "label: 提醒", 1)).unwrap();
    let server = Server::start(&[office.to_str().unwrap()]);
    let page = String::from_utf8(server.get("/").body).unwrap();
    assert!(page.contains("本室文件夹"), "the page says which folder it uses");
    let answer =
        server.post("/api/check?name=a.txt", &std::fs::read(root().join("examples/qinglan-2024-q3.txt")).unwrap());
    let levels = answer.json()["check"]["levels"].to_string();
    assert!(levels.contains("提醒") && !levels.contains("蓝色"), "{levels}");
}

impl Server {
    fn put(&self, path: &str, body: &[u8]) -> Answer {
        let (host, origin) = (format!("127.0.0.1:{}", self.port), self.origin());
        request(self.port, "PUT", path, &[("Host", &host), ("Origin", &origin), ("x-duban-token", &self.token)], body)
    }
}

/// The page edits the office folder's files: only those duban lists, each
/// checked as duban reads it before it is saved, a mistake answered at its
/// line and column with the file left as it was.
#[test]
fn an_edit_is_checked_before_it_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    assert_eq!(
        Command::new(env!("CARGO_BIN_EXE_duban")).arg("init").arg(&office).output().unwrap().status.code(),
        Some(0)
    );
    let outside = dir.path().join("outside.yaml");
    std::fs::copy(office.join("presets/word.yaml"), &outside).unwrap();
    std::os::unix::fs::symlink(&outside, office.join("presets/outside.yaml")).unwrap();
    let server = Server::start(&[office.to_str().unwrap()]);
    let listed = server.get("/api/files").json();
    let names: Vec<&str> = listed["files"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    for name in [
        "duban.toml",
        "rules/default.yaml",
        "rules/units.yaml",
        "rules/phrases.yaml",
        "templates/notice.tera",
        "presets/word.yaml",
    ] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    assert!(!names.iter().any(|n| n.contains("outside")), "a link out of the folder is not listed: {names:?}");

    let rules = office.join("rules/default.yaml");
    let before = std::fs::read_to_string(&rules).unwrap();
    let shown = server.get("/api/file?name=rules%2Fdefault.yaml").json();
    assert_eq!(shown["text"], before.as_str());

    // A level that does not exist: refused at its line, the file unchanged.
    let broken = before.replacen("level: yellow", "level: purple", 1);
    let line = broken.lines().position(|l| l.contains("level: purple")).unwrap() + 1;
    let refused = server.put("/api/file?name=rules%2Fdefault.yaml", broken.as_bytes());
    assert_eq!(refused.status, 422, "{}", String::from_utf8_lossy(&refused.body));
    let refusal = refused.json();
    assert_eq!(refusal["line"], line, "{refusal}");
    assert!(refusal["error"].as_str().unwrap().contains("purple"), "{refusal}");
    assert_eq!(std::fs::read_to_string(&rules).unwrap(), before, "the file is unchanged");

    // A valid edit is saved, and the next check uses it.
    let example = std::fs::read(root().join("examples/qinglan-2024-q3.txt")).unwrap();
    let fixed = before.replacen("label: 蓝色", "label: 提醒", 1);
    assert_eq!(server.put("/api/file?name=rules%2Fdefault.yaml", fixed.as_bytes()).status, 200);
    assert_eq!(std::fs::read_to_string(&rules).unwrap(), fixed);
    let levels = server.post("/api/check?name=a.txt", &example).json()["check"]["levels"].to_string();
    assert!(levels.contains("提醒"), "{levels}");

    // A template that does not parse, settings of the wrong type.
    let template = server.put("/api/file?name=templates%2Fnotice.tera", b"{% if %}\n");
    assert_eq!(template.status, 422);
    assert_eq!(template.json()["line"], 1);
    let settings = server.put("/api/file?name=duban.toml", "[notice]\nreply_days = \"十五\"\n".as_bytes());
    assert_eq!((settings.status, settings.json()["line"].clone()), (422, Value::from(2)));

    // Only listed names, only from the page.
    for name in ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "presets%2Foutside.yaml", "rules%2F..%2F..%2Fx"] {
        assert_eq!(server.get(&format!("/api/file?name={name}")).status, 404, "{name}");
        assert_eq!(server.put(&format!("/api/file?name={name}"), b"x").status, 404, "{name}");
    }
    let host = format!("127.0.0.1:{}", server.port);
    let tokenless =
        request(server.port, "PUT", "/api/file?name=duban.toml", &[("Host", &host), ("Origin", &server.origin())], b"");
    assert_eq!(tokenless.status, 403);
}

/// Files the office's settings name outside the folder, or links out of it,
/// are not read by the page.
#[test]
fn the_page_reads_only_the_office_folder() {
    let dir = tempfile::tempdir().unwrap();
    let office = dir.path().join("office");
    assert_eq!(
        Command::new(env!("CARGO_BIN_EXE_duban")).arg("init").arg(&office).output().unwrap().status.code(),
        Some(0)
    );
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).unwrap();
    std::fs::copy(office.join("rules/default.yaml"), elsewhere.join("default.yaml")).unwrap();
    let settings = office.join("duban.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(
        &settings,
        text.replace("# rules = \"rules\"", &format!("rules = {:?}", elsewhere.to_str().unwrap())),
    )
    .unwrap();
    let server = Server::start(&[office.to_str().unwrap()]);
    let example = std::fs::read(root().join("examples/qinglan-2024-q3.txt")).unwrap();
    let answer = server.post("/api/check?name=a.txt", &example);
    assert_eq!(answer.status, 422);
    assert!(answer.json()["error"].as_str().unwrap().contains("本室文件夹之外"), "{}", answer.json());

    std::fs::write(&settings, &text).unwrap();
    std::fs::remove_file(office.join("templates/notice.tera")).unwrap();
    std::fs::copy(root().join("templates/notice.tera"), elsewhere.join("notice.tera")).unwrap();
    std::os::unix::fs::symlink(elsewhere.join("notice.tera"), office.join("templates/notice.tera")).unwrap();
    let answer = server.post("/api/draft?name=a.txt", &example);
    assert_eq!(answer.status, 422, "a link out of the folder is not followed");
    assert_eq!(server.post("/api/check?name=a.txt", &example).status, 422);
}

/// Several bulletins at once: one .zip of their notices, named after their
/// titles, the ones that fail listed inside; each notice the single draft's bytes.
#[test]
fn a_folder_of_bulletins_gives_a_zip_of_notices() {
    let server = Server::start(&[]);
    let example = std::fs::read(root().join("examples/qinglan-2024-q3.txt")).unwrap();
    let single = server.post("/api/draft?name=a.txt", &example).body;
    let boundary = "duban-test-boundary";
    let mut form = Vec::new();
    for (name, bytes) in [("a.txt", &example[..]), ("b.txt", &example[..]), ("bad.txt", &[0u8, 1, 2, 0, 0, 7][..])] {
        form.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .as_bytes(),
        );
        form.extend_from_slice(bytes);
        form.extend_from_slice(b"\r\n");
    }
    form.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let (host, origin) = (format!("127.0.0.1:{}", server.port), server.origin());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    let answer = request(
        server.port,
        "POST",
        "/api/notices",
        &[("Host", &host), ("Origin", &origin), ("x-duban-token", &server.token), ("Content-Type", &content_type)],
        &form,
    );
    assert_eq!(answer.status, 200, "{}", String::from_utf8_lossy(&answer.body));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(answer.body)).unwrap();
    let title = "关于2024年全县重点工作任务前三季度落实情况的督办通知";
    let names: Vec<String> = zip.file_names().map(str::to_string).collect();
    assert_eq!(names, [format!("{title}.docx"), format!("{title}（2）.docx"), "未能起草.txt".to_string()]);
    let mut first = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_index(0).unwrap(), &mut first).unwrap();
    assert!(first == single, "each notice is the single draft's bytes");
    let mut failures = String::new();
    std::io::Read::read_to_string(&mut zip.by_index(2).unwrap(), &mut failures).unwrap();
    assert!(failures.starts_with("bad.txt：") && failures.contains("二进制"), "{failures}");
}
