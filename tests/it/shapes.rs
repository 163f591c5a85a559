//! The shapes real bulletins say who lags in, written fresh about a fictional
//! county (tests/fixtures/shapes): for each, the units `check` flags and the
//! units it reads as praised — and that no praised unit is flagged.
//! See: issue 12, "Lag stated anywhere".

use std::path::Path;

use duban::extract::{ExtractOptions, Lexicon, Polarity};
use duban::ingest::IngestOptions;
use duban::pipeline::check;
use duban::rules::{CheckOptions, RuleSet};

/// (file, units flagged, units praised), names canonical and sorted.
const SHAPES: &[(&str, &[&str], &[&str])] = &[
    // a heading over lists: 红榜 / 黑榜 of villages
    ("red-black-list.txt", &["下院自然村", "岔沟自然村"], &["上坪自然村", "柳湾自然村"]),
    // a breakdown after 其中, with counts and 各
    ("hotline.txt", &["县住建局", "县城管局", "石桥镇政府"], &[]),
    // "A、B、C等3个单位…进展缓慢", "…的单位有：D、E", "F负责的…未开工"
    ("prose-follow-up.txt", &["县发改局", "县教体局", "县文旅局", "县水利局", "县交通局", "柳河镇"], &[]),
    // 依次为 and a group place in words (后两位), 对…的X给予表扬
    ("town-ranking.txt", &["南山乡", "青松镇"], &["石桥镇"]),
    // a table with a 排名 column, and the unit 排名靠后 describes
    ("ranking-table.txt", &["新华街道"], &[]),
    // praise and a negated lag only: nothing flagged
    ("praise-only.txt", &[], &["柳河", "白沙", "石桥"]),
];

#[test]
fn each_shape_names_its_units() {
    let (lexicon, rules) = (Lexicon::default(), RuleSet::embedded());
    for (file, flagged, praised) in SHAPES {
        let path = Path::new("tests/fixtures/shapes").join(file);
        let (_, facts, findings) = check(
            &path,
            &IngestOptions::default(),
            &lexicon,
            &ExtractOptions::default(),
            &rules,
            &CheckOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{}", e.render()));
        let mut found: Vec<String> = findings.findings.iter().flat_map(|f| f.units.clone()).collect();
        found.sort();
        found.dedup();
        let mut expected: Vec<String> = flagged.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(found, expected, "{file}: flagged");
        let mut read: Vec<String> = facts
            .statements
            .iter()
            .filter(|s| s.polarity == Polarity::Praise)
            .flat_map(|s| s.units.iter().map(|u| u.canonical.clone()))
            .collect();
        read.sort();
        read.dedup();
        let mut expected: Vec<String> = praised.iter().map(|s| s.to_string()).collect();
        expected.sort();
        assert_eq!(read, expected, "{file}: praised");
    }
}
