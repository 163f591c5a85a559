//! The office folder's files as the page edits them: listed by duban, never
//! named by the request; checked as duban reads them before anything is
//! written; written through a temporary file, as the CLI writes.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::extract::{PhraseBook, UnitBook};
use crate::office::{self, Office};
use crate::render::Templates;
use crate::rules::RuleSet;

/// What a file of the folder is, and so how it is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// duban.toml.
    Settings,
    /// A rule file.
    Rules,
    /// The unit list.
    Units,
    /// The phrase file.
    Phrases,
    /// notice.tera or sheet.tera.
    Template,
    /// A .docx layout.
    Preset,
}

impl Kind {
    /// What the page calls it.
    pub fn label(self) -> String {
        match self {
            Kind::Settings => crate::say!("本室设置", "settings"),
            Kind::Rules => crate::say!("规则", "rules"),
            Kind::Units => crate::say!("单位名录", "unit list"),
            Kind::Phrases => crate::say!("判断用语", "phrases"),
            Kind::Template => crate::say!("模板", "template"),
            Kind::Preset => crate::say!("版式", "layout"),
        }
    }
}

/// A file the page may show and change.
#[derive(Clone, Debug)]
pub struct Editable {
    /// Its name inside the folder, `/` between parts: what the page shows and sends back.
    pub name: String,
    /// Where it is.
    pub path: PathBuf,
    /// What it is.
    pub kind: Kind,
}

/// The files of `office` the page may edit: its settings, rule files, unit
/// list, phrase file, templates and presets that are there, inside the folder.
pub fn list(office: &Office) -> Vec<Editable> {
    let mut found: Vec<(PathBuf, Kind)> = Vec::new();
    found.push((office.dir.join(office::SETTINGS), Kind::Settings));
    if let Ok(Some(rules)) = office.rules() {
        for path in crate::rules::rule_paths(&rules).unwrap_or_default() {
            found.push((path, Kind::Rules));
        }
    }
    if let Ok(Some(units)) = office.units() {
        found.push((units, Kind::Units));
    }
    if let Ok(Some(phrases)) = office.phrases() {
        found.push((phrases, Kind::Phrases));
    }
    if let Ok(Some(templates)) = office.templates() {
        for builtin in crate::render::BUILTIN {
            found.push((templates.join(builtin.name), Kind::Template));
        }
    }
    if let Ok(entries) = std::fs::read_dir(office.dir.join("presets")) {
        let mut presets: Vec<PathBuf> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
        presets.sort();
        found.extend(presets.into_iter().map(|p| (p, Kind::Preset)));
    }
    let Ok(root) = office.dir.canonicalize() else { return Vec::new() };
    found
        .into_iter()
        .filter(|(path, _)| path.is_file())
        .filter_map(|(path, kind)| {
            // A link that leads out of the folder is not the folder's.
            let real = path.canonicalize().ok()?;
            let inside = real.strip_prefix(&root).ok()?;
            let name = inside.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            Some(Editable { name, path, kind })
        })
        .collect()
}

/// The listed file named `name`, or none: the request's name is only looked up.
pub fn find(office: &Office, name: &str) -> Option<Editable> {
    list(office).into_iter().find(|file| file.name == name)
}

/// Checks `text` as the new content of `file`, as duban will read it with
/// the folder's other files; the error names the line and column.
pub fn check(office: &Office, file: &Editable, text: &str) -> Result<(), Error> {
    match file.kind {
        Kind::Settings => office::read_settings(&file.path, text).map(|_| ())?,
        Kind::Rules => {
            let rules = office.rules()?.unwrap_or_else(|| file.path.clone());
            let set = RuleSet::load_with(&rules, Some((&file.path, text)))?;
            set.check_families(&phrases(office)?)?;
        }
        Kind::Units => {
            UnitBook::from_yaml(text).map_err(|error| yaml_error(&file.path, text, error))?;
        }
        Kind::Phrases => {
            let book = PhraseBook::from_yaml(text).map_err(|error| yaml_error(&file.path, text, error))?;
            if let Some(rules) = office.rules()? {
                RuleSet::load(&rules)?.check_families(&book)?;
            }
        }
        Kind::Template => Templates::check_text(&file.path, text)?,
        Kind::Preset => crate::export::Preset::read(&file.path, text).map(|_| ())?,
    }
    Ok(())
}

/// Writes `text` over `file` once it is checked; the file is unchanged
/// when anything fails.
pub fn save(office: &Office, file: &Editable, text: &str) -> Result<(), Error> {
    check(office, file, text)?;
    crate::export::write_new(&file.path, text.as_bytes())?;
    Ok(())
}

fn phrases(office: &Office) -> Result<PhraseBook, Error> {
    Ok(match office.phrases()? {
        Some(path) => PhraseBook::load(&path)?,
        None => PhraseBook::default(),
    })
}

/// A unit list's or phrase file's YAML error, at its place in `text`.
fn yaml_error(path: &Path, text: &str, error: crate::yaml::YamlError) -> Error {
    let at = error.location();
    Error::File(crate::diagnostics::FileError::new(path, text, at, error.to_string()))
}

/// Refuses a draft's files that lie outside the office folder — named so in
/// duban.toml, or reached through a link: the page reads the folder only.
pub fn confined(office: &Office, args: &crate::cli::DraftArgs) -> Result<(), Error> {
    let Ok(root) = office.dir.canonicalize() else { return Ok(()) };
    let mut paths: Vec<PathBuf> = Vec::new();
    if let Some(rules) = &args.rules {
        paths.push(rules.clone());
        paths.extend(crate::rules::rule_paths(rules).unwrap_or_default());
    }
    paths.extend(args.units.iter().chain(&args.phrases).cloned());
    if let Some(templates) = &args.templates {
        paths.push(templates.clone());
        paths.extend(crate::render::BUILTIN.iter().map(|b| templates.join(b.name)));
    }
    paths.extend(args.preset.iter().map(PathBuf::from).filter(|p| p.is_file()));
    for path in paths {
        let Ok(real) = path.canonicalize() else { continue };
        if !real.starts_with(&root) {
            let message = crate::say!(
                "{} 在本室文件夹之外；网页版只读本室文件夹里的文件（请检查 duban.toml 和文件链接）",
                "{} lies outside the office folder; the page reads only the folder's files",
                path.display()
            );
            return Err(Error::Serve(message));
        }
    }
    Ok(())
}

/// The line and column an error points at, when it points into a file.
pub fn place(error: &Error) -> Option<(usize, usize)> {
    match error {
        Error::File(error) | Error::Export(crate::export::ExportError::File(error)) => error.at,
        Error::Units(crate::extract::UnitsError { error, .. })
        | Error::Phrases(crate::extract::PhrasesError { error, .. }) => error.location(),
        _ => None,
    }
}
