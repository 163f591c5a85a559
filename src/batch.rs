//! Folders of bulletins: every file found, read in parallel, a bad one never
//! stopping the others.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobMatcher};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::Error;
use crate::say;

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

/// The parts of duban's own drafts' names ("a.督办通知.docx"): a file so
/// named in a folder is a draft, not a bulletin, and is not read back.
pub const DRAFT_PARTS: &[&str] = &["督办通知", "督办单", "督办"];

/// The bulletins in `dir` and its sub-folders, by path: those matching
/// `glob` (against the path inside the folder), else every .txt, .docx and
/// .html. Hidden files and folders are left out, and so are duban's own
/// drafts ([`DRAFT_PARTS`]) and the folder `except` (where drafts are
/// written), so a second run never drafts the first run's drafts.
pub fn inputs(dir: &Path, glob: Option<&str>, except: Option<&Path>) -> Result<Vec<Input>, Error> {
    let matcher: Option<GlobMatcher> = match glob {
        Some(pattern) => {
            Some(Glob::new(pattern).map_err(|e| Error::Batch(format!("--glob {pattern}: {e}")))?.compile_matcher())
        }
        None => None,
    };
    let mut found = Vec::new();
    let except = except.and_then(|e| std::fs::canonicalize(e).ok());
    walk(dir, Path::new(""), except.as_deref(), &mut found)?;
    let wanted = |relative: &Path| match &matcher {
        Some(matcher) => matcher.is_match(relative),
        None => relative
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| INPUT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str())),
    };
    let inputs: Vec<Input> = found
        .into_iter()
        .filter(|relative| wanted(relative) && !is_draft(relative))
        .map(|relative| Input { path: dir.join(&relative), relative })
        .collect();
    if inputs.is_empty() {
        let what = match glob {
            None => say!("没有 .txt、.docx 或 .html 文件", "no .txt, .docx or .html files"),
            Some(g) => say!("没有与 {g} 相符的文件", "no files matching {g}"),
        };
        return Err(Error::Batch(format!("{}{}{what}", dir.display(), say!("：", ": "))));
    }
    Ok(inputs)
}

/// `path` with its `.` and `..` resolved by name ("in/./a/../b" is "in/b"),
/// as a batch compares an output with an input without touching either.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether `path` is named as duban names its drafts: "a.督办通知.docx".
fn is_draft(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3 && DRAFT_PARTS.contains(&parts[parts.len() - 2])
}

fn walk(root: &Path, relative: &Path, except: Option<&Path>, found: &mut Vec<PathBuf>) -> Result<(), Error> {
    let dir = root.join(relative);
    let entries = std::fs::read_dir(&dir).map_err(|e| {
        Error::Batch(say!("{}：无法读取文件夹（{e}）", "{}: cannot read the folder ({e})", dir.display()))
    })?;
    let mut entries: Vec<(PathBuf, bool)> = entries
        .flatten()
        .filter(|entry| !entry.file_name().to_string_lossy().starts_with('.'))
        .map(|entry| (relative.join(entry.file_name()), entry.file_type().is_ok_and(|t| t.is_dir())))
        .collect();
    entries.sort();
    for (path, is_dir) in entries {
        let excepted = || except.is_some_and(|e| std::fs::canonicalize(root.join(&path)).is_ok_and(|p| p == e));
        if is_dir && !excepted() {
            walk(root, &path, except, found)?;
        } else if is_dir {
            continue;
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
/// Planned for the whole batch before anything is written, in one pass: a
/// name two inputs still share (`a.txt` and `a.txt.txt` as .txt drafts),
/// or one that is an input's own path, is an error naming both.
pub fn output_paths(inputs: &[Input], out_dir: &Path, part: &str, extension: &str) -> Result<Vec<PathBuf>, Error> {
    use std::collections::HashMap;
    // Names compared as a case-insensitive file system would.
    let key = |path: &Path| path.to_string_lossy().to_lowercase();
    let plain = |input: &Input| {
        let stem = input.relative.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        input.relative.with_file_name(format!("{stem}.{part}.{extension}"))
    };
    let names: Vec<PathBuf> = inputs.iter().map(plain).collect();
    let mut counts: HashMap<String, usize> = HashMap::with_capacity(names.len());
    names.iter().for_each(|name| *counts.entry(key(name)).or_default() += 1);
    let outputs: Vec<PathBuf> = inputs
        .iter()
        .zip(&names)
        .map(|(input, name)| {
            let relative = if counts[&key(name)] > 1 {
                let file = input.relative.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                input.relative.with_file_name(format!("{file}.{part}.{extension}"))
            } else {
                name.clone()
            };
            out_dir.join(relative)
        })
        .collect();
    // Where each path is, from the working folder (asked once, not per path).
    let here = std::env::current_dir().unwrap_or_default();
    let absolute = |path: &Path| key(&lexical(&here.join(path)));
    let read: HashMap<String, &Input> = inputs.iter().map(|i| (absolute(&i.path), i)).collect();
    let mut planned: HashMap<String, &Input> = HashMap::with_capacity(outputs.len());
    for (input, output) in inputs.iter().zip(&outputs) {
        if let Some(other) = read.get(&absolute(output)) {
            return Err(Error::Batch(say!(
                "{}：{} 的稿子会覆盖这个通报；请另选 --out-dir",
                "{}: the draft of {} would replace this input; choose another --out-dir",
                other.path.display(),
                input.path.display()
            )));
        }
        if let Some(other) = planned.insert(key(output), input) {
            return Err(Error::Batch(say!(
                "{} 和 {}：稿子都会写成 {}；请改掉其中一个的文件名",
                "{} and {}: both would be drafted to {}; rename one",
                other.path.display(),
                input.path.display(),
                output.display()
            )));
        }
    }
    Ok(outputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_two_inputs_still_share_or_an_input_of_its_own_is_refused() {
        let input = |dir: &str, p: &str| Input { path: PathBuf::from(dir).join(p), relative: PathBuf::from(p) };
        // a.txt's draft as .txt is a.txt.督办通知.txt once a.html shares a.督办通知.txt; so is a.txt.txt's.
        let clash = [input("in", "a.txt"), input("in", "a.html"), input("in", "a.txt.txt")];
        let error = output_paths(&clash, Path::new("out"), "督办通知", "txt").unwrap_err().to_string();
        assert!(error.contains("in/a.txt 和 in/a.txt.txt：稿子都会写成 out/a.txt.督办通知.txt"), "{error}");
        // A draft that would be an input: its own folder, however written.
        let own = [input("in", "a.txt"), input("in", "a.督办通知.txt")];
        let error = output_paths(&own, Path::new("./in/x/.."), "督办通知", "txt").unwrap_err().to_string();
        assert!(error.contains("in/a.督办通知.txt：in/a.txt 的稿子会覆盖这个通报"), "{error}");
    }

    #[test]
    fn drafts_are_not_bulletins() {
        assert!(is_draft(Path::new("sub/a.督办通知.docx")) && is_draft(Path::new("a.txt.督办单.txt")));
        assert!(!is_draft(Path::new("督办通知.docx")) && !is_draft(Path::new("a.通报.txt")));
    }

    #[test]
    fn outputs_mirror_the_folders_and_never_collide() {
        let input = |p: &str| Input { path: PathBuf::from("in").join(p), relative: PathBuf::from(p) };
        let inputs = [input("a.txt"), input("a.docx"), input("sub/b.html"), input("c.txt")];
        let outputs = output_paths(&inputs, Path::new("out"), "督办通知", "docx").unwrap();
        let shown: Vec<String> = outputs.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            shown,
            ["out/a.txt.督办通知.docx", "out/a.docx.督办通知.docx", "out/sub/b.督办通知.docx", "out/c.督办通知.docx"]
        );
    }
}
