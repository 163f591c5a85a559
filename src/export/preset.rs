//! Layout presets: the GB/T 9704 page in figures, as named YAML files.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::ExportError;
use crate::yaml;

/// A built-in preset: its name and text.
pub struct BuiltinPreset {
    /// As `--preset` names it.
    pub name: &'static str,
    /// The YAML.
    pub text: &'static str,
}

/// The built-in presets; the first is the default.
pub const PRESETS: [BuiltinPreset; 2] = [
    BuiltinPreset { name: "portable", text: include_str!("../../presets/portable.yaml") },
    BuiltinPreset { name: "word", text: include_str!("../../presets/word.yaml") },
];

/// A layout: page, grid, fonts and sizes.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// Its name.
    pub name: String,
    /// Paper and margins, in twips.
    pub page: Page,
    /// The line pitch, in twips: exact line spacing and the grid's pitch.
    pub line_pitch: usize,
    /// The document grid.
    pub grid: Grid,
    /// The grid's character spacing (`lines_and_chars` only).
    pub char_space: isize,
    /// Character spacing of body runs, in twentieths of a point.
    pub run_spacing: i32,
    /// Font names.
    pub fonts: Fonts,
    /// Font sizes, in half-points.
    pub sizes: Sizes,
    /// For each font, what offices have instead, in the order they use
    /// (仿宋_GB2312 → 仿宋 → FangSong): the first is written into the
    /// .docx as the font's other name (`w:altName`, as Word writes it), and
    /// the draft warns only when a machine has none of them.
    #[serde(default)]
    pub fallbacks: std::collections::BTreeMap<String, Vec<String>>,
}

impl Fonts {
    /// Every font named, each once, in the order of the fields.
    pub fn names(&self) -> Vec<&str> {
        let all = [&self.title, &self.body, &self.heading1, &self.heading2, &self.page_number, &self.latin];
        let mut names: Vec<&str> = Vec::new();
        for name in all {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        names
    }
}

/// Paper and margins, in twips.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Paper width.
    pub width: u32,
    /// Paper height.
    pub height: u32,
    /// Top margin (天头).
    pub top: i32,
    /// Bottom margin.
    pub bottom: i32,
    /// Left margin (订口).
    pub left: i32,
    /// Right margin.
    pub right: i32,
    /// From the paper's foot to the footer.
    pub footer: i32,
}

/// Word's document grid.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Grid {
    /// Lines only.
    Lines,
    /// Lines and characters.
    LinesAndChars,
}

/// Font names, East Asian; Latin text uses `latin`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Fonts {
    /// The title: 方正小标宋简体.
    pub title: String,
    /// Body text: 仿宋_GB2312.
    pub body: String,
    /// 一、 headings: 黑体.
    pub heading1: String,
    /// （一） headings: 楷体_GB2312.
    pub heading2: String,
    /// Page numbers: 宋体.
    pub page_number: String,
    /// Latin letters and digits: Times New Roman.
    pub latin: String,
}

/// Font sizes, in half-points.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Sizes {
    /// The title: 44 (2号).
    pub title: usize,
    /// Body text: 32 (3号).
    pub body: usize,
    /// Page numbers: 28 (4号).
    pub page_number: usize,
}

impl Preset {
    /// The built-in preset called `name`, or the preset file at `name`.
    pub fn load(name: &str) -> Result<Preset, ExportError> {
        match PRESETS.iter().find(|p| p.name == name) {
            Some(builtin) => Preset::read(Path::new(&format!("presets/{}.yaml", builtin.name)), builtin.text),
            None => {
                let path = PathBuf::from(name);
                let text = crate::files::read_text(&path, crate::yaml::MAX_YAML_BYTES as u64).map_err(|e| {
                    let known: Vec<&str> = PRESETS.iter().map(|p| p.name).collect();
                    let known = known.join(crate::lang::list());
                    let message = crate::say!(
                        "既不是内置版式（{known}），也不是可读的版式文件（{e}）",
                        "not a preset ({known}) nor a readable preset file ({e})"
                    );
                    ExportError::File(crate::diagnostics::FileError::new(&path, "", None, message))
                })?;
                Preset::read(&path, &text)
            }
        }
    }

    /// A preset file's text, read as the preset at `path`.
    pub fn read(path: &Path, text: &str) -> Result<Preset, ExportError> {
        yaml::from_str(text)
            .map_err(|e| ExportError::File(crate::diagnostics::FileError::new(path, text, e.location(), e.to_string())))
    }
}

impl Default for Preset {
    fn default() -> Self {
        Preset::load(PRESETS[0].name).expect("the built-in presets are valid (a test reads them)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_presets_read_and_differ_only_in_the_grid() {
        let portable = Preset::load("portable").unwrap();
        let word = Preset::load("word").unwrap();
        assert_eq!((portable.grid, word.grid), (Grid::Lines, Grid::LinesAndChars));
        assert_eq!((portable.run_spacing, word.char_space), (-5, -841));
        assert_eq!((portable.page, portable.fonts.clone(), portable.sizes), (word.page, word.fonts, word.sizes));
        assert_eq!(portable.page.top, 2098);
        assert!(matches!(Preset::load("no-such-preset"), Err(ExportError::File(_))));
    }
}
