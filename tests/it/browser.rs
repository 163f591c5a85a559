//! The page as a clerk uses it, in a real browser: Debian's chromium,
//! headless, driven through Debian's chromedriver (W3C WebDriver over HTTP).
//! Each step's screenshot is saved under target/browser/.
//!
//! Outside CI the test is skipped, with its reason, when chromium or
//! chromedriver is missing; under CI it fails (`.ci/run` installs them).

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::serve::Server;
use crate::support::{SEED_000_UNITS, request, root, seed, seeds, under_ci};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver and its one browser session, ended when dropped.
struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Browser {
    /// A headless chromium saving downloads into `downloads`; `None`
    /// (after saying why) outside CI when it is not installed.
    fn start(downloads: &Path) -> Option<Browser> {
        if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
            assert!(
                !under_ci(),
                "chromium and chromedriver are missing under CI (apt-get install chromium chromium-driver)"
            );
            println!("skipped: no {CHROMIUM} or {CHROMEDRIVER} (apt-get install chromium chromium-driver)");
            return None;
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let mut browser = Browser { driver, port, session: String::new() };
        let ready = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(ready.elapsed() < Duration::from_secs(20), "chromedriver does not answer");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = downloads.parent().unwrap().join("profile");
        // The flags the machine's notes give for a closed network: no background traffic.
        let args = [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--lang=zh-CN",
            "--window-size=1400,1000",
        ];
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        let capabilities = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": {
            "binary": CHROMIUM, "args": args,
            "prefs": { "download.default_directory": downloads, "download.prompt_for_download": false }
        } } } });
        browser.session = browser.call("POST", "/session", capabilities)["sessionId"].as_str().unwrap().to_string();
        let cdp = json!({ "cmd": "Browser.setDownloadBehavior", "params": { "behavior": "allow", "downloadPath": downloads } });
        browser.call("POST", &format!("/session/{}/goog/cdp/execute", browser.session), cdp);
        Some(browser)
    }

    /// A WebDriver command; its `value`.
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let body = if body.is_null() { Vec::new() } else { body.to_string().into_bytes() };
        let answer =
            request(self.port, method, path, &[("Host", "127.0.0.1"), ("Content-Type", "application/json")], &body);
        let value = answer.json();
        assert_eq!(answer.status, 200, "{method} {path}: {value}");
        value["value"].clone()
    }

    fn session(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    fn open(&self, url: &str) {
        self.call("POST", &self.session("/url"), json!({ "url": url }));
    }

    /// Runs `script` in the page; what it returns.
    fn js(&self, script: &str) -> Value {
        self.call("POST", &self.session("/execute/sync"), json!({ "script": script, "args": [] }))
    }

    /// Waits up to ten seconds for `condition` (a script's return) to be true.
    fn wait(&self, condition: &str, what: &str) {
        let start = Instant::now();
        while self.js(&format!("return Boolean({condition});")) != Value::Bool(true) {
            assert!(start.elapsed() < Duration::from_secs(10), "the page never showed {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Gives the file input `path`, as a clerk choosing the file does.
    fn choose(&self, path: &Path) {
        let element =
            self.call("POST", &self.session("/element"), json!({ "using": "css selector", "value": "#file" }));
        let id = element.as_object().unwrap().values().next().unwrap().as_str().unwrap().to_string();
        let path = path.canonicalize().unwrap();
        self.call("POST", &self.session(&format!("/element/{id}/value")), json!({ "text": path.to_str().unwrap() }));
    }

    fn screenshot(&self, name: &str) {
        let png = self.call("GET", &self.session("/screenshot"), Value::Null);
        let dir = root().join("target/browser");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), base64_decode(png.as_str().unwrap())).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = request(self.port, "DELETE", &path, &[("Host", "127.0.0.1")], &[]);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Standard base64, as WebDriver sends screenshots.
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()).map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes[..chunk.len().saturating_sub(1)].to_vec()
        })
        .collect()
}

/// The file that appears in `dir` within ten seconds, once fully written.
fn downloaded(dir: &Path) -> PathBuf {
    let start = Instant::now();
    loop {
        let done: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "docx"))
            .collect();
        if let Some(path) = done.into_iter().next() {
            return path;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no download in {}", dir.display());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_clerk_checks_a_bulletin_mends_a_rule_and_downloads_the_notice() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    let Some(browser) = Browser::start(&downloads) else { return };
    let office = dir.path().join("督查室");
    assert_eq!(
        Command::new(env!("CARGO_BIN_EXE_duban")).arg("init").arg(&office).output().unwrap().status.code(),
        Some(0)
    );
    let server = Server::start(&[office.to_str().unwrap()]);
    browser.open(&format!("http://127.0.0.1:{}/", server.port));
    browser.wait("document.querySelector('#files option')", "the office's files");

    // 1. The bulletin, its findings on its text and by unit.
    browser.choose(&seed(&seeds, "000"));
    browser.wait("document.querySelectorAll('#text mark').length > 10", "findings marked on the text");
    let panel = browser.js("return document.getElementById('units').innerText;");
    let panel = panel.as_str().unwrap();
    assert!(SEED_000_UNITS.iter().all(|unit| panel.contains(unit)), "every lagging unit in the panel: {panel}");
    let marks =
        browser.js("return document.querySelectorAll('#text mark.red, #text mark.yellow, #text mark.blue').length;");
    assert!(marks.as_u64().unwrap() > 10, "{marks}");
    browser.screenshot("1-checked.png");

    // 2. A rule mended wrongly: the mistake at its line, the file untouched.
    let rules = office.join("rules/default.yaml");
    let before = std::fs::read_to_string(&rules).unwrap();
    browser.js("const s = document.getElementById('files'); s.value = 'rules/default.yaml'; s.dispatchEvent(new Event('change'));");
    browser.wait("document.getElementById('source').value.includes('level: yellow')", "the rule file in the editor");
    browser.js("const t = document.getElementById('source'); t.value = t.value.replace('level: yellow', 'level: purple'); document.getElementById('save').click();");
    browser.wait("document.getElementById('edit-note').className === 'bad'", "the rule's mistake");
    let line = before.lines().position(|l| l.contains("level: yellow")).unwrap() + 1;
    let note = browser.js("return document.getElementById('edit-note').textContent;");
    assert!(note.as_str().unwrap().contains(&format!("第{line}行")), "{note}");
    let selected = browser
        .js("const t = document.getElementById('source'); return t.value.slice(t.selectionStart, t.selectionEnd);");
    assert_eq!(selected, "purple", "the mistake is selected in the editor");
    assert_eq!(std::fs::read_to_string(&rules).unwrap(), before);
    browser.js("document.getElementById('editor').scrollIntoView();");
    browser.screenshot("2-rule-refused.png");

    // 3. Mended rightly: saved, and the bulletin checked again.
    browser.js("const t = document.getElementById('source'); t.value = t.value.replace('level: purple', 'level: yellow').replace('label: 蓝色', 'label: 提醒'); document.getElementById('save').click();");
    browser.wait("document.getElementById('edit-note').className === 'good'", "the rule saved");
    browser.wait("document.getElementById('summary').innerText.includes('提醒')", "the new level in the summary");
    assert!(std::fs::read_to_string(&rules).unwrap().contains("label: 提醒"));
    browser.screenshot("3-rule-saved.png");

    // 4. The notice, downloaded, opens.
    browser.js("window.scrollTo(0, 0); document.getElementById('notice').click();");
    let docx = downloaded(&downloads);
    assert!(docx.file_name().unwrap().to_string_lossy().ends_with("督办通知.docx"), "{}", docx.display());
    let document = crate::support::docx_part(&docx, "word/document.xml");
    assert!(document.contains("督办通知"), "the title is in the document");
    browser.screenshot("4-downloaded.png");
}
