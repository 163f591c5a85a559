//! `duban init DIR`: an office folder ([`crate::office`]) with editable
//! copies of everything duban reads at run time.

use std::path::{Path, PathBuf};

use crate::Error;
use crate::say;

/// Every file `duban init` writes: its path under DIR and its text, which is
/// exactly what the binary has built in.
pub fn files() -> Vec<(PathBuf, &'static str)> {
    let mut files = vec![
        (PathBuf::from(crate::office::SETTINGS), crate::office::DEFAULT_SETTINGS),
        (PathBuf::from("rules/default.yaml"), crate::rules::DEFAULT_RULES),
        (PathBuf::from("rules/units.yaml"), crate::extract::DEFAULT_UNITS),
        (PathBuf::from("rules/phrases.yaml"), crate::extract::DEFAULT_PHRASES),
    ];
    files.extend(crate::render::BUILTIN.iter().map(|t| (Path::new("templates").join(t.name), t.text)));
    files
        .extend(crate::export::PRESETS.iter().map(|p| (Path::new("presets").join(format!("{}.yaml", p.name)), p.text)));
    files
}

/// Writes the copies into `dir`. Without `force`, refuses (before writing
/// anything) when one of the files is already there.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>, Error> {
    let files = files();
    let present = files.iter().find(|(path, _)| dir.join(path).exists());
    if let Some((path, _)) = present.filter(|_| !force) {
        return Err(Error::Init(say!(
            "{} 已经存在；要替换它（以及其他副本）请加 --force",
            "{} is already there; pass --force to replace it (and the other copies)",
            dir.join(path).display()
        )));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Init(say!("{}：无法建立（{e}）", "{}: cannot create ({e})", parent.display())))?;
        }
        crate::export::write_new(&target, text.as_bytes())?;
        written.push(target);
    }
    Ok(written)
}

/// What `duban init` prints: the files written, then what to do next, in the
/// words of the clerk who reads it.
pub fn report(dir: &Path, written: &[PathBuf]) -> String {
    let mut out = say!("已在 {} 建好本室文件夹：\n", "Made the office folder {}:\n", dir.display());
    for path in written {
        out.push_str(&format!("  {}\n", path.display()));
    }
    let (settings, dir) = (dir.join(crate::office::SETTINGS), dir.display());
    let settings = settings.display();
    out.push_str(&say!(
        "下一步：\n\
         \x20 1. 打开 {settings}，填上本室的发文单位、主送和文号（去掉行首的“# ”即生效）。\n\
         \x20 2. 进入这个文件夹：cd {dir}\n\
         \x20 3. 检查一期通报：duban check 通报文件\n\
         \x20 4. 起草督办通知：duban draft 通报文件\n\
         在这个文件夹里运行时，duban 自动使用这里的规则（rules）、模板（templates）和版式（presets）；\n\
         改过规则后，用 duban rules lint 检查。\n",
        "Next:\n\
         \x20 1. Open {settings} and fill in the office's issuer, 主送 and number (remove the leading \"# \").\n\
         \x20 2. Go into the folder: cd {dir}\n\
         \x20 3. Check a bulletin: duban check BULLETIN\n\
         \x20 4. Draft the notice: duban draft BULLETIN\n\
         Inside this folder duban uses its rules, templates and presets;\n\
         after editing a rule, check it with duban rules lint.\n"
    ));
    out
}
