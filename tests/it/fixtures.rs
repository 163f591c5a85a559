//! Every fixture bulletin, pinned: the outline a user reads and the JSON a
//! program reads. A change in either shows up as a snapshot diff to review.

use std::path::Path;

use crate::support::{parse, root};

/// The path relative to the package root, as a user would type it, so that
/// snapshots do not depend on where the checkout is.
fn relative(path: &Path) -> &Path {
    path.strip_prefix(root()).unwrap_or(path)
}

#[test]
fn outlines() {
    insta::glob!("../fixtures/bulletins", "*.{txt,docx,html}", |path| {
        let parsed = parse(relative(path));
        insta::assert_snapshot!(duban::view::to_outline(&parsed));
    });
}

#[test]
fn json() {
    insta::glob!("../fixtures/bulletins", "*.{txt,docx,html}", |path| {
        let parsed = parse(relative(path));
        insta::assert_snapshot!(duban::view::to_json(&parsed));
    });
}

#[test]
fn the_readme_example() {
    let parsed = parse(Path::new("examples/qinglan-2024-q3.txt"));
    insta::assert_snapshot!(duban::view::to_outline(&parsed));
}
