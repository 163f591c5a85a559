//! What a command reads besides the bulletin — rules, unit list, phrases,
//! templates, preset — each read once, for the CLI and `duban serve` alike.

use std::io::Write as _;

use crate::cli::DraftArgs;
use crate::diagnostics::{self, Severity};
use crate::ingest::IngestOptions;
use crate::rules::RuleSet;
use crate::{Error, export, extract, pipeline, render, say};

/// What a draft's file name says it holds.
pub(crate) fn part_name(kind: render::Kind) -> &'static str {
    match kind {
        render::Kind::Notice => "督办通知",
        render::Kind::Sheets => "督办单",
        render::Kind::All => "督办",
    }
}

/// Rules, templates, preset and lexicon of a draft, read once.
pub(crate) struct Loaded {
    pub(crate) rules: RuleSet,
    pub(crate) templates: render::Templates,
    pub(crate) preset: export::Preset,
    pub(crate) lexicon: extract::Lexicon,
}

impl Loaded {
    /// Reads what `args` names, each file once; a broken one is an error
    /// naming it, and templates duban does not read are said on standard error.
    pub(crate) fn load(args: &DraftArgs) -> Result<Loaded, Error> {
        let data = Loaded {
            rules: rule_set(args.rules.as_deref())?,
            templates: render::Templates::load(args.templates.as_deref())?,
            preset: export::Preset::load(args.preset.as_deref().unwrap_or(export::PRESETS[0].name))?,
            lexicon: lexicon(args.units.as_deref(), args.phrases.as_deref())?,
        };
        data.rules.check_families(&data.lexicon.phrases)?;
        let known: Vec<&str> = render::BUILTIN.iter().map(|b| b.name).collect();
        let unread: String = data
            .templates
            .unread()
            .iter()
            .map(|path| {
                diagnostics::render(
                    Severity::Warning,
                    &say!(
                        "{}：没有读取；模板的文件名应为 {}",
                        "{}: not read; the templates are named {}",
                        path.display(),
                        known.join(", ")
                    ),
                    None,
                )
            })
            .collect();
        // A closed standard error must not stop the draft.
        let _ = std::io::stderr().lock().write_all(unread.as_bytes());
        Ok(data)
    }

    /// The settings of a draft of `format` by `args` with these files.
    pub(crate) fn settings<'a>(&'a self, args: &DraftArgs, format: export::Format) -> pipeline::DraftSettings<'a> {
        pipeline::DraftSettings {
            ingest: IngestOptions { encoding: args.encoding.clone() },
            lexicon: &self.lexicon,
            extract: extract::ExtractOptions { as_of: args.as_of },
            rules: &self.rules,
            templates: &self.templates,
            dates: args.dates.options(),
            draft: render::DraftOptions {
                issuer: args.issuer.clone(),
                number: args.number.clone(),
                addressee: args.addressee.clone(),
            },
            kind: args.kind,
            format,
            preset: &self.preset,
        }
    }
}

/// The unit list and phrase file at these paths, or the built-in ones.
pub(crate) fn lexicon(
    units: Option<&std::path::Path>,
    phrases: Option<&std::path::Path>,
) -> Result<extract::Lexicon, Error> {
    Ok(extract::Lexicon {
        units: units.map(extract::UnitBook::load).transpose()?.unwrap_or_default(),
        phrases: phrases.map(extract::PhraseBook::load).transpose()?.unwrap_or_default(),
    })
}

/// The rules at `path`, or the built-in ones.
pub(crate) fn rule_set(path: Option<&std::path::Path>) -> Result<RuleSet, Error> {
    Ok(match path {
        Some(path) => RuleSet::load(path)?,
        None => RuleSet::embedded(),
    })
}
