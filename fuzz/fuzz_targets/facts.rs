//! Arbitrary text as a bulletin: parse, read the facts, apply the built-in
//! rules. Spans must stay inside the text; nothing may panic.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use duban::extract::{ExtractOptions, Lexicon, extract};
use duban::rules::{CheckOptions, RuleSet, evaluate};
use duban::source::{Format, SourceText};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> = LazyLock::new(RuleSet::embedded);
static UNITS: LazyLock<Lexicon> = LazyLock::new(Lexicon::default);

fuzz_target!(|text: &str| {
    let source = SourceText::new(Path::new("b.txt"), Format::Text, "UTF-8", String::new(), text.to_string());
    let document = duban::parse::parse(&source).output;
    let facts = extract(&source, &document, &UNITS, &ExtractOptions::default());
    for item in &facts.items {
        for quantity in &item.quantities {
            assert!(source.text.get(quantity.span.start..quantity.span.end) == Some(quantity.text.as_str()));
        }
    }
    let findings = evaluate(&RULES, &source, &document, &facts, &CheckOptions::default());
    for finding in &findings.findings {
        assert!(source.text.get(finding.evidence.clause.start..finding.evidence.clause.end).is_some());
        let _ = finding.requirement(&RULES);
    }
});
