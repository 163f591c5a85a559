//! The `require` sentences: tera templates, one per rule, checked when the
//! rule file is loaded so a broken sentence is a lint error, not a surprise
//! in the middle of drafting a notice.

use serde::Serialize;
use tera::{Context, ErrorKind, Tera};

use crate::say;

/// The variables a `require` sentence may use. Values are text, ready to
/// be written into a sentence; a value that does not apply is empty.
pub const VARIABLES: &[(&str, &str)] = &[
    ("unit", "the responsible units, joined by 、 (各责任单位 when none is named)"),
    ("units", "the same, as a list"),
    ("number", "the item's number as written: 9, （三）"),
    ("path", "the item's numbers from the top: 一/（三）/2"),
    ("item", "the item's heading"),
    ("title", "the rule's title"),
    ("level", "the finding's level label: 红色"),
    ("noun", "what the figures measure: 资金支付率"),
    ("actual", "the figure reached: 196个"),
    ("target", "the figure asked: 300个"),
    ("progress", "actual ÷ target: 65.3%"),
    ("schedule", "序时进度: 50.0%"),
    ("behind", "percentage points behind 序时进度: 11.6"),
    ("ratio", "the stated ratio: 71.7%"),
    ("rank", "the rank: 9"),
    ("deadline", "the date to finish by: the item's own next deadline after the as-of date, else the reply date"),
    ("as_of", "the date the figures stand at: 2023年6月30日"),
    ("reply_by", "the date replies to the notice are due: 2023年7月15日"),
    ("said", "what the bulletin's words say, for a statement: 进展缓慢, 通报警示, 排名靠后"),
    ("things", "the tasks or projects a statement names, joined by 、"),
    (
        "tasks",
        "the items as a notice names them, 第3项（简称）, joined by 、; for an `action`, all of the unit's items of that kind; where a finding has no item, the things it names",
    ),
];

/// What a `require` sentence is rendered with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RequireContext {
    /// See [`VARIABLES`].
    pub unit: String,
    /// See [`VARIABLES`].
    pub units: Vec<String>,
    /// See [`VARIABLES`].
    pub number: String,
    /// See [`VARIABLES`].
    pub path: String,
    /// See [`VARIABLES`].
    pub item: String,
    /// See [`VARIABLES`].
    pub title: String,
    /// See [`VARIABLES`].
    pub level: String,
    /// See [`VARIABLES`].
    pub noun: String,
    /// See [`VARIABLES`].
    pub actual: String,
    /// See [`VARIABLES`].
    pub target: String,
    /// See [`VARIABLES`].
    pub progress: String,
    /// See [`VARIABLES`].
    pub schedule: String,
    /// See [`VARIABLES`].
    pub behind: String,
    /// See [`VARIABLES`].
    pub ratio: String,
    /// See [`VARIABLES`].
    pub rank: String,
    /// See [`VARIABLES`].
    pub deadline: String,
    /// See [`VARIABLES`].
    pub as_of: String,
    /// See [`VARIABLES`].
    pub reply_by: String,
    /// See [`VARIABLES`].
    pub said: String,
    /// See [`VARIABLES`].
    pub things: String,
    /// See [`VARIABLES`].
    pub tasks: String,
}

/// The compiled sentences, by rule id.
#[derive(Debug, Default)]
pub(crate) struct Requirements {
    tera: Tera,
}

/// A sentence tera could not read, at a place inside the sentence.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct SentenceError {
    /// Line in the sentence, from 1.
    pub line: usize,
    /// Column in that line, in characters, from 0.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl Requirements {
    /// Adds the sentence of rule `id`.
    pub(crate) fn add(&mut self, id: &str, sentence: &str) -> Result<(), SentenceError> {
        only_plain_tags(sentence)?;
        self.tera.add_raw_template(id, sentence).map_err(|e| sentence_error(&e))?;
        let names = self.tera.get_template_variables(id).map_err(|e| sentence_error(&e))?;
        let mut unknown: Vec<&str> =
            names.into_iter().filter(|name| !VARIABLES.iter().any(|(v, _)| v == name)).collect();
        unknown.sort_unstable();
        if let Some(name) = unknown.first() {
            let (line, column) = first_use(sentence, name);
            let known: Vec<&str> = VARIABLES.iter().map(|(v, _)| *v).collect();
            return Err(SentenceError {
                line,
                column,
                message: say!(
                    "要求句里不能用“{name}”这个变量；可用的有 {}",
                    "`{name}` is not a variable a requirement can use; it can use {}",
                    known.join(crate::lang::list())
                ),
            });
        }
        Ok(())
    }

    /// Whether the sentence of rule `id` writes `variable`.
    pub(crate) fn uses(&self, id: &str, variable: &str) -> bool {
        self.tera.get_template_variables(id).is_ok_and(|names| names.contains(&variable))
    }

    /// The sentence of rule `id`, rendered.
    pub(crate) fn render(&self, id: &str, context: &RequireContext) -> Result<String, String> {
        let context = Context::from_serialize(context).map_err(|e| e.to_string())?;
        let mut out = crate::render::Bounded::new(SENTENCE_LIMIT);
        self.tera.render_to(id, &context, &mut out).map_err(|error| match error.kind() {
            ErrorKind::Io(_) => {
                say!("这句写出的文字超过 {} KiB", "the sentence writes more than {} KiB", SENTENCE_LIMIT >> 10)
            }
            ErrorKind::RenderingError(report) => report.message().to_string(),
            other => other.to_string(),
        })?;
        String::from_utf8(out.into_inner())
            .map_err(|_| say!("这句写出的文字不是 UTF-8", "the sentence wrote text that is not UTF-8"))
    }
}

/// The most a rendered sentence may write: 64 KiB, a page of requirements.
pub(crate) const SENTENCE_LIMIT: usize = 64 << 10;

/// The tags a sentence may use: one sentence is no program, so it has
/// variables, filters and `if`, and neither loops nor functions (`range`,
/// `now` …), which would let a rule file run without end.
const PLAIN_TAGS: &[&str] = &["if", "elif", "else", "endif", "raw", "endraw"];

/// Refuses a sentence that loops, sets, includes or calls a function, at
/// the tag or call that does.
fn only_plain_tags(sentence: &str) -> Result<(), SentenceError> {
    let at = |offset: usize, message: String| {
        let line_start = sentence[..offset].rfind('\n').map_or(0, |i| i + 1);
        SentenceError {
            line: sentence[..offset].matches('\n').count() + 1,
            column: sentence[line_start..offset].chars().count(),
            message,
        }
    };
    for (open, close) in [("{%", "%}"), ("{{", "}}")] {
        let mut from = 0;
        while let Some(start) = sentence[from..].find(open).map(|i| from + i) {
            // The close is looked for after the open: in "{%}" the "%}" is the open's own.
            let end = sentence[start + 2..].find(close).map_or(sentence.len(), |i| start + 2 + i);
            let inside = &sentence[start + 2..end];
            let word: String = inside
                .trim_start_matches(['-', ' '])
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if open == "{%" && word.is_empty() {
                return Err(at(
                    start,
                    say!(
                        "要求句里的 {{% 后面没有标签名：只能用 {{% if … %}} … {{% endif %}}",
                        "a `{{%` with no tag after it in a requirement sentence: only `{{% if … %}}` … `{{% endif %}}` may be used"
                    ),
                ));
            }
            if open == "{%" && !PLAIN_TAGS.contains(&word.as_str()) {
                return Err(at(
                    start,
                    say!(
                        "要求句里不能用 {{% {word} %}}：只能用变量、过滤器和 if … else，不能用循环",
                        "`{{% {word} %}}` cannot be used in a requirement sentence: it may use variables, filters and if … else, not loops"
                    ),
                ));
            }
            if let Some(call) = function_call(inside) {
                return Err(at(
                    start + 2 + call.0,
                    say!(
                        "要求句里不能用 {}(…)：只能用变量和过滤器，不能用函数",
                        "`{}(…)` cannot be used in a requirement sentence: it may use variables and filters, not functions",
                        call.1
                    ),
                ));
            }
            from = end;
        }
    }
    Ok(())
}

/// The first function call in an expression — a name followed by `(` that
/// is not a filter's (after `|`) or a test's (after `is`) — with its offset.
fn function_call(expression: &str) -> Option<(usize, String)> {
    let bytes = expression.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let c = bytes[index];
        if c == b'"' || c == b'\'' {
            // A string literal: skipped whole.
            index += expression[index + 1..].find(c as char).map_or(expression.len(), |i| i + 2);
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = index;
            while index < bytes.len() && (bytes[index].is_ascii_alphanumeric() || bytes[index] == b'_') {
                index += 1;
            }
            let name = &expression[start..index];
            let called = expression[index..].trim_start().starts_with('(');
            let before = expression[..start].trim_end();
            let filter_or_test = before.ends_with('|') || before.ends_with(" is") || before == "is";
            if called && !filter_or_test {
                return Some((start, name.to_string()));
            }
            continue;
        }
        index += 1;
    }
    None
}

fn sentence_error(error: &tera::Error) -> SentenceError {
    let (message, at) = crate::tera_error::place(error);
    let (line, column) = at.unwrap_or((1, 0));
    SentenceError { line, column, message }
}

/// Where `name` is first used in `sentence`: line from 1, column from 0.
fn first_use(sentence: &str, name: &str) -> (usize, usize) {
    let at = sentence.match_indices(name).map(|(at, _)| at).find(|&at| {
        let before = sentence[..at].chars().next_back();
        let after = sentence[at + name.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        !word(before) && !word(after)
    });
    let Some(at) = at else {
        return (1, 0);
    };
    let line_start = sentence[..at].rfind('\n').map_or(0, |i| i + 1);
    (sentence[..at].matches('\n').count() + 1, sentence[line_start..at].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_render_with_their_variables() {
        let mut requirements = Requirements::default();
        requirements.add("r", "{{ unit }}要于{{ deadline }}前完成{{ noun }}").unwrap();
        let context = RequireContext {
            unit: "县交通局".into(),
            deadline: "2024年11月15日".into(),
            noun: "农村公路".into(),
            ..RequireContext::default()
        };
        assert_eq!(requirements.render("r", &context).unwrap(), "县交通局要于2024年11月15日前完成农村公路");
    }

    #[test]
    fn errors_point_into_the_sentence() {
        let mut requirements = Requirements::default();
        let unclosed = requirements.add("a", "{{ unit }}要于{% if x %}前").unwrap_err();
        assert_eq!((unclosed.line, unclosed.column), (1, 23));
        let filter = requirements.add("b", "{{ unit }}要于{{ deadline | nofilter }}前").unwrap_err();
        assert_eq!((filter.line, filter.column), (1, 26), "{filter:?}");
        assert!(filter.message.contains("nofilter"), "{filter:?}");
        let unknown = requirements.add("c", "请{{ unit }}\n于{{ dead_line }}前").unwrap_err();
        assert_eq!((unknown.line, unknown.column), (2, 4), "{unknown:?}");
        assert!(unknown.message.contains("“dead_line”这个变量"), "{unknown:?}");
    }
}
