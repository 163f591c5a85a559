//! The notice templates: built in, or an office's own copies.

use std::path::{Path, PathBuf};

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

/// Compiled templates, each remembering the file it came from.
pub struct Templates {
    tera: Tera,
    files: Vec<(&'static str, PathBuf, String)>,
}

impl Templates {
    /// The built-in templates, with those of `dir` in their place where it has them.
    pub fn load(dir: Option<&Path>) -> Result<Templates, RenderError> {
        if let Some(dir) = dir.filter(|d| !d.is_dir()) {
            return Err(RenderError::new(dir, "", None, "not a folder of templates"));
        }
        let mut files = Vec::new();
        for builtin in BUILTIN {
            let own = dir.map(|d| d.join(builtin.name)).filter(|p| p.is_file());
            let (path, text) = match own {
                Some(path) => {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| RenderError::new(&path, "", None, format!("cannot read ({e})")))?;
                    (path, text)
                }
                None => (Path::new(BUILTIN_DIR).join(builtin.name), builtin.text.to_string()),
            };
            files.push((builtin.name, path, text));
        }
        let mut tera = Tera::default();
        super::filters::register(&mut tera);
        for (name, path, text) in &files {
            tera.add_raw_template(name, text).map_err(|e| located(path, text, &e))?;
        }
        Ok(Templates { tera, files })
    }

    /// Renders template `name` with `context`.
    pub fn render(&self, name: &str, context: &NoticeContext) -> Result<String, RenderError> {
        let (_, path, text) = self.files.iter().find(|(n, _, _)| *n == name).expect("a known template");
        let context =
            Context::from_serialize(context).map_err(|e| RenderError::new(path, text, None, e.to_string()))?;
        self.tera.render(name, &context).map_err(|e| located(path, text, &e))
    }
}

/// A tera error as a file error at its line and column.
fn located(path: &Path, text: &str, error: &tera::Error) -> RenderError {
    let (message, at) = crate::tera_error::place(error);
    RenderError::new(path, text, at.map(|(line, column)| (line, column + 1)), message)
}
