//! What `duban rules lint` and `duban rules list` print.

use std::fmt::Write as _;
use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::rules::{Grading, Limit, RuleSet};
use crate::say;

/// The verdict on a rule file or folder that loaded, and, for a folder,
/// which of its files are the unit list and the phrase file, not rules.
pub fn to_rules_lint(path: &Path, rules: &RuleSet) -> String {
    let levels: Vec<&str> = rules.levels.iter().map(|l| l.label.as_str()).collect();
    let (shown, count, levels) = (path.display(), rules.rules.len(), levels.join(" · "));
    let mut out =
        say!("{shown}：无误，{count}条规则，等级 {levels}\n", "{shown}: ok, {count} rules, levels {levels}\n");
    for (name, what) in [
        (crate::office::UNITS, say!("单位名录，不是规则文件", "the unit list, not a rule file")),
        (crate::office::PHRASES, say!("判断用语，不是规则文件", "the phrase file, not a rule file")),
    ] {
        let file = path.join(name);
        if path.is_dir() && file.is_file() {
            let _ = writeln!(out, "  {}{}{what}", file.display(), say!("：", ": "));
        }
    }
    out
}

/// The rules in force: id, level, title, and where each is written.
pub fn to_rules_list(rules: &RuleSet) -> String {
    let id_width = rules.rules.iter().map(|r| r.id.width()).max().unwrap_or(0);
    let levels: Vec<String> = rules.rules.iter().map(|r| level(rules, &r.level)).collect();
    let level_width = levels.iter().map(|l| l.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (rule, level) in rules.rules.iter().zip(&levels) {
        let pad = |text: &str, width: usize| format!("{text}{}", " ".repeat(width.saturating_sub(text.width())));
        let _ = writeln!(
            out,
            "{}  {}  {}  {}:{}",
            pad(&rule.id, id_width),
            pad(level, level_width),
            rule.title,
            rule.source.file,
            rule.source.line
        );
    }
    out
}

/// A level, or a grade as `蓝色<10 黄色≤30 红色`.
fn level(rules: &RuleSet, grading: &Grading) -> String {
    match grading {
        Grading::Fixed(level) => rules.levels[*level].label.clone(),
        Grading::Graded(bands) => bands
            .iter()
            .map(|band| {
                let label = &rules.levels[band.level].label;
                match band.limit {
                    Some(Limit::Under(v)) => format!("{label}<{v}"),
                    Some(Limit::UpTo(v)) => format!("{label}≤{v}"),
                    None => label.clone(),
                }
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}
