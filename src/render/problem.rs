//! A finding's problem as the notice says it: the report's own clause,
//! written as a 公文 writes it, with the figures computed from it.

use crate::rules::Finding;
use crate::source::SourceText;

/// A finding's problem in the report's words: a pair or a rate behind 序时进度
/// as the clause that reports it, with how far it got and how far behind; any other
/// as its message (a phrase's finding quotes the report already). Under one
/// unit's name the clause does not name that unit again ("区工信局负责的6户…"
/// under 区工信局 is "6户…").
pub(super) fn problem(source: &SourceText, finding: &Finding, short: &str) -> String {
    let words = crate::text::trim(source.slice(finding.evidence.clause)).trim_end_matches(['。', '；', '，', ';', ',']);
    // A pair's progress, or a stated rate's ("完成总工程量的50%").
    let progress = finding.values.progress.or(finding.values.ratio);
    // A unit's entry in a list of rates ("白石县28.9%") is its figure alone: the message says more.
    let only_a_figure = finding
        .units
        .iter()
        .any(|u| crate::extract::measure(words.strip_prefix(u.as_str()).unwrap_or(words)).is_some());
    let said = match (progress, finding.values.behind) {
        (Some(progress), Some(behind)) if !words.is_empty() && !only_a_figure => {
            // A clause that says its percentage ("为年度目标的65.1%") is not told it again.
            let progress = format!("{}%", figure(progress));
            let reached = if words.contains(&progress) { String::new() } else { format!("完成{progress}，") };
            // A clause that does not say the target ("已完成19项") is told what of,
            // unless the item's 简称 says it ("改造老旧小区36个").
            let of = match (&finding.values.noun, &finding.values.target) {
                (Some(noun), Some(target)) if !words.contains(target.as_str()) && !short.contains(target.as_str()) => {
                    format!("{noun}{target}，")
                }
                _ => String::new(),
            };
            format!("{of}{words}（{reached}落后序时进度{}个百分点）", figure(behind))
        }
        _ => finding.message.clone(),
    };
    let said = match finding.units.as_slice() {
        [unit] => without_own_name(&said, unit),
        _ => said,
    };
    chinese_punctuation(&said)
}

/// The fewest characters of the report's own words that name a problem's
/// thing ("老旧小区改造项目"), rather than duban's words about it ("完成时限已过").
const OWN_WORDS: usize = 8;

/// Whether `problem` says a run of [`OWN_WORDS`] characters of `report`
/// (the words it quotes; punctuation aside, which a notice writes full-width).
pub(super) fn in_report_words(problem: &str, report: &str) -> bool {
    let chars: Vec<char> = problem.chars().collect();
    chars.windows(OWN_WORDS).any(|run| {
        !run.iter().any(|c| c.is_ascii_punctuation() || is_full_width_punctuation(*c))
            && report.contains(&run.iter().collect::<String>())
    })
}

fn is_full_width_punctuation(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '（' | '）' | '、' | '“' | '”')
}

/// A percentage or a number of 百分点 as offices print them: one decimal,
/// none when it is nought ("33.3", "50").
pub(super) fn figure(value: f64) -> String {
    let written = format!("{value:.1}");
    match written.strip_suffix(".0") {
        Some(whole) => whole.to_string(),
        None => written,
    }
}

/// `text` without `unit` where it names the unit the text is addressed to:
/// "{unit}负责的" anywhere, `unit` at the start.
fn without_own_name(text: &str, unit: &str) -> String {
    let text = text.replace(&format!("{unit}负责的"), "");
    let rest = text.strip_prefix(unit).unwrap_or(&text);
    // A name that is the whole subject stays ("区发改局未报送").
    if rest.chars().count() < 4 { text.clone() } else { rest.to_string() }
}

/// `text` with the ASCII punctuation that web pages and typed reports put
/// between Chinese words in its full-width form, as a notice prints it:
/// "7个项目,目前5个…(道路工程)" → "7个项目，目前5个…（道路工程）". A comma
/// between digits ("1,500") and a colon between digits ("9:30") stay.
pub(super) fn chinese_punctuation(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let digit = |at: Option<&char>| at.is_some_and(char::is_ascii_digit);
    chars
        .iter()
        .enumerate()
        .map(|(at, &c)| {
            let between_digits = at > 0 && digit(chars.get(at - 1)) && digit(chars.get(at + 1));
            match c {
                ',' if !between_digits => '，',
                ':' if !between_digits => '：',
                ';' => '；',
                '(' => '（',
                ')' => '）',
                c => c,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_words_are_runs_of_the_report() {
        let report = "县住建局负责的老旧小区改造项目资金支付率为63.5%。";
        assert!(in_report_words("老旧小区改造项目资金支付率为63.5%", report));
        assert!(!in_report_words("完成时限8月底前已过，尚未完成", report));
        // Punctuation is no word: "项目，资金" does not make a run.
        assert!(!in_report_words("改造项目，资金支付率", "改造项目,资金支付率"));
    }

    #[test]
    fn figures_lose_a_nought_decimal_only() {
        assert_eq!(figure(50.0), "50");
        assert_eq!(figure(33.333), "33.3");
        assert_eq!(figure(9.96), "10");
        assert_eq!(figure(0.04), "0");
    }

    #[test]
    fn ascii_punctuation_between_chinese_words_is_written_full_width() {
        assert_eq!(
            chinese_punctuation("7个项目,目前5个正在推进,2个未开工(道路工程);"),
            "7个项目，目前5个正在推进，2个未开工（道路工程）；"
        );
        assert_eq!(chinese_punctuation("投资1,500万元,9:30开会:"), "投资1,500万元，9:30开会：");
    }

    #[test]
    fn a_unit_is_not_named_again_under_its_own_name() {
        assert_eq!(without_own_name("区工信局负责的6户负增长企业", "区工信局"), "6户负增长企业");
        assert_eq!(
            without_own_name("3个项目,1个开工,区工信局负责的2个项目未开工", "区工信局"),
            "3个项目,1个开工,2个项目未开工"
        );
        assert_eq!(without_own_name("区发改局培育规上服务业企业", "区发改局"), "培育规上服务业企业");
        assert_eq!(without_own_name("区发改局未报送", "区发改局"), "区发改局未报送");
        assert_eq!(without_own_name("其中县工信局负责的新材料产业园", "县商务局"), "其中县工信局负责的新材料产业园");
    }
}
