//! The notice templates: built in, or an office's own copies.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tera::{Context, Tera};

use super::RenderError;
use super::context::NoticeContext;

/// A template: its file name and its built-in text.
pub struct Builtin {
    /// The file name, as `--templates DIR` overrides it.
    pub name: &'static str,
    /// The built-in text.
    pub text: &'static str,
}

/// The 督办通知 / 通报.
pub const NOTICE: Builtin = Builtin { name: "notice.tera", text: include_str!("../../templates/notice.tera") };

/// The per-unit 督办单.
pub const SHEET: Builtin = Builtin { name: "sheet.tera", text: include_str!("../../templates/sheet.tera") };

/// Every built-in template.
pub const BUILTIN: [Builtin; 2] = [NOTICE, SHEET];

/// The folder the built-in templates are reported under.
const BUILTIN_DIR: &str = "templates";

/// The largest template file read: 1 MiB, far over any notice's.
pub const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The most a template may write. A notice is tens of kilobytes; a loop
/// nested over huge ranges is stopped here.
pub const OUTPUT_LIMIT: usize = 16 << 20;

/// The longest a template may take to render. A notice takes milliseconds;
/// loops that write nothing are stopped here.
pub const TIME_LIMIT: Duration = Duration::from_secs(1);

/// Compiled templates, each remembering the file it came from.
pub struct Templates {
    tera: Arc<Tera>,
    files: Vec<(&'static str, PathBuf, String)>,
    /// Whether a render ran out of time: see [`Templates::render`].
    timed_out: Arc<AtomicBool>,
    /// See [`Templates::unread`].
    unread: Vec<PathBuf>,
}

impl Templates {
    /// The built-in templates, with those of `dir` in their place where it has them.
    pub fn load(dir: Option<&Path>) -> Result<Templates, RenderError> {
        if let Some(dir) = dir.filter(|d| !d.is_dir()) {
            let message = crate::say!("不是放模板的文件夹", "not a folder of templates");
            return Err(RenderError::new(dir, "", None, message));
        }
        let mut files = Vec::new();
        for builtin in BUILTIN {
            // A FIFO or a folder in a template's place is an error, not a file to skip.
            let own = dir.map(|d| d.join(builtin.name)).filter(|p| std::fs::symlink_metadata(p).is_ok());
            let (path, text) = match own {
                Some(path) => {
                    let text = crate::files::read_text(&path, MAX_TEMPLATE_BYTES)
                        .map_err(|message| RenderError::new(&path, "", None, message))?;
                    (path, text)
                }
                None => (Path::new(BUILTIN_DIR).join(builtin.name), builtin.text.to_string()),
            };
            files.push((builtin.name, path, text));
        }
        let mut tera = Tera::default();
        super::filters::register(&mut tera);
        super::budget::register(&mut tera);
        for (name, path, text) in &files {
            tera.add_raw_template(name, text).map_err(|e| located(path, text, &e))?;
        }
        Ok(Templates {
            tera: Arc::new(tera),
            files,
            timed_out: Arc::default(),
            unread: dir.map(strangers).unwrap_or_default(),
        })
    }

    /// Checks the text of a template before it is saved at `path`: it
    /// parses, with duban's filters and functions, or the error says where not.
    pub fn check_text(path: &Path, text: &str) -> Result<(), RenderError> {
        let mut tera = Tera::default();
        super::filters::register(&mut tera);
        super::budget::register(&mut tera);
        let name = path.file_name().map_or_else(|| "template".to_string(), |n| n.to_string_lossy().into_owned());
        tera.add_raw_template(&name, text).map_err(|e| located(path, text, &e))
    }

    /// The `.tera` files of the folder that are not read, named otherwise
    /// than a template: "Notice.tera" is not notice.tera. `draft` warns of them.
    pub fn unread(&self) -> &[PathBuf] {
        &self.unread
    }

    /// Renders template `name` with `context`, within [`OUTPUT_LIMIT`] and
    /// [`TIME_LIMIT`]. tera has no limits of its own but `range`'s, so the
    /// render runs on its own thread, writing into a bounded buffer that
    /// refuses writes after the time limit, with `range` on one budget for
    /// the whole render (duban's own `range`); one that runs out of time is left
    /// to stop at its next write, and no template of this set is rendered
    /// again (a folder's other bulletins fail at once, one thread lost, not many).
    pub fn render(&self, name: &str, context: &NoticeContext) -> Result<String, RenderError> {
        let (_, path, text) = self.files.iter().find(|(n, _, _)| *n == name).expect("a known template");
        let fail = |message: String| RenderError::new(path, text, None, message);
        let context = Context::from_serialize(context).map_err(|e| fail(e.to_string()))?;
        let (sender, receiver) = mpsc::channel();
        let tera = Arc::clone(&self.tera);
        let template = name.to_string();
        if self.timed_out.load(Ordering::Relaxed) {
            return Err(fail(timed_out_message()));
        }
        let timed_out = Arc::clone(&self.timed_out);
        std::thread::spawn(move || {
            super::budget::start();
            // Past its time, the render stops at its next write: no thread is left running on.
            let mut out = Bounded::new(OUTPUT_LIMIT).until(std::time::Instant::now() + TIME_LIMIT);
            let result = tera.render_to(&template, &context, &mut out).map(|()| out.into_inner());
            // The receiver is gone only after a timeout, when no one waits.
            let _ = sender.send(result);
        });
        match receiver.recv_timeout(TIME_LIMIT) {
            Ok(Ok(bytes)) => {
                String::from_utf8(bytes).map_err(|_| fail("the template wrote text that is not UTF-8".into()))
            }
            Ok(Err(error)) if matches!(error.kind(), tera::ErrorKind::Io(_)) => Err(fail(format!(
                "the template writes more than {} MiB; is a loop running over too much?",
                OUTPUT_LIMIT >> 20
            ))),
            Ok(Err(error)) => Err(located(path, text, &error)),
            Err(_) => {
                // A template that ran out of time once is not run again in this run (a folder's next bulletins).
                timed_out.store(true, Ordering::Relaxed);
                Err(fail(timed_out_message()))
            }
        }
    }
}

/// The `.tera` files in `dir` that duban never reads ("Notice.tera",
/// "notice-old.tera"): a template named otherwise than the built-in one it
/// means to replace would be ignored, and the built-in one used unsaid.
fn strangers(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut strangers: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.to_lowercase().ends_with(".tera") && !BUILTIN.iter().any(|b| b.name == name))
        .map(|name| dir.join(name))
        .collect();
    strangers.sort();
    strangers
}

fn timed_out_message() -> String {
    let seconds = TIME_LIMIT.as_secs();
    crate::say!(
        "模板渲染超过 {seconds} 秒；是不是有循环跑得太多？",
        "the template takes longer than {seconds} s to render; is a loop running over too much?"
    )
}

/// A buffer that refuses to grow past its limit, or to be written after its
/// time: what tera renders into.
pub struct Bounded {
    bytes: Vec<u8>,
    limit: usize,
    until: Option<std::time::Instant>,
}

impl Bounded {
    /// An empty buffer that takes at most `limit` bytes.
    pub fn new(limit: usize) -> Bounded {
        Bounded { bytes: Vec::new(), limit, until: None }
    }

    /// The same, written to until `until` only.
    pub fn until(self, until: std::time::Instant) -> Bounded {
        Bounded { until: Some(until), ..self }
    }

    /// What was written.
    pub fn into_inner(self) -> Vec<u8> {
        self.bytes
    }
}

impl Write for Bounded {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + bytes.len() > self.limit {
            return Err(std::io::Error::other("the output limit is reached"));
        }
        if self.until.is_some_and(|until| std::time::Instant::now() > until) {
            return Err(std::io::Error::other("the time limit is reached"));
        }
        self.bytes.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A tera error as a file error at its line and column.
fn located(path: &Path, text: &str, error: &tera::Error) -> RenderError {
    let (message, at) = crate::tera_error::place(error);
    RenderError::new(path, text, at.map(|(line, column)| (line, column + 1)), message)
}
