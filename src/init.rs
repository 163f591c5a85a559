//! `duban init DIR`: editable copies of everything duban reads at run time.

use std::path::{Path, PathBuf};

use crate::Error;

/// Every file `duban init` writes: its path under DIR and its text, which is
/// exactly what the binary has built in.
pub fn files() -> Vec<(PathBuf, &'static str)> {
    let mut files = vec![
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
        return Err(Error::Init(format!(
            "{} is already there; pass --force to replace it (and the other copies)",
            dir.join(path).display()
        )));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(&path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::Init(format!("{}: cannot create ({e})", parent.display())))?;
        }
        crate::export::write_new(&target, text.as_bytes())?;
        written.push(target);
    }
    Ok(written)
}
