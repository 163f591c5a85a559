//! Where a value sits in a YAML file, by its key path.
//!
//! serde_yaml reports positions for the errors it finds itself (a wrong
//! type, an unknown key), but the values it hands over carry none. Errors
//! found later — an unknown level, a bad regex, a broken tera sentence —
//! still have to point at a line and column, so this module reads the
//! layout of the file once: block mappings and sequences by indentation, and
//! flow collections (`{state: done}`, `[a, b]`) written on one line. It does
//! not judge the YAML (the parser already has); for anything it cannot place
//! it answers with the nearest enclosing key it can.

use std::collections::HashMap;

/// One step of a key path: a mapping key or a sequence index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    /// `key:`.
    Key(String),
    /// The n-th entry of a sequence, from 0.
    Index(usize),
}

/// A position in the file: line and column from 1, the column in characters.
pub(crate) type Position = (usize, usize);

/// Where each key path's value starts (or, for a nested value, its key).
#[derive(Debug, Default)]
pub(crate) struct Layout {
    positions: HashMap<Vec<Step>, Position>,
}

impl Layout {
    /// Reads the layout of `text`.
    pub(crate) fn of(text: &str) -> Layout {
        let mut layout = Layout::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut root_entries = 0;
        let mut block_scalar_above: Option<usize> = None;
        for (index, line) in text.lines().enumerate() {
            let number = index + 1;
            let chars: Vec<char> = line.chars().collect();
            let indent = chars.iter().take_while(|&&c| c == ' ').count();
            let rest: String = chars[indent..].iter().collect();
            if let Some(above) = block_scalar_above {
                if rest.is_empty() || indent > above {
                    continue;
                }
                block_scalar_above = None;
            }
            if rest.is_empty() || rest.starts_with('#') || rest.starts_with("---") || rest.starts_with("...") {
                continue;
            }
            let mut column = indent;
            let mut rest = rest.as_str();
            // Sequence entries, several on a line in `- - x`.
            while rest == "-" || rest.starts_with("- ") {
                pop_to(&mut stack, column, true);
                let entry = match stack.last_mut() {
                    Some(parent) => parent.take_index(),
                    None => {
                        root_entries += 1;
                        root_entries - 1
                    }
                };
                let path = path_of(&stack, Step::Index(entry));
                layout.positions.entry(path.clone()).or_insert((number, column + 1));
                stack.push(Frame { column, path, entries: 0 });
                let after = &rest[1..];
                let spaces = after.len() - after.trim_start_matches(' ').len();
                column += 1 + spaces;
                rest = after.trim_start_matches(' ');
            }
            if rest.is_empty() {
                continue;
            }
            let Some((key, value_at)) = mapping_key(rest) else {
                // A scalar entry or a continuation line: its place is known already.
                if rest.starts_with(['{', '[']) {
                    let path = stack.last().map(|f| f.path.clone()).unwrap_or_default();
                    flow(&mut layout, path, rest, number, column);
                }
                continue;
            };
            pop_to(&mut stack, column, false);
            let path = path_of(&stack, Step::Key(key));
            let value: &str = rest[value_at..].trim_start_matches(' ');
            let value_column = column + rest[..rest.len() - value.len()].chars().count();
            if value.is_empty() || value.starts_with('#') {
                layout.positions.insert(path.clone(), (number, column + 1));
            } else if value.starts_with(['{', '[']) {
                flow(&mut layout, path.clone(), value, number, value_column);
            } else {
                layout.positions.insert(path.clone(), (number, value_column + 1));
                if value.starts_with(['|', '>']) {
                    block_scalar_above = Some(indent);
                }
            }
            stack.push(Frame { column, path, entries: 0 });
        }
        layout
    }

    /// The position of the value at `path`, else of the nearest enclosing
    /// value the layout knows.
    pub(crate) fn find(&self, path: &[Step]) -> Option<Position> {
        (0..=path.len()).rev().find_map(|n| self.positions.get(&path[..n]).copied())
    }
}

/// An open mapping key or sequence entry.
#[derive(Debug)]
struct Frame {
    column: usize,
    path: Vec<Step>,
    entries: usize,
}

impl Frame {
    fn take_index(&mut self) -> usize {
        self.entries += 1;
        self.entries - 1
    }
}

/// Closes the frames a line at `column` is not inside. A sequence entry may
/// sit at its parent key's column (`rules:` then `- id: …` under it).
fn pop_to(stack: &mut Vec<Frame>, column: usize, entry: bool) {
    while let Some(top) = stack.last() {
        let is_entry = matches!(top.path.last(), Some(Step::Index(_)));
        let inside =
            if entry { top.column < column || (top.column == column && !is_entry) } else { top.column < column };
        if inside {
            break;
        }
        stack.pop();
    }
}

fn path_of(stack: &[Frame], step: Step) -> Vec<Step> {
    let mut path = stack.last().map(|f| f.path.clone()).unwrap_or_default();
    path.push(step);
    path
}

/// `key: value` or `"key": value` at the start of `text`: the key and the
/// byte offset just after its colon.
fn mapping_key(text: &str) -> Option<(String, usize)> {
    let (key, after) = if let Some(quote @ ('"' | '\'')) = text.chars().next() {
        let end = text[1..].find(quote)? + 1;
        (text[1..end].to_string(), end + 1)
    } else {
        let colon = text.find(": ").or_else(|| text.strip_suffix(':').map(|k| k.len()))?;
        if text[..colon].contains(['{', '[', '#', '"', '\'']) {
            return None;
        }
        (text[..colon].trim_end().to_string(), colon)
    };
    let tail = &text[after..];
    (tail == ":" || tail.starts_with(": ")).then(|| (key, after + 1))
}

/// Records the keys and entries of a flow collection written on one line,
/// `text` starting at its bracket, at 0-based character `column`.
fn flow(layout: &mut Layout, path: Vec<Step>, text: &str, line: usize, column: usize) {
    let chars: Vec<char> = text.chars().collect();
    let mut at = 0;
    flow_value(layout, &path, &chars, &mut at, line, column);
}

fn flow_value(layout: &mut Layout, path: &[Step], chars: &[char], at: &mut usize, line: usize, column: usize) {
    skip_spaces(chars, at);
    layout.positions.insert(path.to_vec(), (line, column + *at + 1));
    match chars.get(*at) {
        Some('{') => {
            *at += 1;
            loop {
                skip_spaces(chars, at);
                match chars.get(*at) {
                    None => return,
                    Some('}') => {
                        *at += 1;
                        return;
                    }
                    Some(',') => *at += 1,
                    Some(_) => {
                        let before = *at;
                        let key = scalar(chars, at, true);
                        if *at == before {
                            // A stray `]` inside `{…}`: step over it.
                            *at += 1;
                            continue;
                        }
                        skip_spaces(chars, at);
                        let mut child = path.to_vec();
                        child.push(Step::Key(key));
                        if chars.get(*at) == Some(&':') {
                            *at += 1;
                            flow_value(layout, &child, chars, at, line, column);
                        } else {
                            layout.positions.insert(child, (line, column + *at + 1));
                        }
                    }
                }
            }
        }
        Some('[') => {
            *at += 1;
            let mut index = 0;
            loop {
                skip_spaces(chars, at);
                match chars.get(*at) {
                    None => return,
                    Some(']') => {
                        *at += 1;
                        return;
                    }
                    Some(',') => *at += 1,
                    Some(_) => {
                        let mut child = path.to_vec();
                        child.push(Step::Index(index));
                        index += 1;
                        let before = *at;
                        flow_value(layout, &child, chars, at, line, column);
                        // A stray `}` inside `[…]` reads as nothing: step over it.
                        if *at == before {
                            *at += 1;
                        }
                    }
                }
            }
        }
        Some(_) => {
            scalar(chars, at, false);
        }
        None => {}
    }
}

fn skip_spaces(chars: &[char], at: &mut usize) {
    while chars.get(*at) == Some(&' ') {
        *at += 1;
    }
}

/// Reads a scalar in a flow collection, quoted or plain, and returns it.
fn scalar(chars: &[char], at: &mut usize, key: bool) -> String {
    let start = *at;
    if let Some(&quote @ ('"' | '\'')) = chars.get(*at) {
        *at += 1;
        while let Some(&c) = chars.get(*at) {
            *at += 1;
            if c == '\\' && quote == '"' {
                *at += 1;
            } else if c == quote {
                break;
            }
        }
        let end = (*at).min(chars.len());
        return chars[start + 1..end.saturating_sub(1).max(start + 1)].iter().collect();
    }
    while let Some(&c) = chars.get(*at) {
        let ends = matches!(c, ',' | '}' | ']') || (key && c == ':' && chars.get(*at + 1).is_none_or(|n| *n == ' '));
        if ends {
            break;
        }
        *at += 1;
    }
    chars[start..*at].iter().collect::<String>().trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    const FILE: &str = "\
# comment
levels:
  - id: red
    label: 红色
rules:
- id: not-reported
  level: yellow
  when: {state: not_reported, text: {regex: \"未(报|交)\", in: status}}
  require: |
    line one: not a key
    line two
  supersedes: [a, b]
- id: second
  when:
    all:
      - text: 滞后
      - gap: true
";

    #[test]
    fn block_keys_and_entries() {
        let layout = Layout::of(FILE);
        assert_eq!(layout.find(&[key("levels"), Step::Index(0), key("label")]), Some((4, 12)));
        assert_eq!(layout.find(&[key("rules"), Step::Index(1), key("id")]), Some((13, 7)));
        assert_eq!(
            layout.find(&[key("rules"), Step::Index(1), key("when"), key("all"), Step::Index(1), key("gap")]),
            Some((17, 14))
        );
    }

    #[test]
    fn flow_collections_on_one_line() {
        let layout = Layout::of(FILE);
        let when = [key("rules"), Step::Index(0), key("when")];
        assert_eq!(layout.find(&when), Some((8, 9)));
        let regex = [&when[..], &[key("text"), key("regex")]].concat();
        assert_eq!(layout.find(&regex), Some((8, 45)));
        let b = [key("rules"), Step::Index(0), key("supersedes"), Step::Index(1)];
        assert_eq!(layout.find(&b), Some((12, 19)));
    }

    #[test]
    fn stray_brackets_end_the_reading_of_a_line() {
        // Found by fuzzing: `[[j33 }}` once looped for ever.
        let layout = Layout::of("when: {any: [[j33 }}前办结。\"\nnext: {a: ]b}\n");
        assert_eq!(layout.find(&[key("when")]), Some((1, 7)));
        assert_eq!(layout.find(&[key("next")]), Some((2, 7)));
    }

    #[test]
    fn block_scalars_hide_their_lines_and_unknown_paths_fall_back() {
        let layout = Layout::of(FILE);
        assert_eq!(layout.find(&[key("rules"), Step::Index(0), key("line one")]), Some((6, 1)));
        assert_eq!(layout.find(&[key("rules"), Step::Index(0), key("require")]), Some((9, 12)));
    }
}
