//! The page's editor: list the office folder's files, show one, save one
//! once it is checked. Without an office folder there is nothing to edit.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::App;
use super::api::Failure;
use super::files;

/// The query naming a file: its name as `/api/files` lists it.
#[derive(Debug, Deserialize)]
pub struct Named {
    /// As listed: `rules/default.yaml`.
    pub name: String,
}

/// The largest file the editor saves: the bound duban reads rule files with.
const MAX_EDIT_BYTES: usize = crate::yaml::MAX_YAML_BYTES;

/// `GET /api/files`: the folder's editable files, or none without a folder.
pub async fn list(State(app): State<Arc<App>>) -> Response {
    let files: Vec<serde_json::Value> = app.office.as_ref().map_or_else(Vec::new, |office| {
        files::list(office).iter().map(|f| serde_json::json!({ "name": f.name, "kind": f.kind.label() })).collect()
    });
    json(serde_json::json!({ "files": files }))
}

/// `GET /api/file?name=…`: the file's text.
pub async fn show(State(app): State<Arc<App>>, Query(named): Query<Named>) -> Response {
    let result = listed(&app, &named.name).and_then(|file| {
        crate::files::read_text(&file.path, MAX_EDIT_BYTES as u64)
            .map_err(|message| Failure::new(StatusCode::UNPROCESSABLE_ENTITY, message))
    });
    match result {
        Ok(text) => json(serde_json::json!({ "name": named.name, "text": text })),
        Err(failure) => failure.into_response(),
    }
}

/// `PUT /api/file?name=…`: the body is the new text. Checked as duban reads
/// the file, with the folder's other files; saved only when it passes; a
/// mistake is answered with its line and column.
pub async fn save(State(app): State<Arc<App>>, Query(named): Query<Named>, body: Bytes) -> Response {
    let worker = Arc::clone(&app);
    let answer = tokio::task::spawn_blocking(move || save_now(&worker, &named.name, &body)).await;
    match answer {
        Ok(response) => response,
        Err(_) => Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "duban failed inside").into_response(),
    }
}

fn save_now(app: &App, name: &str, body: &[u8]) -> Response {
    let file = match listed(app, name) {
        Ok(file) => file,
        Err(failure) => return failure.into_response(),
    };
    if body.len() > MAX_EDIT_BYTES {
        let message = crate::say!("文件太大，超过 {} 字节", "the file is over {} bytes", MAX_EDIT_BYTES);
        return Failure::new(StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
    }
    let Ok(text) = std::str::from_utf8(body) else {
        return Failure::new(StatusCode::BAD_REQUEST, crate::say!("不是 UTF-8 文本", "not UTF-8 text")).into_response();
    };
    let office = app.office.as_ref().expect("a listed file has an office");
    match files::save(office, &file, text) {
        Ok(()) => json(serde_json::json!({ "saved": name })),
        Err(error) => {
            let at = files::place(&error);
            let body = serde_json::json!({
                "error": error.render().trim_end(),
                "line": at.map(|(line, _)| line),
                "column": at.map(|(_, column)| column),
            });
            (StatusCode::UNPROCESSABLE_ENTITY, [(header::CONTENT_TYPE, JSON)], body.to_string()).into_response()
        }
    }
}

/// The listed file of that name, or why there is none.
fn listed(app: &App, name: &str) -> Result<files::Editable, Failure> {
    let Some(office) = &app.office else {
        let message = crate::say!(
            "没有本室文件夹，没有可改的文件：先运行 duban init 建一个，再在其中启动 duban serve",
            "no office folder, so nothing to edit: make one with duban init and start duban serve in it"
        );
        return Err(Failure::new(StatusCode::NOT_FOUND, message));
    };
    files::find(office, name).ok_or_else(|| {
        let message =
            crate::say!("本室文件夹里没有可改的文件“{name}”", "the office folder has no editable file {name}");
        Failure::new(StatusCode::NOT_FOUND, message)
    })
}

const JSON: &str = "application/json; charset=utf-8";

fn json(value: serde_json::Value) -> Response {
    ([(header::CONTENT_TYPE, JSON)], value.to_string()).into_response()
}
