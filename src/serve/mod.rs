//! `duban serve`: a page on the clerk's own machine, in Chinese, where a
//! bulletin is dropped, its problems shown on its text, and the notice
//! downloaded as a .docx — a thin layer over the same pipeline as the CLI.
//!
//! It listens on 127.0.0.1 only (another address only with `--listen`), on a
//! free port unless one is given, and answers only its own page ([`Guard`]).
//! Everything the page needs is in the binary: no network, works offline.

mod api;
mod batch;
mod edit;
mod files;
mod guard;

use std::net::IpAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post, put};

pub use api::JOBS;
pub use guard::{Guard, Refusal, TOKEN_HEADER};

use crate::Error;
use crate::office::Office;

/// The page: HTML, CSS and JavaScript in one file, with `{{TOKEN}}` and
/// `{{OFFICE}}` filled in when served.
const PAGE: &str = include_str!("page.html");

/// How `duban serve` was asked to run.
#[derive(Debug)]
pub struct ServeOptions {
    /// The office folder, or none for the built-in rules and templates.
    pub office: Option<Office>,
    /// The address to listen on: 127.0.0.1 unless `--listen` says otherwise.
    pub listen: IpAddr,
    /// The port; 0 for a free one.
    pub port: u16,
    /// Open the page in the default browser.
    pub open: bool,
}

/// How many uploads are received at once; more wait before their bodies are
/// read. With [`JOBS`], the bound on memory: this many bodies of at most
/// 64 MiB each.
pub const UPLOADS: usize = 8;

/// What every answer needs.
pub struct App {
    office: Option<Office>,
    guard: Guard,
    jobs: tokio::sync::Semaphore,
    uploads: tokio::sync::Semaphore,
}

/// Serves until the process is stopped (Ctrl+C). Prints the page's address
/// on standard output, first, alone on its line.
pub fn serve(options: ServeOptions) -> Result<(), Error> {
    let failed =
        |e: std::io::Error| Error::Serve(crate::say!("无法启动网页版（{e}）", "cannot start the server ({e})"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(JOBS)
        .enable_io()
        .build()
        .map_err(failed)?;
    runtime.block_on(run(options)).map_err(failed)
}

async fn run(options: ServeOptions) -> Result<(), std::io::Error> {
    let listener = tokio::net::TcpListener::bind((options.listen, options.port)).await?;
    let port = listener.local_addr()?.port();
    let guard = Guard::new(options.listen, port, guard::new_token()?);
    let host = if options.listen.is_loopback() { "127.0.0.1".to_string() } else { options.listen.to_string() };
    let url = format!("http://{host}:{port}/");
    announce(&url, &options);
    let app = Arc::new(App {
        office: options.office,
        guard,
        jobs: tokio::sync::Semaphore::new(JOBS),
        uploads: tokio::sync::Semaphore::new(UPLOADS),
    });
    let limit = usize::try_from(crate::ingest::MAX_INPUT_BYTES).unwrap_or(usize::MAX);
    let router = Router::new()
        .route("/", get(page))
        .route("/api/check", post(api::check))
        .route("/api/draft", post(api::draft))
        .route("/api/notices", post(batch::notices))
        .route("/api/files", get(edit::list))
        .route("/api/file", get(edit::show).merge(put(edit::save)))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guarded))
        .with_state(app);
    if options.open {
        open_browser(&url);
    }
    axum::serve(listener, router).await
}

/// The address on standard output; what it is, in the clerk's words, on
/// standard error.
fn announce(url: &str, options: &ServeOptions) {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{url}").and_then(|()| out.flush());
    let office = match &options.office {
        Some(office) => {
            crate::say!("使用本室文件夹 {} 里的设置、规则和模板", "using the office folder {}", shown(&office.dir))
        }
        None => {
            crate::say!("没有本室文件夹，使用内置的规则和模板", "no office folder: the built-in rules and templates")
        }
    };
    let mut said = crate::say!(
        "duban 网页版已启动：{url}\n在浏览器里打开上面的地址；{office}。按 Ctrl+C 停止。\n",
        "duban serves {url}\nOpen it in a browser; {office}. Ctrl+C stops it.\n"
    );
    if !options.listen.is_loopback() {
        said.push_str(&crate::diagnostics::render(
            crate::diagnostics::Severity::Warning,
            &crate::say!(
                "正在监听 {}：同一网络里的其他电脑也能打开这个页面",
                "listening on {}: other computers on the network can open this page",
                options.listen
            ),
            None,
        ));
    }
    let _ = std::io::stderr().lock().write_all(said.as_bytes());
}

fn shown(dir: &std::path::Path) -> String {
    if dir.as_os_str().is_empty() { ".".to_string() } else { dir.display().to_string() }
}

/// Refuses what [`Guard`] refuses, before anything else reads the request;
/// a request with a body waits for one of the [`UPLOADS`] places first.
async fn guarded(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    if let Err(refusal) = app.guard.check(request.method(), request.headers()) {
        return api::Failure::new(StatusCode::FORBIDDEN, refusal.message()).into_response();
    }
    if matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD) {
        return next.run(request).await;
    }
    let Ok(_place) = app.uploads.acquire().await else {
        return api::Failure::new(StatusCode::SERVICE_UNAVAILABLE, "duban is stopping").into_response();
    };
    next.run(request).await
}

async fn page(State(app): State<Arc<App>>) -> Response {
    let office = match &app.office {
        Some(office) => crate::say!("本室文件夹：{}", "office folder: {}", shown(&office.dir)),
        None => crate::say!("未指定本室文件夹：使用内置的规则和模板", "no office folder: built-in rules and templates"),
    };
    let html = PAGE.replace("{{TOKEN}}", app.guard.token()).replace("{{OFFICE}}", &html_escape(&office));
    ([(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

async fn not_found() -> Response {
    api::Failure::new(StatusCode::NOT_FOUND, crate::say!("没有这个页面", "no such page")).into_response()
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Asks the system to open `url` in the default browser; a failure is said,
/// not fatal (the address is printed).
fn open_browser(url: &str) {
    let mut command = if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", "", url]);
        command
    } else if cfg!(target_os = "macos") {
        let mut command = std::process::Command::new("open");
        command.arg(url);
        command
    } else {
        let mut command = std::process::Command::new("xdg-open");
        command.arg(url);
        command
    };
    command.stdin(std::process::Stdio::null()).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    if command.spawn().is_err() {
        let message = crate::say!("无法打开浏览器；请自己打开 {url}", "cannot open a browser; open {url} yourself");
        eprint!("{}", crate::diagnostics::render(crate::diagnostics::Severity::Warning, &message, None));
    }
}
