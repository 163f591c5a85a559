//! Several bulletins at once: `POST /api/notices` takes them as a form
//! (`multipart/form-data`, one `file` part each) and answers a .zip of their
//! notices, each named after its title; a bulletin that fails is listed in
//! 未能起草.txt inside the zip, and the others are still drafted.

use std::io::Write as _;
use std::sync::Arc;

use axum::extract::{Multipart, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::App;
use super::api::{Failure, Params, draft_bytes};

/// The most bulletins one request drafts.
pub const MAX_FILES: usize = 200;

/// `POST /api/notices`: every `file` part drafted, all in one .zip.
pub async fn notices(State(app): State<Arc<App>>, Query(params): Query<Params>, mut form: Multipart) -> Response {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    loop {
        match form.next_field().await {
            Ok(Some(field)) => {
                let name = field.file_name().unwrap_or("通报.txt").to_string();
                match field.bytes().await {
                    Ok(bytes) => files.push((name, bytes.to_vec())),
                    Err(e) => return Failure::new(StatusCode::BAD_REQUEST, e.body_text()).into_response(),
                }
                if files.len() > MAX_FILES {
                    let message = crate::say!("一次最多 {MAX_FILES} 份通报", "at most {MAX_FILES} bulletins at once");
                    return Failure::new(StatusCode::PAYLOAD_TOO_LARGE, message).into_response();
                }
            }
            Ok(None) => break,
            Err(e) => return Failure::new(e.status(), e.body_text()).into_response(),
        }
    }
    let Ok(_place) = app.jobs.acquire().await else {
        return Failure::new(StatusCode::SERVICE_UNAVAILABLE, "duban is stopping").into_response();
    };
    let worker = Arc::clone(&app);
    match tokio::task::spawn_blocking(move || zip_of(&worker, &params, files)).await {
        Ok(Ok(zip)) => {
            let disposition =
                "attachment; filename=\"duban.zip\"; filename*=UTF-8''%E7%9D%A3%E5%8A%9E%E9%80%9A%E7%9F%A5.zip";
            ([(header::CONTENT_TYPE, "application/zip"), (header::CONTENT_DISPOSITION, disposition)], zip)
                .into_response()
        }
        Ok(Err(failure)) => failure.into_response(),
        Err(_) => Failure::new(StatusCode::INTERNAL_SERVER_ERROR, "duban failed inside").into_response(),
    }
}

/// The notices of `files` in one zip, in the order given; names that
/// repeat get （2）, （3） ….
fn zip_of(app: &App, params: &Params, files: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, Failure> {
    let failed = |e: zip::result::ZipError| Failure::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::DEFAULT)
        .system(zip::System::Unix)
        .unix_permissions(0o644);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut used: Vec<String> = Vec::new();
    let mut failures = String::new();
    for (name, bytes) in files {
        let params = Params { name: Some(name.clone()), ..params.clone() };
        match draft_bytes(app, &params, bytes) {
            Ok((title, docx)) => {
                let mut file = format!("{title}.docx");
                let mut n = 1;
                while used.contains(&file) {
                    n += 1;
                    file = format!("{title}（{n}）.docx");
                }
                used.push(file.clone());
                zip.start_file(file, options).map_err(failed)?;
                zip.write_all(&docx).map_err(|e| failed(e.into()))?;
            }
            Err(failure) => failures.push_str(&format!("{name}：{}\r\n", failure.message())),
        }
    }
    if !failures.is_empty() {
        zip.start_file("未能起草.txt", options).map_err(failed)?;
        zip.write_all(failures.as_bytes()).map_err(|e| failed(e.into()))?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}
