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

/// What separates the items of a list: 、 / ", ".
pub fn list() -> &'static str {
    if english() { ", " } else { "、" }
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

/// A message of serde (through serde_yaml or toml) in the language in
/// force: "unknown field `levle`, expected one of `id`, `level`" becomes
/// 不认识的字段“levle”，可用的有 id、level. Shapes it does not know stay as they are.
pub fn serde_message(message: &str) -> String {
    if english() {
        return message.to_string();
    }
    static SHAPES: std::sync::OnceLock<Vec<(regex::Regex, &'static str)>> = std::sync::OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        [
            (r"^unknown field `([^`]*)`, expected (?:one of )?(.*)$", "不认识的字段“$1”，可用的有 $2"),
            (r"^unknown field `([^`]*)`, there are no fields$", "不认识的字段“$1”（这里不能有字段）"),
            (r"^unknown variant `([^`]*)`, expected (?:one of )?(.*)$", "不认识的取值“$1”，可用的有 $2"),
            (r"^missing field `([^`]*)`$", "缺少字段“$1”"),
            (r"^duplicate field `([^`]*)`$", "字段“$1”写了两次"),
            (r"^invalid type: (.*), expected (.*)$", "类型不对：这里是 $1，应为 $2"),
            (r"^invalid value: (.*), expected (.*)$", "取值不对：$1，应为 $2"),
            (r"^invalid length (.*), expected (.*)$", "个数不对：$1，应为 $2"),
        ]
        .into_iter()
        .map(|(pattern, zh)| (regex::Regex::new(pattern).expect("a valid pattern"), zh))
        .collect()
    });
    let (first, rest) = message.split_once('\n').map_or((message, ""), |(a, b)| (a, b));
    // serde_yaml puts where in the file before the message: "rules[0].when: …".
    let (place, first) = match first.split_once(": ") {
        Some((place, said)) if !place.contains(' ') && !place.is_empty() => (format!("{place}："), said),
        _ => (String::new(), first),
    };
    let said = shapes.iter().find(|(shape, _)| shape.is_match(first)).map(|(shape, zh)| {
        let said = format!("{place}{}", shape.replace(first, *zh));
        // `a`, `b` or `c` → a、b 或 c
        let said = said.replace("`, `", "、").replace("` or `", " 或 ").replace('`', "");
        if said.contains("类型不对") { kinds(&said) } else { said }
    });
    match said {
        Some(said) if rest.is_empty() => said,
        Some(said) => format!("{said}\n{rest}"),
        None => message.to_string(),
    }
}

/// serde's names of kinds of value, in a clerk's words.
fn kinds(said: &str) -> String {
    static KINDS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let kinds = KINDS.get_or_init(|| {
        regex::Regex::new(r"\b(?:an? )?(?:struct \w+|u8|u16|u32|u64|usize|i32|i64|f32|f64|floating point|integer|sequence|map|string|boolean|unit value|null)\b")
            .expect("a valid pattern")
    });
    kinds
        .replace_all(said, |found: &regex::Captures<'_>| {
            let word = found[0].trim_start_matches("a ").trim_start_matches("an ");
            match word {
                w if w.starts_with("struct") || w == "map" => "一组“名称: 值”",
                "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "integer" => "整数",
                "f32" | "f64" | "floating point" => "数字",
                "sequence" => "列表",
                "string" => "文字",
                "boolean" => "true 或 false",
                _ => "空值",
            }
            .to_string()
        })
        .into_owned()
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

    #[test]
    fn serde_messages_are_said_in_chinese() {
        let said = serde_message("unknown field `levle`, expected one of `id`, `level`, `grade`");
        assert_eq!(said, "不认识的字段“levle”，可用的有 id、level、grade");
        assert_eq!(
            serde_message("unknown field `x`, expected `levels` or `rules`"),
            "不认识的字段“x”，可用的有 levels 或 rules"
        );
        assert_eq!(serde_message("missing field `id`"), "缺少字段“id”");
        assert_eq!(serde_message("rules[0].when: missing field `id`"), "rules[0].when：缺少字段“id”");
        assert_eq!(
            serde_message("invalid type: sequence, expected struct RawRuleFile"),
            "类型不对：这里是 列表，应为 一组“名称: 值”"
        );
        assert_eq!(
            serde_message("invalid type: string \"第十位\", expected u32"),
            "类型不对：这里是 文字 \"第十位\"，应为 整数"
        );
        assert_eq!(serde_message("did not find expected key"), "did not find expected key");
    }
}
