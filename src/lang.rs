//! The language duban speaks to people: Chinese (中文) by default, for the
//! clerks of a 督查室; English with `--lang en` or `DUBAN_LANG=en`.
//!
//! Only what people read changes: text output, warnings, errors and help.
//! JSON keys, rule ids and file names stay as they are in both.
//!
//! Every sentence is written once in each language where it is said, with
//! [`say!`](crate::say): `say!("无法读取（{e}）", "cannot read ({e})")`.

use std::sync::atomic::{AtomicBool, Ordering};

/// The environment variable that chooses the language (`zh` or `en`).
pub const ENV: &str = "DUBAN_LANG";

/// A language duban speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// 中文, the default.
    #[default]
    Zh,
    /// English.
    En,
}

static ENGLISH: AtomicBool = AtomicBool::new(false);

impl Lang {
    /// The language a command line asks for: `--lang X` or `--lang=X`
    /// among `args`, else [`ENV`], else Chinese. Read before the command
    /// line is parsed, since the help itself is in that language.
    pub fn chosen<S: AsRef<std::ffi::OsStr>>(args: &[S], env: Option<&str>) -> Lang {
        let args: Vec<&str> = args.iter().filter_map(|a| a.as_ref().to_str()).collect();
        let flag = args.iter().enumerate().find_map(|(i, arg)| match *arg {
            "--lang" => args.get(i + 1).copied(),
            _ => arg.strip_prefix("--lang="),
        });
        match flag.or(env).map(str::trim) {
            Some(name) if name.eq_ignore_ascii_case("en") || name.to_ascii_lowercase().starts_with("en_") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// Makes this the language of everything said from now on, in the
    /// whole process.
    pub fn set(self) {
        ENGLISH.store(self == Lang::En, Ordering::Relaxed);
    }

    /// The language in force.
    pub fn current() -> Lang {
        if ENGLISH.load(Ordering::Relaxed) { Lang::En } else { Lang::Zh }
    }
}

/// Whether English is in force.
pub fn english() -> bool {
    ENGLISH.load(Ordering::Relaxed)
}

/// A sentence in the language in force: `say!(中文, English)`, each a
/// format string (arguments named inline, or after both).
#[macro_export]
macro_rules! say {
    ($zh:literal, $en:literal $(,)?) => {
        if $crate::lang::english() { ::std::format!($en) } else { ::std::format!($zh) }
    };
    ($zh:literal, $en:literal, $($arg:tt)+) => {
        if $crate::lang::english() { ::std::format!($en, $($arg)+) } else { ::std::format!($zh, $($arg)+) }
    };
}

/// Short English phrases that stages hand on as `&'static str` ("a FIFO",
/// "the file is empty"), in Chinese.
const TERMS: &[(&str, &str)] = &[
    ("a folder", "文件夹"),
    ("a FIFO", "命名管道（FIFO）"),
    ("a device", "设备文件"),
    ("a socket", "套接字"),
    ("a special file", "特殊文件"),
    ("the file is empty", "文件是空的"),
    ("the file holds only spaces and blank lines", "文件里只有空格和空行"),
    ("the document has no text", "文档里没有文字"),
    ("Word 97-2003 (.doc) and other OLE", "Word 97-2003（.doc）等旧格式"),
    ("PDF", "PDF"),
    ("RTF", "RTF"),
    (" (it is an Excel workbook)", "（这是 Excel 工作簿）"),
    (" (it is a PowerPoint presentation)", "（这是 PowerPoint 演示文稿）"),
    (" (it is an OpenDocument file; save it as .docx)", "（这是 OpenDocument 文件，请另存为 .docx）"),
];

/// `english`, one of the short phrases stages hand on, in the language in force.
pub fn term(english: &'static str) -> &'static str {
    if self::english() {
        return english;
    }
    TERMS.iter().find(|(en, _)| *en == english).map_or(english, |(_, zh)| zh)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment() {
        assert_eq!(Lang::chosen(&["duban", "check", "a.txt"], None), Lang::Zh);
        assert_eq!(Lang::chosen(&["duban", "--lang", "en", "check"], None), Lang::En);
        assert_eq!(Lang::chosen(&["duban", "check", "--lang=en"], Some("zh")), Lang::En);
        assert_eq!(Lang::chosen(&["duban", "--lang", "zh"], Some("en")), Lang::Zh);
        assert_eq!(Lang::chosen(&["duban"], Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::chosen(&["duban"], Some("fr")), Lang::Zh);
    }
}
