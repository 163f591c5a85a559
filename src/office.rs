//! The office folder (本室文件夹): what `duban init DIR` writes, and what every
//! command run inside it (or given `--office DIR`) uses without flags.
//!
//! ```text
//! DIR/duban.toml          the office's settings, all optional
//! DIR/rules/*.yaml        rule files, beside units.yaml and phrases.yaml
//! DIR/templates/*.tera    notice.tera, sheet.tera
//! DIR/presets/*.yaml      the .docx layouts
//! ```
//!
//! A file the settings name must be there; a file at its usual place is used
//! when it is there, the built-in one otherwise. Flags override both.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::cli::{Command, DateArgs, RulesCommand};
use crate::diagnostics::FileError;
use crate::say;

/// The settings file's name.
pub const SETTINGS: &str = "duban.toml";

/// The unit list's name in a rule folder: not a rule file.
pub const UNITS: &str = "units.yaml";

/// The phrase file's name in a rule folder: not a rule file.
pub const PHRASES: &str = "phrases.yaml";

/// The largest settings file read.
const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// The settings file as `duban init` writes it: every key commented out,
/// each documented where it stands.
pub const DEFAULT_SETTINGS: &str = include_str!("office.toml");

/// An office folder and its settings.
#[derive(Clone, Debug)]
pub struct Office {
    /// The folder.
    pub dir: PathBuf,
    /// What its duban.toml says (all empty without one).
    pub settings: Settings,
}

/// duban.toml.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// How the office's notices are written.
    #[serde(default)]
    pub notice: NoticeSettings,
    /// Which files of the folder to use.
    #[serde(default)]
    pub files: FileSettings,
}

/// `[notice]`: the office's own particulars of every notice.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeSettings {
    /// 发文单位.
    pub issuer: Option<String>,
    /// 主送 line, without its colon.
    pub addressee: Option<String>,
    /// The notice number's pattern: `{year}` is the notice's year, `{n}` the
    /// number given with `--number` (a blank to fill by hand without one).
    pub number: Option<String>,
    /// Days from the notice's date to the reply date.
    pub reply_days: Option<u16>,
    /// The .docx layout: a built-in preset's name or a file of `presets/`.
    pub preset: Option<String>,
}

/// `[files]`: paths inside the folder, or absolute.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    /// A rule file or folder (default `rules`).
    pub rules: Option<PathBuf>,
    /// The phrase file (default `rules/phrases.yaml`).
    pub phrases: Option<PathBuf>,
    /// The unit list (default `rules/units.yaml`).
    pub units: Option<PathBuf>,
    /// The templates folder (default `templates`).
    pub templates: Option<PathBuf>,
}

/// The blank a notice number's `{n}` becomes without `--number`: two
/// full-width spaces, as offices leave it to fill by hand.
const NUMBER_BLANK: &str = "\u{3000}\u{3000}";

impl Office {
    /// The office at `dir` (`--office`), else the current folder when it
    /// holds a duban.toml, else none.
    pub fn find(dir: Option<&Path>) -> Result<Option<Office>, FileError> {
        match dir {
            Some(dir) if !dir.is_dir() => {
                let message = say!(
                    "不是文件夹（应为本室文件夹，即 duban init 建的文件夹）",
                    "not a folder (an office folder, as duban init makes, is meant)"
                );
                Err(FileError::new(dir, "", None, message))
            }
            Some(dir) => Office::open(dir).map(Some),
            // The current folder is "", so that its files are named as "rules/default.yaml".
            None if Path::new(SETTINGS).is_file() => Office::open(Path::new("")).map(Some),
            None => Ok(None),
        }
    }

    /// The office at `dir`, its duban.toml read when it has one.
    pub fn open(dir: &Path) -> Result<Office, FileError> {
        let path = dir.join(SETTINGS);
        let settings = if std::fs::symlink_metadata(&path).is_ok() {
            let text = crate::files::read_text(&path, MAX_SETTINGS_BYTES)
                .map_err(|message| FileError::new(&path, "", None, message))?;
            read_settings(&path, &text)?
        } else {
            Settings::default()
        };
        Ok(Office { dir: dir.to_path_buf(), settings })
    }

    /// The rule file or folder to use.
    pub fn rules(&self) -> Result<Option<PathBuf>, FileError> {
        self.file(self.settings.files.rules.as_deref(), "rules")
    }

    /// The phrase file to use.
    pub fn phrases(&self) -> Result<Option<PathBuf>, FileError> {
        self.file(self.settings.files.phrases.as_deref(), &format!("rules/{PHRASES}"))
    }

    /// The unit list to use.
    pub fn units(&self) -> Result<Option<PathBuf>, FileError> {
        self.file(self.settings.files.units.as_deref(), &format!("rules/{UNITS}"))
    }

    /// The templates folder to use.
    pub fn templates(&self) -> Result<Option<PathBuf>, FileError> {
        self.file(self.settings.files.templates.as_deref(), "templates")
    }

    /// The preset: the settings' name, a file of the folder's `presets/`
    /// when one is named so, else the name as given (built in).
    pub fn preset(&self) -> Option<String> {
        let name = self.settings.notice.preset.as_deref().unwrap_or(crate::export::PRESETS[0].name);
        let own = self.dir.join("presets").join(format!("{name}.yaml"));
        if own.is_file() {
            return Some(own.display().to_string());
        }
        let named = self.dir.join(name);
        Some(if name.ends_with(".yaml") && named.is_file() { named.display().to_string() } else { name.to_string() })
    }

    /// The notice number: `given` alone, or put in the settings' pattern
    /// (a plain number only; a whole number given replaces the pattern).
    pub fn number(&self, given: Option<&str>) -> Option<String> {
        let pattern = self.settings.notice.number.as_deref();
        match (pattern, given) {
            (Some(pattern), Some(n)) if n.chars().all(|c| c.is_ascii_digit()) => Some(pattern.replace("{n}", n)),
            (Some(pattern), None) => Some(pattern.replace("{n}", NUMBER_BLANK)),
            (_, given) => given.map(str::to_string),
        }
    }

    /// Gives `command` the office's files and settings where its flags give none.
    pub fn apply(&self, command: &mut Command) -> Result<(), FileError> {
        let fill = |flag: &mut Option<PathBuf>, office: Option<PathBuf>| {
            if flag.is_none() {
                *flag = office;
            }
        };
        match command {
            Command::Parse(_) | Command::Init(_) | Command::Serve(_) => {}
            Command::Facts(args) => {
                fill(&mut args.units, self.units()?);
                fill(&mut args.phrases, self.phrases()?);
            }
            Command::Check(args) => {
                fill(&mut args.rules, self.rules()?);
                fill(&mut args.facts.units, self.units()?);
                fill(&mut args.facts.phrases, self.phrases()?);
                self.dates(&mut args.dates);
            }
            Command::Rules(RulesCommand::Lint { path, phrases }) => {
                fill(path, self.rules()?);
                fill(phrases, self.phrases()?);
            }
            Command::Rules(RulesCommand::List { rules }) => fill(rules, self.rules()?),
            Command::Draft(args) => {
                fill(&mut args.rules, self.rules()?);
                fill(&mut args.units, self.units()?);
                fill(&mut args.phrases, self.phrases()?);
                fill(&mut args.templates, self.templates()?);
                self.dates(&mut args.dates);
                let notice = &self.settings.notice;
                args.preset = args.preset.take().or_else(|| self.preset());
                args.issuer = args.issuer.take().or_else(|| notice.issuer.clone());
                args.addressee = args.addressee.take().or_else(|| notice.addressee.clone());
                args.number = self.number(args.number.as_deref());
            }
        }
        Ok(())
    }

    fn dates(&self, dates: &mut DateArgs) {
        dates.reply_days = dates.reply_days.or(self.settings.notice.reply_days);
    }

    /// `named` (from the settings, which must be there), else `usual` when
    /// it is there.
    fn file(&self, named: Option<&Path>, usual: &str) -> Result<Option<PathBuf>, FileError> {
        match named {
            Some(named) => {
                let path = self.dir.join(named);
                if std::fs::symlink_metadata(&path).is_err() {
                    let settings = self.dir.join(SETTINGS);
                    let message = say!(
                        "{}：duban.toml 指定了这个文件，但它不存在",
                        "{}: duban.toml names this file, which is not there",
                        path.display()
                    );
                    return Err(FileError::new(&settings, "", None, message));
                }
                Ok(Some(path))
            }
            None => {
                let path = self.dir.join(usual);
                Ok(std::fs::symlink_metadata(&path).is_ok().then_some(path))
            }
        }
    }
}

/// Reads duban.toml's text, a mistake reported at its line and column.
pub fn read_settings(path: &Path, text: &str) -> Result<Settings, FileError> {
    toml::from_str(text).map_err(|e| {
        let at = e.span().map(|span| line_column(text, span.start));
        FileError::new(path, text, at, crate::lang::serde_message(e.message()))
    })
}

/// The 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_settings_read_as_no_settings() {
        let settings = read_settings(Path::new(SETTINGS), DEFAULT_SETTINGS).unwrap();
        assert!(settings.notice.issuer.is_none() && settings.files.rules.is_none());
        // Every key the file documents reads when it is uncommented.
        let uncommented: String = DEFAULT_SETTINGS
            .lines()
            .map(|l| l.strip_prefix("# ").filter(|l| l.contains(" = ")).unwrap_or(l))
            .map(|l| format!("{l}\n"))
            .collect();
        let settings = read_settings(Path::new(SETTINGS), &uncommented).unwrap();
        assert!(settings.notice.issuer.is_some() && settings.notice.reply_days.is_some());
        assert!(settings.notice.addressee.is_some() && settings.notice.number.is_some());
        assert!(settings.notice.preset.is_some() && settings.files.templates.is_some());
        assert!(settings.files.rules.is_some() && settings.files.units.is_some() && settings.files.phrases.is_some());
    }

    #[test]
    fn a_mistake_is_placed_at_its_line_and_column() {
        let error = read_settings(Path::new(SETTINGS), "[notice]\nreply_days = \"十五\"\n").unwrap_err();
        assert_eq!(error.at, Some((2, 14)));
        let error = read_settings(Path::new(SETTINGS), "[notice]\nissuer = \"县督查室\"\nfoo = 1\n").unwrap_err();
        assert_eq!(error.at.map(|(line, _)| line), Some(3));
    }

    #[test]
    fn a_number_fills_the_pattern() {
        let mut office = Office { dir: PathBuf::from("."), settings: Settings::default() };
        assert_eq!(office.number(Some("督查〔2024〕9号")).as_deref(), Some("督查〔2024〕9号"));
        assert_eq!(office.number(None), None);
        office.settings.notice.number = Some("青督办〔{year}〕{n}号".to_string());
        assert_eq!(office.number(Some("9")).as_deref(), Some("青督办〔{year}〕9号"));
        assert_eq!(office.number(None).as_deref(), Some("青督办〔{year}〕\u{3000}\u{3000}号"));
        assert_eq!(office.number(Some("另〔2024〕1号")).as_deref(), Some("另〔2024〕1号"));
    }
}
