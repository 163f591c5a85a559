//! Folders of bulletins: every file found, read in parallel, a bad one never
//! stopping the others.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::Error;

/// The file extensions read from a folder when no `--glob` is given.
pub const INPUT_EXTENSIONS: &[&str] = &["txt", "docx", "html", "htm"];

/// A bulletin found in a folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Its path, the folder's path joined with `relative`.
    pub path: PathBuf,
    /// Its path inside the folder.
    pub relative: PathBuf,
}

/// The bulletins in `dir` and its sub-folders, by path: those matching
/// `glob` (against the path inside the folder), else every .txt, .docx and
/// .html. Hidden files and folders are left out.
pub fn inputs(dir: &Path, glob: Option<&str>) -> Result<Vec<Input>, Error> {
    let matcher: Option<GlobMatcher> = match glob {
        Some(pattern) => {
            Some(Glob::new(pattern).map_err(|e| Error::Batch(format!("--glob {pattern}: {e}")))?.compile_matcher())
        }
        None => None,
    };
    let mut found = Vec::new();
    walk(dir, Path::new(""), &mut found)?;
    let wanted = |relative: &Path| match &matcher {
        Some(matcher) => matcher.is_match(relative),
        None => relative
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| INPUT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
    };
    let inputs: Vec<Input> = found
        .into_iter()
        .filter(|relative| wanted(relative))
        .map(|relative| Input { path: dir.join(&relative), relative })
        .collect();
    if inputs.is_empty() {
        let what =
            glob.map_or_else(|| "no .txt, .docx or .html files".to_string(), |g| format!("no files matching {g}"));
        return Err(Error::Batch(format!("{}: {what}", dir.display())));
    }
    Ok(inputs)
}

fn walk(root: &Path, relative: &Path, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let dir = root.join(relative);
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| Error::Batch(format!("{}: cannot read the folder ({e})", dir.display())))?;
    let mut entries: Vec<(PathBuf, bool)> = entries
        .flatten()
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| (relative.join(entry.file_name()), entry.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    entries.sort();
    for (path, is_dir) in entries {
        if is_dir {
            walk(root, &path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

/// Runs `work` on every input in parallel, results in input order, with a
/// progress bar on standard error when it is a terminal.
pub fn each<I: Sync, T: Send>(inputs: &[I], work: impl Fn(&I) -> Result<T, Error> + Sync) -> Vec<Result<T, Error>> {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(inputs.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let results = inputs
        .par_iter()
        .map(|input| {
            let result = work(input);
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();
    results
}

/// Output names for drafts of `inputs` under `out_dir`, mirroring their
/// sub-folders: `a.txt` → `a.督办通知.docx`. Two inputs that would share a
/// name (`a.txt`, `a.docx`) keep their extensions apart: `a.txt.督办通知.docx`.
pub fn output_paths(inputs: &[Input], out_dir: &Path, part: &str, extension: &str) -> Vec<PathBuf> {
    let plain = |input: &Input| {
        let stem = input.relative.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        input.relative.with_file_name(format!("{stem}.{part}.{extension}"))
    };
    let names: Vec<PathBuf> = inputs.iter().map(plain).collect();
    let key = |path: &Path| path.to_string_lossy().to_lowercase();
    inputs
        .iter()
        .zip(&names)
        .map(|(input, name)| {
            let shared = names.iter().filter(|other| key(other) == key(name)).count() > 1;
            let relative = if shared {
                let file = input.relative.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                input.relative.with_file_name(format!("{file}.{part}.{extension}"))
            } else {
                name.clone()
            };
            out_dir.join(relative)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_mirror_the_folders_and_never_collide() {
        let input = |p: &str| Input { path: PathBuf::from("in").join(p), relative: PathBuf::from(p) };
        let inputs = [input("a.txt"), input("a.docx"), input("sub/b.html"), input("c.txt")];
        let outputs = output_paths(&inputs, Path::new("out"), "督办通知", "docx");
        let shown: Vec<String> = outputs.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            shown,
            ["out/a.txt.督办通知.docx", "out/a.docx.督办通知.docx", "out/sub/b.督办通知.docx", "out/c.督办通知.docx"]
        );
    }
}
