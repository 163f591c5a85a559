//! All YAML reading, in one place.
//!
//! serde_yaml is what the design chose, and it is frozen upstream; libyaml-style
//! parsers also slow down badly on deeply nested flow collections. So every
//! YAML file duban reads — unit lists now, rule files later — comes through
//! [`from_str`], which refuses oversized, over-nested and multi-document input
//! before the parser sees it, and reports the parser's errors with line and
//! column. Swapping the parser means changing this module only.

pub(crate) mod locate;

use serde::de::DeserializeOwned;

use crate::say;

/// The largest YAML file read.
pub const MAX_YAML_BYTES: usize = 1 << 20;

/// The deepest nesting of blocks or flow collections allowed.
pub const MAX_DEPTH: usize = 32;

/// The most alias references (`*name`) a file may hold. Rule files may
/// share a phrase list by anchor; hundreds of references are an expansion
/// bomb ("billion laughs"), refused before the parser expands anything.
pub const MAX_ALIASES: usize = 50;

/// Why a YAML text could not be read.
#[derive(Debug, thiserror::Error)]
pub enum YamlError {
    /// Over [`MAX_YAML_BYTES`].
    #[error("{}", say!("文件有 {} 字节，超过 {} 字节的上限", "the file is {} bytes, over the limit of {}", .0, MAX_YAML_BYTES))]
    TooLarge(usize),
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("{}", say!("嵌套超过 {} 层", "nested more than {} levels deep", MAX_DEPTH))]
    TooDeep {
        /// Where the limit was passed.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// More than [`MAX_ALIASES`] alias references.
    #[error("{}", say!("别名（*name）超过 {} 个；这样展开的文件不读", "more than {} aliases (*name); a file that expands like this is refused", MAX_ALIASES))]
    TooManyAliases {
        /// Where the limit was passed.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// A second document (`---`) in a file that must hold one.
    #[error("{}", say!("文件里不止一个 YAML 文档（---）；请合成一个", "the file holds more than one YAML document; put everything in one"))]
    SecondDocument {
        /// The line of the separator.
        line: usize,
    },
    /// The parser's error, with its position when it gives one.
    #[error("{message}")]
    Syntax {
        /// Line, from 1.
        line: Option<usize>,
        /// Column, from 1.
        column: Option<usize>,
        /// What the parser said.
        message: String,
    },
}

impl YamlError {
    /// The line and column the error points at, when known.
    pub fn location(&self) -> Option<(usize, usize)> {
        match self {
            YamlError::TooLarge(_) => None,
            YamlError::TooDeep { line, column } | YamlError::TooManyAliases { line, column } => Some((*line, *column)),
            YamlError::SecondDocument { line } => Some((*line, 1)),
            YamlError::Syntax { line, column, .. } => line.zip(*column),
        }
    }
}

/// Reads a YAML document into `T`.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(YamlError::TooLarge(text.len()));
    }
    check_depth(text)?;
    check_one_document(text)?;
    serde_yaml::from_str(text).map_err(|error| {
        let location = error.location();
        let message = error.to_string();
        // serde_yaml appends " at line L column C"; the location is reported apart.
        let message = match message.rfind(" at line ") {
            Some(at) if location.is_some() => message[..at].to_string(),
            _ => message,
        };
        let message = crate::lang::serde_message(&message);
        YamlError::Syntax { line: location.as_ref().map(|l| l.line()), column: location.map(|l| l.column()), message }
    })
}

/// Reads the YAML file at `path`: a regular file of at most
/// [`MAX_YAML_BYTES`], in UTF-8. The bound is enforced while reading, so a
/// device or a growing file is never read past it.
pub fn read_file(path: &std::path::Path) -> Result<String, YamlError> {
    use crate::files::ReadError;
    let fail = |message: String| YamlError::Syntax { line: None, column: None, message };
    let bytes = crate::files::read_bounded(path, MAX_YAML_BYTES as u64).map_err(|error| match error {
        ReadError::TooLarge { size, .. } => YamlError::TooLarge(size as usize),
        other => fail(other.to_string()),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        fail(say!("不是 UTF-8 文本（第 {at} 字节无效）", "not UTF-8 text (byte {at} is not valid)"))
    })
}

/// Refuses a `---` separator after content: serde_yaml would refuse the
/// file too, but without saying where.
fn check_one_document(text: &str) -> Result<(), YamlError> {
    let mut content = false;
    for (index, line) in text.lines().enumerate() {
        let separator = line == "---" || line.starts_with("--- ") || line == "...";
        if separator && content {
            return Err(YamlError::SecondDocument { line: index + 1 });
        }
        let trimmed = line.trim_start();
        content |= !separator && !trimmed.is_empty() && !trimmed.starts_with('#') && !trimmed.starts_with('%');
    }
    Ok(())
}

/// Refuses text nested deeper than [`MAX_DEPTH`], by indentation or by
/// flow brackets, or with more than [`MAX_ALIASES`] aliases, without parsing it.
///
/// It reads YAML's tokens as YAML does, in one pass: a quote opens a quoted
/// scalar only where a scalar starts (`it's` is plain text), a quoted scalar
/// may run over lines (`''` and `\"` inside it close nothing), `#` opens a
/// comment only after a space (`C#` is text), and `*`, `[` and `{` are
/// indicators only where a token starts or, for brackets, inside a flow
/// collection (`a[b` is text).
/// Whether `line` ends with a block scalar's indicator ("require: |", "- >-"):
/// the lines below, indented deeper, are text.
fn opens_block_scalar(line: &str) -> bool {
    let value = line.split(" #").next().unwrap_or(line).trim_end();
    let indicator = value.trim_end_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    (indicator.ends_with(": |")
        || indicator.ends_with(": >")
        || indicator.ends_with("- |")
        || indicator.ends_with("- >"))
        || matches!(indicator.trim_start(), "|" | ">")
}

fn check_depth(text: &str) -> Result<(), YamlError> {
    let mut flow = 0usize;
    let mut aliases = 0usize;
    let mut quote: Option<char> = None;
    // The indentation of the key whose block scalar (`|`, `>`) the lines below hold.
    let mut block: Option<usize> = None;
    for (index, line) in text.lines().enumerate() {
        let (row, chars): (usize, Vec<char>) = (index + 1, line.chars().collect());
        let indent = line.len() - line.trim_start_matches(' ').len();
        match block {
            Some(key) if line.trim().is_empty() || indent > key => continue,
            _ => block = None,
        }
        if quote.is_none() && flow == 0 && opens_block_scalar(line) {
            block = Some(indent);
        }
        if quote.is_none() {
            let indent = line.len() - line.trim_start_matches([' ', '-']).len();
            if indent / 2 > MAX_DEPTH {
                return Err(YamlError::TooDeep { line: row, column: indent + 1 });
            }
        }
        // Inside a plain scalar of a block (`note: it's [x]`): its indicators are text.
        let mut plain = false;
        let mut column = 0;
        while column < chars.len() {
            let c = chars[column];
            let spaced = |at: Option<&char>| at.is_none_or(|c| *c == ' ' || *c == '\t');
            let after_space = column == 0 || spaced(chars.get(column - 1));
            let before_space = spaced(chars.get(column + 1));
            // Where a node may start: after a space, or after a flow indicator inside a flow.
            let node_start = !plain
                && (after_space || (flow > 0 && column > 0 && matches!(chars[column - 1], '[' | '{' | ',' | ':')));
            match quote {
                Some('\'') if c == '\'' && chars.get(column + 1) == Some(&'\'') => column += 1,
                Some('"') if c == '\\' => column += 1,
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    ' ' | '\t' => {}
                    '#' if after_space => break,
                    // "key: value": the value is a new node, whatever came before.
                    ':' if before_space => plain = false,
                    '"' | '\'' if node_start => quote = Some(c),
                    '*' if node_start => {
                        aliases += 1;
                        if aliases > MAX_ALIASES {
                            return Err(YamlError::TooManyAliases { line: row, column: column + 1 });
                        }
                        plain = flow == 0;
                    }
                    '[' | '{' if node_start || flow > 0 => {
                        flow += 1;
                        if flow > MAX_DEPTH {
                            return Err(YamlError::TooDeep { line: row, column: column + 1 });
                        }
                    }
                    ']' | '}' if flow > 0 => flow -= 1,
                    ',' if flow > 0 => {}
                    // Sequence entries, keys, anchors and tags come before a node, not in one.
                    '-' | '?' if node_start && before_space => {}
                    '&' | '!' if node_start => {
                        // To the end of the name: a space, or in a flow its indicators.
                        let ends = |c: &char| {
                            *c == ' ' || *c == '\t' || (flow > 0 && matches!(c, '[' | ']' | '{' | '}' | ','))
                        };
                        while chars.get(column + 1).is_some_and(|c| !ends(c)) {
                            column += 1;
                        }
                    }
                    _ => plain = flow == 0,
                },
            }
            column += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn errors_say_where() {
        let error = from_str::<BTreeMap<String, Vec<String>>>("a: [x, y]\nb: {c\n").unwrap_err();
        let (line, _) = error.location().expect("a location");
        assert!(line >= 2, "{error:?}");
    }

    #[test]
    fn a_second_document_is_refused_where_it_starts() {
        let error = from_str::<serde_yaml::Value>("---\na: 1\n---\nb: 2\n").unwrap_err();
        assert!(matches!(error, YamlError::SecondDocument { line: 3 }), "{error:?}");
        assert!(from_str::<serde_yaml::Value>("---\na: 1\n").is_ok());
    }

    #[test]
    fn the_guard_reads_tokens_as_yaml_does() {
        // An apostrophe in a plain scalar opens nothing: the aliases after it are counted.
        let bomb: String = std::iter::once("a: &a [x]\nnote: it's fine\nb: [".to_string())
            .chain((0..60).map(|_| "*a, ".to_string()))
            .chain(std::iter::once("*a]\n".to_string()))
            .collect();
        assert!(matches!(from_str::<serde_yaml::Value>(&bomb), Err(YamlError::TooManyAliases { .. })));
        // Nor do brackets in it: "it's [[[" is text, and valid.
        let brackets = format!("note: it's {}\n", "[".repeat(40));
        assert!(from_str::<serde_yaml::Value>(&brackets).is_ok(), "{brackets}");
        // A # inside a plain scalar is text, not a comment hiding the brackets' closers.
        let sharp: String = (0..40).map(|n| format!("k{n}: [C#{n}, F#]\n")).collect();
        assert!(from_str::<serde_yaml::Value>(&sharp).is_ok());
        // So does a block scalar.
        let literal = format!("require: |\n  it's {}\n  * * *\nnext: 1\n", "[".repeat(40));
        assert!(from_str::<serde_yaml::Value>(&literal).is_ok(), "{literal}");
        // A quoted scalar over two lines, with '' and \" inside, hides its brackets.
        let quoted = "a: 'it''s [[[[\n  [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\nb: \"say \\\" [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n";
        assert!(from_str::<serde_yaml::Value>(quoted).is_ok(), "{quoted}");
        // Flow collections nested too deep are still refused, quoted or not around them.
        let deep = format!("a: 'x'\nb: {}{}\n", "[".repeat(40), "]".repeat(40));
        assert!(matches!(from_str::<serde_yaml::Value>(&deep), Err(YamlError::TooDeep { line: 2, .. })));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!("a: {}{}", "[".repeat(40), "]".repeat(40));
        assert!(matches!(from_str::<serde_yaml::Value>(&text), Err(YamlError::TooDeep { line: 1, .. })));
        let quoted = "a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n";
        assert!(from_str::<serde_yaml::Value>(quoted).is_ok());
    }
}
