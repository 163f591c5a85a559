//! duban's integration tests: one binary, one module per feature.

mod support;

/// The seed corpus of `../shared/seeds`, as issue 2 requires.
mod seeds;

/// Snapshots of every fixture bulletin.
mod fixtures;

/// `duban parse` through the real binary.
mod cli;

/// Encodings, line breaks, .docx and .html input.
mod inputs;

/// What holds for any input.
mod properties;

/// Facts: the seeds' figures, precision and recall on annotated fixtures.
mod facts;

/// Rule files: loading, and every mistake reported where it is.
mod rules;

/// `duban check`: findings on the seeds and fixtures, exit codes, edited rules.
mod check;

/// `duban draft` and `duban init`: formats, the .docx layout, templates.
mod draft;

/// The .docx rendered by LibreOffice and read back: the 公文 page in figures.
mod layout;

/// Folders: check and draft a month of bulletins, failures named.
mod batch;

/// The hostile-input catalogue: results or clean errors, never a panic.
mod hostile;

/// The real corpus of `../shared/corpus` against its hand annotations.
mod corpus;

/// Fresh fictional bulletins in each shape that names who lags.
mod shapes;

/// The office folder: `duban init`, then every command inside it without flags.
mod office;

/// `duban serve` through a real server on an ephemeral port.
mod serve;

/// The page in a real browser: Debian's chromium through chromedriver.
mod browser;
