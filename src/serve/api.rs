//! What the page asks: check a bulletin it uploads, draft its notice. Each
//! answer runs the CLI's own pipeline ([`crate::pipeline`], [`Loaded`]) on a
//! blocking thread, at most [`JOBS`] at a time.

use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::App;
use crate::cli::{Command, DraftArgs};
use crate::date::Date;
use crate::loaded::Loaded;
use crate::{Error, export, extract, pipeline, render, rules, view};

/// How many checks or drafts run at once; more wait their turn. Each holds
/// one bulletin's text and tree (64 MiB at most): the bound on memory.
pub const JOBS: usize = 4;

/// The query of `/api/check` and `/api/draft`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Params {
    /// The file's name, for its format (.docx, .html, .txt) and for messages.
    pub name: Option<String>,
    /// The date the figures stand at, instead of the bulletin's.
    pub as_of: Option<String>,
    /// The notice's date.
    pub date: Option<String>,
    /// `notice` (the default) or `sheets`.
    pub kind: Option<String>,
    /// `docx` (the default), or `html` for the page's preview.
    pub format: Option<String>,
}

/// An answer that is not the thing asked for: a status and a message for
/// the page, as JSON.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    /// A failure with `status`.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Failure {
        Failure { status, message: message.into() }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        // A bulletin that cannot be read is the upload's fault; a rule or
        // template of the office that cannot be read is the folder's.
        let status = match error {
            Error::Ingest(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        Failure { status, message: error.render() }
    }
}

impl Failure {
    /// What it says.
    pub fn message(&self) -> &str {
        self.message.trim_end()
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message.trim_end() }).to_string();
        (self.status, [(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response()
    }
}

/// `POST /api/check?name=…`: the body is the bulletin's bytes. The answer
/// is `duban check --format json`'s document under `check`, the text under
/// `text`, and `marks`: each finding's words as UTF-16 offsets into `text`,
/// as the page's JavaScript counts.
pub async fn check(State(app): State<Arc<App>>, Query(params): Query<Params>, body: Bytes) -> Response {
    run(app, move |app| check_now(app, &params, body.to_vec())).await
}

/// `POST /api/draft?name=…&kind=notice|sheets`: the .docx, named after the
/// notice's title; with `format=html`, the same notice as a page, for the preview.
pub async fn draft(State(app): State<Arc<App>>, Query(params): Query<Params>, body: Bytes) -> Response {
    run(app, move |app| draft_now(app, &params, body.to_vec())).await
}

/// Runs `job` on a blocking thread once one of the [`JOBS`] places is free.
async fn run<F>(app: Arc<App>, job: F) -> Response
where
    F: FnOnce(&App) -> Result<Response, Failure> + Send + 'static,
{
    let Ok(_place) = app.jobs.acquire().await else {
        return Failure::new(StatusCode::SERVICE_UNAVAILABLE, "duban is stopping").into_response();
    };
    let worker = Arc::clone(&app);
    match tokio::task::spawn_blocking(move || job(&worker)).await {
        Ok(Ok(response)) => response,
        Ok(Err(failure)) => failure.into_response(),
        // A panic in the pipeline ends this answer, not the server.
        Err(_) => Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            crate::say!(
                "duban 内部出错，这份通报没能处理；请把它发给维护人员",
                "duban failed inside on this bulletin; please send it to its maintainers"
            ),
        )
        .into_response(),
    }
}

/// The draft's arguments for this request: the office's files and settings,
/// the request's dates, as `duban draft` would take them.
fn arguments(app: &App, params: &Params) -> Result<DraftArgs, Failure> {
    let date = |text: &Option<String>, what: &str| -> Result<Option<Date>, Failure> {
        text.as_deref()
            .filter(|t| !t.is_empty())
            .map(|t| t.parse::<Date>().map_err(|e| Failure::new(StatusCode::BAD_REQUEST, format!("{what}: {e}"))))
            .transpose()
    };
    let mut args = DraftArgs { file: name(params), as_of: date(&params.as_of, "as_of")?, ..DraftArgs::default() };
    args.dates.date = date(&params.date, "date")?;
    args.kind = match params.kind.as_deref() {
        Some("sheets") => render::Kind::Sheets,
        _ => render::Kind::Notice,
    };
    let mut command = Command::Draft(args);
    if let Some(office) = &app.office {
        office.apply(&mut command).map_err(|e| Failure::from(Error::File(e)))?;
    }
    let Command::Draft(args) = command else { unreachable!("the command built above is a draft") };
    if let Some(office) = &app.office {
        super::files::confined(office, &args)?;
    }
    Ok(args)
}

/// The upload's name: its last component only, for its extension and for
/// messages; no path from a request is used as one.
fn name(params: &Params) -> PathBuf {
    let given = params.name.as_deref().unwrap_or("通报.txt");
    let last = given.rsplit(['/', '\\']).next().filter(|n| !n.is_empty() && *n != "." && *n != "..");
    PathBuf::from(last.unwrap_or("通报.txt"))
}

fn check_now(app: &App, params: &Params, bytes: Vec<u8>) -> Result<Response, Failure> {
    let args = arguments(app, params)?;
    let loaded = Loaded::load(&args)?;
    let settings = loaded.settings(&args, export::Format::Docx);
    let parsed = pipeline::read_bytes(&args.file, bytes, &settings.ingest)?;
    let facts = extract::extract(&parsed.source, &parsed.document, settings.lexicon, &settings.extract);
    let findings = rules::evaluate(settings.rules, &parsed.source, &parsed.document, &facts, &settings.dates);
    let check = view::to_check_json(&parsed, &facts, settings.rules, &findings);
    let text = &parsed.source.text;
    let marks: Vec<serde_json::Value> = findings
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.evidence.focus.end > 0)
        .map(|(index, finding)| {
            let focus = finding.evidence.focus;
            let start = utf16(&text[..focus.start]);
            let end = start + utf16(&text[focus.start..focus.end]);
            serde_json::json!({ "finding": index, "start": start, "end": end })
        })
        .collect();
    let body = format!(
        "{{\"name\":{},\"text\":{},\"marks\":{},\"outline\":{},\"check\":{}}}",
        serde_json::Value::from(args.file.display().to_string()),
        serde_json::Value::from(text.as_str()),
        serde_json::Value::from(marks),
        serde_json::Value::from(view::to_outline(&parsed)),
        check.trim_end()
    );
    Ok(([(header::CONTENT_TYPE, "application/json; charset=utf-8")], body).into_response())
}

fn draft_now(app: &App, params: &Params, bytes: Vec<u8>) -> Result<Response, Failure> {
    let args = arguments(app, params)?;
    let loaded = Loaded::load(&args)?;
    let preview = params.format.as_deref() == Some("html");
    let format = if preview { export::Format::Html } else { export::Format::Docx };
    let settings = loaded.settings(&args, format);
    let parsed = pipeline::read_bytes(&args.file, bytes, &settings.ingest)?;
    if preview {
        let html = pipeline::draft_parsed(parsed, &settings)?;
        return Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response());
    }
    let (title, docx) = titled_draft(parsed, &settings, args.kind)?;
    let file = format!("{title}.docx");
    let disposition = format!("attachment; filename=\"duban.docx\"; filename*=UTF-8''{}", percent(&file));
    let kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    Ok(([(header::CONTENT_TYPE, kind.to_string()), (header::CONTENT_DISPOSITION, disposition)], docx).into_response())
}

/// The draft of a bulletin already read, and the file name it goes by
/// (without .docx): the notice's title, 督办单 marked.
fn titled_draft(
    parsed: pipeline::Parsed,
    settings: &pipeline::DraftSettings<'_>,
    kind: render::Kind,
) -> Result<(String, Vec<u8>), Failure> {
    let title = file_title(&render::notice_title(parsed.document.meta.title.as_deref()));
    let title = if kind == render::Kind::Sheets { format!("{title}（督办单）") } else { title };
    Ok((title, pipeline::draft_parsed(parsed, settings)?))
}

/// The .docx of one bulletin's `bytes`, and the name it goes by: for a folder.
pub fn draft_bytes(app: &App, params: &Params, bytes: Vec<u8>) -> Result<(String, Vec<u8>), Failure> {
    let args = arguments(app, params)?;
    let loaded = Loaded::load(&args)?;
    let settings = loaded.settings(&args, export::Format::Docx);
    let parsed = pipeline::read_bytes(&args.file, bytes, &settings.ingest)?;
    titled_draft(parsed, &settings, args.kind)
}

/// A title as a file name: characters Windows refuses in names replaced.
fn file_title(title: &str) -> String {
    let clean: String =
        title.chars().map(|c| if r#"\/:*?"<>|"#.contains(c) || c.is_control() { '_' } else { c }).collect();
    clean.chars().take(80).collect()
}

/// RFC 5987's percent-encoding of UTF-8 (the `filename*` of a download).
fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The length of `text` in UTF-16 code units.
fn utf16(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uploads_name_is_its_last_component() {
        let named = |n: &str| name(&Params { name: Some(n.into()), ..Params::default() });
        assert_eq!(named("a/b/通报.docx"), PathBuf::from("通报.docx"));
        assert_eq!(named("C:\\Users\\x\\通报.html"), PathBuf::from("通报.html"));
        assert_eq!(named("../../etc/passwd"), PathBuf::from("passwd"));
        assert_eq!(named(".."), PathBuf::from("通报.txt"));
        assert_eq!(named(""), PathBuf::from("通报.txt"));
    }

    #[test]
    fn a_title_makes_a_file_name() {
        assert_eq!(file_title("关于“A/B”的督办通知"), "关于“A_B”的督办通知");
        assert_eq!(percent("通知 1.docx"), "%E9%80%9A%E7%9F%A5%201.docx");
        assert_eq!(utf16("a𝄞中"), 4);
    }
}
