//! Whether the machine a draft is made on has the fonts its .docx names.
//!
//! Information only: the clerk's Word may run elsewhere, and Word or WPS show
//! a missing font in another. A font counts as there when it or one of the
//! preset's fallbacks for it is installed, by any of its names (仿宋_GB2312
//! or FangSong_GB2312).

use std::collections::HashSet;

use super::preset::Preset;

/// The family names of every font installed, in the folders the system keeps
/// them in (on Windows also the user's own, installed without administrator rights).
pub fn installed() -> HashSet<String> {
    let mut database = fontdb::Database::new();
    database.load_system_fonts();
    database.faces().flat_map(|face| face.families.iter().map(|(name, _)| name.clone())).collect()
}

/// The preset's fonts of which `installed` holds neither the font nor any of
/// its fallbacks, each with its fallbacks.
pub fn missing<'a>(preset: &'a Preset, installed: &HashSet<String>) -> Vec<(&'a str, &'a [String])> {
    preset
        .fonts
        .names()
        .into_iter()
        .map(|name| (name, preset.fallbacks.get(name).map_or(&[][..], Vec::as_slice)))
        .filter(|(name, fallbacks)| !installed.contains(*name) && !fallbacks.iter().any(|f| installed.contains(f)))
        .collect()
}

/// The warning for the fonts `missing` found, or `None` when none is.
pub fn warning(missing: &[(&str, &[String])]) -> Option<String> {
    if missing.is_empty() {
        return None;
    }
    let list = crate::lang::list();
    let names: Vec<String> = missing
        .iter()
        .map(|(name, fallbacks)| match fallbacks.len() {
            0 => name.to_string(),
            _ => crate::say!("{name}（也没有{}）", "{name} (nor {})", fallbacks.join(list)),
        })
        .collect();
    let names = names.join(list);
    Some(crate::say!(
        "本机没有通知所用的字体：{names}。稿子照样按这些字体排版；打开它的电脑若也没有，Word 或 WPS 会换用别的字体，每页的行数和字数可能变化。",
        "this machine lacks fonts the notice names: {names}. The draft still names them; where the computer that opens it lacks them too, Word or WPS shows another font, and lines and pages may change."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_font_is_there_when_a_fallback_is() {
        let preset = Preset::default();
        let none = HashSet::new();
        let all: Vec<&str> = missing(&preset, &none).iter().map(|(name, _)| *name).collect();
        assert_eq!(all, ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "Times New Roman"]);
        let some: HashSet<String> = ["仿宋", "SimHei", "Times New Roman"].map(String::from).into();
        let left: Vec<&str> = missing(&preset, &some).iter().map(|(name, _)| *name).collect();
        assert_eq!(left, ["方正小标宋简体", "楷体_GB2312", "宋体"]);
        let said = warning(&missing(&preset, &some)).unwrap();
        assert!(said.contains("楷体_GB2312（也没有楷体、KaiTi、方正楷体_GBK）"), "{said}");
        assert!(warning(&[]).is_none());
    }
}
