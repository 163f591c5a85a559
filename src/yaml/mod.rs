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
    #[error("the file is {0} bytes, over the limit of {MAX_YAML_BYTES}")]
    TooLarge(usize),
    /// Nested deeper than [`MAX_DEPTH`].
    #[error("nested more than {MAX_DEPTH} levels deep")]
    TooDeep {
        /// Where the limit was passed.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// More than [`MAX_ALIASES`] alias references.
    #[error("more than {MAX_ALIASES} aliases (*name); a file that expands like this is refused")]
    TooManyAliases {
        /// Where the limit was passed.
        line: usize,
        /// Column, from 1.
        column: usize,
    },
    /// A second document (`---`) in a file that must hold one.
    #[error("the file holds more than one YAML document; put everything in one")]
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
    String::from_utf8(bytes)
        .map_err(|e| fail(format!("not UTF-8 text (byte {} is not valid)", e.utf8_error().valid_up_to())))
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
fn check_depth(text: &str) -> Result<(), YamlError> {
    let mut flow = 0usize;
    let mut aliases = 0usize;
    for (index, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches([' ', '-']).len();
        if indent / 2 > MAX_DEPTH {
            return Err(YamlError::TooDeep { line: index + 1, column: indent + 1 });
        }
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        for (column, c) in line.chars().enumerate() {
            let opens_token = matches!(previous, ' ' | '[' | '{' | ',' | ':' | '-');
            previous = c;
            match (quote, c) {
                (None, '*') if opens_token => {
                    aliases += 1;
                    if aliases > MAX_ALIASES {
                        return Err(YamlError::TooManyAliases { line: index + 1, column: column + 1 });
                    }
                }
                (None, '#') => break,
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), _) if c == q => quote = None,
                (None, '[' | '{') => {
                    flow += 1;
                    if flow > MAX_DEPTH {
                        return Err(YamlError::TooDeep { line: index + 1, column: column + 1 });
                    }
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
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
    fn deep_nesting_is_refused_before_parsing() {
        let text = format!("a: {}{}", "[".repeat(40), "]".repeat(40));
        assert!(matches!(from_str::<serde_yaml::Value>(&text), Err(YamlError::TooDeep { line: 1, .. })));
        let quoted = "a: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n";
        assert!(from_str::<serde_yaml::Value>(quoted).is_ok());
    }
}
