//! `duban draft` and `duban init`: the notice in every format, the .docx in
//! the 公文 layout, templates edited without rebuilding.

use std::path::{Path, PathBuf};

use super::support::{duban, outputs, seed, seeds};

/// Drafts `input` to `out` with `extra` arguments; panics unless it worked.
fn draft(input: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec!["draft", input.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = duban(&args);
    let (stdout, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stdout.trim(), out.to_str().unwrap());
}

use super::support::docx_part as part;

/// The text of a .docx's body, runs joined.
fn body_text(docx: &Path) -> String {
    let xml = part(docx, "word/document.xml");
    let mut text = String::new();
    for piece in xml.split("<w:t xml:space=\"preserve\">").skip(1) {
        text.push_str(&piece[..piece.find("</w:t>").unwrap()]);
    }
    text
}

const EXAMPLE: &str = "examples/qinglan-2024-q3.txt";

/// The notice of the example and of each seed, as text: (input, notice).
fn notices() -> Vec<(String, String)> {
    let mut inputs = vec![PathBuf::from(EXAMPLE)];
    inputs.extend(seeds().unwrap_or_default());
    inputs
        .iter()
        .map(|input| {
            let output = duban(&["draft", input.to_str().unwrap(), "--format", "txt", "-o", "-"]);
            (input.display().to_string(), outputs(&output).0)
        })
        .collect()
}

/// Whether no two of `things` are the same.
fn all_distinct<T: Ord + Clone>(things: &[T]) -> bool {
    let mut unique = things.to_vec();
    unique.sort_unstable();
    unique.dedup();
    unique.len() == things.len()
}

#[test]
fn seed_000_as_a_gbt_9704_word_document() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.docx");
    draft(&seed(&seeds, "000"), &out, &[]);
    let text = body_text(&out);
    for unit in ["区工信局", "王益经济技术开发区管委会", "区民政局", "王家河办", "区发改局", "区商务局"]
    {
        assert!(text.contains(unit), "{unit} is not named");
    }
    for figure in ["96.18%", "54.72%"] {
        assert!(text.contains(figure), "{figure} is not quoted");
    }
    let deadline = regex::Regex::new(r"于2022年1[01]月\d{1,2}日前").unwrap();
    assert!(deadline.is_match(&text), "no deadline written 2022年M月D日");

    let xml = part(&out, "word/document.xml");
    for layout in [
        r#"<w:pgSz w:w="11906" w:h="16838" />"#,
        r#"<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587""#,
        r#"<w:sz w:val="32" />"#,
        r#"<w:sz w:val="44" />"#,
        r#"w:eastAsia="仿宋_GB2312""#,
        r#"w:eastAsia="方正小标宋简体""#,
        r#"<w:docGrid w:type="lines" w:linePitch="579" />"#,
        r#"<w:spacing w:line="579" w:lineRule="exact" />"#,
        r#"<w:ind w:left="0" w:right="0" w:firstLine="640" />"#,
    ] {
        assert!(xml.contains(layout), "document.xml lacks {layout}");
    }
    // Every run names its East Asian font.
    assert_eq!(xml.matches("<w:r>").count(), xml.matches("w:eastAsia=").count());
    // The annex's header row repeats on every page it runs to; no form row does.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 1, "one list, one header row");
    for footer in ["word/footer1.xml", "word/footer2.xml"] {
        let footer = part(&out, footer);
        assert!(footer.contains("<w:instrText>PAGE</w:instrText>") && footer.contains("— "), "{footer}");
        assert!(footer.contains(r#"w:eastAsia="宋体""#) && footer.contains(r#"<w:sz w:val="28" />"#));
    }
    assert!(part(&out, "word/settings.xml").contains("evenAndOddHeaders"));

    let again = dir.path().join("again.docx");
    draft(&seed(&seeds, "000"), &again, &[]);
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap(), "the same input gives the same bytes");
    assert!(part(&out, "docProps/core.xml").contains("2022-10-18T00:00:00Z"), "dates come from the bulletin");
}

#[test]
fn the_same_notice_as_markdown_html_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for extension in ["md", "html", "txt"] {
        let out = dir.path().join(format!("notice.{extension}"));
        draft(Path::new(EXAMPLE), &out, &[]);
        texts.push(std::fs::read_to_string(&out).unwrap());
    }
    let [md, html, txt] = texts.as_slice() else { unreachable!() };
    assert!(md.starts_with("# 关于2024年全县重点工作任务前三季度落实情况的督办通知\n"), "{md}");
    assert!(md.contains("\n## 三、几点要求\n"), "{md}");
    assert!(
        html.starts_with("<!DOCTYPE html>")
            && html.contains("<h1>关于2024年全县重点工作任务前三季度落实情况的督办通知</h1>")
    );
    assert!(html.contains("<p class=\"right\">青岚县人民政府督查室</p>"), "{html}");
    assert!(txt.starts_with("关于2024年全县重点工作任务前三季度落实情况的督办通知\n"), "{txt}");
    assert!(txt.contains("青岚县人民政府督查室\n2024年10月12日\n"), "{txt}");
    for text in [md, html, txt] {
        assert!(text.contains("县卫健局") && text.contains("于2024年10月27日前"), "{text}");
        assert!(text.contains("督办事项清单"), "the annex: {text}");
    }
    // The annex is a list with its header: a Markdown table, <th> cells, tab-separated text.
    assert!(
        md.contains("| 序号 | 责任单位 | 事项 | 目标 | 完成 | 序时进度 | 差距 | 预警等级 | 办理时限 |\n| --- |"),
        "{md}"
    );
    assert!(md.contains("| 12 | 县卫健局 | 第10项（9月底前完成8个乡镇卫生院标准化改造） | 8个 | 2个 | 75% | 落后50个百分点 | 红色 | 10月27日 |"), "{md}");
    assert!(html.contains("<table class=\"list\">") && html.contains("<th>序号</th>"), "{html}");
    assert!(txt.contains("序号\t责任单位\t事项"), "{txt}");
    // --format wins over the extension.
    let out = dir.path().join("notice.docx.txt");
    draft(Path::new(EXAMPLE), &out, &["--format", "md"]);
    assert_eq!(&std::fs::read_to_string(&out).unwrap(), md);
}

#[test]
fn one_sheet_per_unit() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sheets.txt");
    draft(Path::new(EXAMPLE), &out, &["--kind", "sheets", "--number", "青督办〔2024〕9号"]);
    let text = std::fs::read_to_string(&out).unwrap();
    let (check, _) = outputs(&duban(&["check", "--format", "json", EXAMPLE]));
    let check: serde_json::Value = serde_json::from_str(&check).unwrap();
    let units = check["by_unit"].as_array().unwrap().len();
    assert_eq!(text.matches("督 办 单\n").count(), units, "{text}");
    assert_eq!(text.matches('\u{0C}').count(), units - 1, "each sheet on its own page");
    assert!(text.contains("青督办〔2024〕9号　第1号"), "{text}");
    for field in ["督办事项", "责任单位", "预警等级", "现状与差距", "办理要求", "办理时限", "反馈要求", "联系人"]
    {
        assert_eq!(text.matches(&format!("{field}\t")).count(), units, "{field}");
    }
    assert!(text.contains("责任单位\t县交通局（牵头）"), "{text}");
}

#[test]
fn seed_003_sums_up_the_tasks_and_lists_the_unreported() {
    let Some(seeds) = seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.txt");
    draft(&seed(&seeds, "003"), &out, &["--as-of", "2023-06-30"]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("本期共122项任务"), "{text}");
    assert!(text.contains("未报送落实情况9项（第9、31、42、52、61、64、65、92、100项）"), "{text}");
    assert!(regex::Regex::new(r"其中\d+项落后于序时进度").unwrap().is_match(&text), "{text}");
}

/// `duban init` writes what is built in; edited copies change the draft.
#[test]
fn init_then_edit_the_template() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("office");
    let output = duban(&["init", root.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", outputs(&output).1);
    for (path, text) in duban::init::files() {
        assert_eq!(std::fs::read_to_string(root.join(&path)).unwrap(), text, "{}", path.display());
    }
    let mut expected: Vec<PathBuf> = vec![
        "duban.toml".into(),
        "rules/default.yaml".into(),
        "rules/units.yaml".into(),
        "rules/phrases.yaml".into(),
        "templates/notice.tera".into(),
        "templates/sheet.tera".into(),
        "presets/portable.yaml".into(),
        "presets/word.yaml".into(),
    ];
    expected.sort();
    let mut listed: Vec<PathBuf> = duban::init::files().into_iter().map(|(p, _)| p).collect();
    listed.sort();
    assert_eq!(listed, expected);

    // A second init does not overwrite an edited copy without --force.
    let template = root.join("templates/notice.tera");
    let edited = std::fs::read_to_string(&template).unwrap().replace("三、几点要求", "三、工作要求");
    std::fs::write(&template, &edited).unwrap();
    let again = duban(&["init", root.to_str().unwrap()]);
    let (_, stderr) = outputs(&again);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&template).unwrap(), edited);

    let out = dir.path().join("notice.txt");
    let templates = root.join("templates");
    draft(Path::new(EXAMPLE), &out, &["--templates", templates.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("三、工作要求") && !text.contains("几点要求"), "{text}");

    // A broken template: exit 2 naming the file and line, and no output.
    std::fs::write(&template, format!("{edited}{{% if %}}\n")).unwrap();
    let broken = dir.path().join("broken.txt");
    let output = duban(&["draft", EXAMPLE, "-o", broken.to_str().unwrap(), "--templates", templates.to_str().unwrap()]);
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    let lines = edited.lines().count() + 1;
    assert!(stderr.contains(&format!("notice.tera:{lines}:")), "{stderr}");
    assert!(!broken.exists(), "no output after an error");
    assert!(
        std::fs::read_dir(dir.path()).unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().starts_with(".tmp"))
    );

    assert_eq!(duban(&["init", "--force", root.to_str().unwrap()]).status.code(), Some(0));
    assert_ne!(std::fs::read_to_string(&template).unwrap(), edited);
}

#[test]
fn the_draft_never_replaces_the_bulletin() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bulletin.txt");
    std::fs::copy(EXAMPLE, &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    for out in [input.clone(), dir.path().join(".").join("bulletin.txt")] {
        let output = duban(&["draft", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "txt"]);
        let (_, stderr) = outputs(&output);
        assert_eq!(output.status.code(), Some(2));
        assert!(stderr.contains("would replace the bulletin"), "{stderr}");
    }
    assert_eq!(std::fs::read(&input).unwrap(), before);
    // Without -o the draft goes beside the bulletin, named after it.
    let output = duban(&["draft", input.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(dir.path().join("bulletin.督办通知.docx").is_file());
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

/// templates/README.md names every value a template can use.
#[test]
fn the_template_reference_lists_the_whole_context() {
    use duban::extract::{ExtractOptions, Lexicon};
    use duban::rules::{CheckOptions, RuleSet, evaluate};

    let (parsed, facts) = duban::pipeline::read_facts(
        Path::new(EXAMPLE),
        &Default::default(),
        &Lexicon::default(),
        &ExtractOptions::default(),
    )
    .unwrap();
    let rules = RuleSet::embedded();
    let findings = evaluate(&rules, &parsed.source, &parsed.document, &facts, &CheckOptions::default());
    let context = duban::render::NoticeContext::new(
        &parsed.source,
        &parsed.document,
        &facts,
        &rules,
        &findings,
        &Default::default(),
    );
    let value = serde_json::to_value(&context).unwrap();
    let reference = std::fs::read_to_string("templates/README.md").unwrap();
    for (group, fields) in value.as_object().unwrap() {
        assert!(reference.contains(&format!("`{group}")), "{group} is not described");
        let fields = match fields {
            serde_json::Value::Array(list) => list.first().cloned().unwrap_or_default(),
            other => other.clone(),
        };
        for field in fields.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default() {
            let named = [format!("`{group}.{field}`"), format!("`.{field}`"), format!("`{field}`")];
            assert!(named.iter().any(|n| reference.contains(n.as_str())), "{group}.{field} is not described");
        }
    }
}

/// An office's own preset changes fonts and spacing; a broken one is an error at its line.
#[test]
fn a_preset_file_sets_the_fonts_and_spacing() {
    let dir = tempfile::tempdir().unwrap();
    let preset = dir.path().join("office.yaml");
    let portable = std::fs::read_to_string("presets/portable.yaml").unwrap();
    let own = portable.replace("body: 仿宋_GB2312", "body: 方正仿宋_GBK").replace("line_pitch: 579", "line_pitch: 580");
    std::fs::write(&preset, own).unwrap();
    let out = dir.path().join("notice.docx");
    draft(Path::new(EXAMPLE), &out, &["--preset", preset.to_str().unwrap()]);
    let xml = part(&out, "word/document.xml");
    assert!(xml.contains(r#"w:eastAsia="方正仿宋_GBK""#) && !xml.contains("仿宋_GB2312"));
    assert!(xml.contains(r#"<w:spacing w:line="580" w:lineRule="exact" />"#));

    std::fs::write(&preset, portable.replace("  top: 2098", "  tpo: 2098")).unwrap();
    let broken = dir.path().join("broken.docx");
    let output = duban(&["draft", EXAMPLE, "-o", broken.to_str().unwrap(), "--preset", preset.to_str().unwrap()]);
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr.contains("office.yaml:16:3") && stderr.contains("unknown field `tpo`"), "{stderr}");
    assert!(!broken.exists());
}

/// Each kind of template mistake is reported at its place, and nothing is written.
#[test]
fn template_errors_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let out = dir.path().join("notice.txt");
    for (template, place, says) in [
        ("# {{ notice.title }}\n{{ notice.titel }}\n", "notice.tera:2:11", "`titel` is not defined"),
        ("# {{ notice.title }}\n正文{{ notice.date | cn_dat }}\n", "notice.tera:2:", "cn_dat"),
        ("# 标题\n{% for unit in units %}{{ unit.name }}\n", "notice.tera:", "end"),
    ] {
        std::fs::write(templates.join("notice.tera"), template).unwrap();
        let output =
            duban(&["draft", EXAMPLE, "-o", out.to_str().unwrap(), "--templates", templates.to_str().unwrap()]);
        let (_, stderr) = outputs(&output);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(place) && stderr.contains(says), "{template}: {stderr}");
        assert!(!out.exists());
    }
}

/// The dates of a notice come from one place: `check` and `draft` give the
/// same reply date, deadlines are judged at the notice's date, and every date
/// a requirement asks by is the reply date or an item's own later deadline.
mod dates {
    use super::*;

    fn notice(input: &str, extra: &[&str]) -> String {
        let mut args = vec!["draft", input, "--format", "txt", "-o", "-"];
        args.extend_from_slice(extra);
        let output = duban(&args);
        let (stdout, stderr) = outputs(&output);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        stdout
    }

    fn reply_by(input: &str, extra: &[&str]) -> String {
        let mut args = vec!["check", input, "--format", "json"];
        args.extend_from_slice(extra);
        let json: serde_json::Value = serde_json::from_str(&outputs(&duban(&args)).0).unwrap();
        json["reply_by"].as_str().expect("a reply date").to_string()
    }

    /// 2024-10-27 → 2024年10月27日.
    fn chinese(date: &str) -> String {
        let parts: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
        format!("{}年{}月{}日", parts[0], parts[1], parts[2])
    }

    /// Every 于…前 date of the 几点要求, as written.
    fn asked_by(notice: &str) -> Vec<String> {
        let requirements = &notice[notice.find("几点要求").expect("几点要求")..];
        requirements
            .split('于')
            .skip(1)
            .filter_map(|rest| rest.find("日前").map(|end| rest[..end + "日".len()].to_string()))
            .filter(|date| date.contains('年') && date.chars().count() <= 11)
            .collect()
    }

    #[test]
    fn check_and_draft_agree_on_the_reply_date() {
        let reply = reply_by(EXAMPLE, &[]);
        let text = notice(EXAMPLE, &[]);
        assert!(text.contains(&format!("请各责任单位于{}前", chinese(&reply))), "check says {reply}:\n{text}");
        // Given, both take it, under the one name; the old draft name still works.
        assert_eq!(reply_by(EXAMPLE, &["--reply-by", "2024-11-01"]), "2024-11-01");
        assert!(notice(EXAMPLE, &["--deadline", "2024-11-01"]).contains("请各责任单位于2024年11月1日前"));
        // Counted from the notice's date in both.
        assert_eq!(reply_by(EXAMPLE, &["--date", "2024-10-20"]), "2024-11-04");
    }

    #[test]
    fn a_deadline_the_notice_has_passed_is_overdue() {
        let text = notice(EXAMPLE, &[]);
        assert!(!text.contains("当日到期"), "9月底 is past on the notice's date:\n{text}");
        assert!(text.contains("完成时限9月底前已过"), "{text}");
        assert!(!text.contains("按时完成"), "no unit is asked to finish on time after its deadline:\n{text}");
        // Dated on the as-of day itself, the same deadline is due that day.
        assert!(notice(EXAMPLE, &["--date", "2024-09-30"]).contains("当日到期"));
    }

    #[test]
    fn a_requirement_asks_by_the_reply_date_or_a_later_deadline_of_its_own() {
        for (input, text) in notices() {
            let reply = chinese(&reply_by(&input, &[]));
            let key = |date: &str| {
                let digits: Vec<u32> =
                    date.split(['年', '月', '日']).filter(|p| !p.is_empty()).map(|p| p.parse().unwrap()).collect();
                (digits[0], digits[1], digits[2])
            };
            let dates = asked_by(&text);
            assert!(!dates.is_empty() || !text.contains("几点要求"), "{input}: no date read from 几点要求");
            for date in dates {
                assert!(
                    key(&date) >= key(&reply),
                    "{input}: a requirement asks by {date}, before the reply date {reply}"
                );
            }
        }
    }
}

/// The 督办单 as a clerk checks them on the example.
mod sheets {
    use super::*;

    fn sheets(extra: &[&str]) -> String {
        let mut args = vec!["draft", EXAMPLE, "--kind", "sheets", "--format", "txt", "-o", "-"];
        args.extend_from_slice(extra);
        outputs(&duban(&args)).0
    }

    #[test]
    fn without_a_number_the_number_is_left_to_fill_in() {
        let text = sheets(&[]);
        assert!(!text.contains("〕号　第"), "no number reads as a number:\n{text}");
        assert!(text.lines().any(|l| l == "督办〔2024〕　　号"), "{text}");
        let numbered = sheets(&["--number", "督查〔2024〕第9期"]);
        assert!(numbered.lines().any(|l| l == "督查〔2024〕第9期　第2号"), "{numbered}");
    }

    #[test]
    fn a_unit_is_labelled_by_its_part_in_each_item() {
        let text = sheets(&[]);
        // 县住建局 leads item 11 and carries a project of item 3, which 县财政局 leads.
        assert!(text.contains("县住建局（第11项牵头，第3项责任）"), "{text}");
        assert!(text.contains("县财政局（牵头）"), "{text}");
        assert!(text.contains("县水利局（责任）"), "{text}");
    }
}

/// 存在问题 as a clerk reads it: each item once per unit, by its 简称, each
/// problem once.
mod problems {
    use super::*;

    fn problems_section(text: &str) -> &str {
        let start = text.find("二、存在问题").expect("二、存在问题");
        let end = text.find("三、几点要求").expect("三、几点要求");
        &text[start..end]
    }

    #[test]
    fn each_item_once_per_unit_by_its_short_name() {
        for (input, text) in notices() {
            let Some(start) = text.find("二、存在问题") else { continue };
            let section = &text[start..text[start..].find("几点要求").map_or(text.len(), |e| start + e)];
            for paragraph in section.lines().skip(1) {
                // "第1项（重大项目建设）": two sections may both have a 第1项; the 简称 tells them apart.
                let names: Vec<&str> = paragraph
                    .match_indices("项（")
                    .filter_map(|(at, _)| {
                        let start = paragraph[..at].rfind('第')?;
                        let end = at + paragraph[at..].find("）：")?;
                        Some(&paragraph[start..end])
                    })
                    .collect();
                assert!(all_distinct(&names), "{input}: an item twice in one unit: {paragraph}");
            }
        }
    }

    #[test]
    fn one_shortfall_is_one_problem() {
        let output = duban(&["draft", EXAMPLE, "--format", "txt", "-o", "-"]);
        let text = outputs(&output).0;
        let section = problems_section(&text);
        // A pace behind 序时进度 is told in the report's words, with the figure computed from them.
        assert!(
            section.contains("第2项（新建5G基站300个）：新开通5G基站196个（完成65.3%，落后序时进度9.7个百分点）"),
            "{section}"
        );
        // Item 9's gap and its pace are one shortfall, said with its figures.
        assert!(
            section.contains("第9项（完成农村户厕改造3000户）：完成改造1860户，差目标任务1140户（完成62%"),
            "{section}"
        );
        assert!(!section.contains("差1140户"), "{section}");
        // Counted once: the 总体情况 count is the problems listed, each once
        // however many units it is listed under.
        // A unit's paragraph: "（一）县卫健局（红色）。第10项（…）：problem；problem。第3项：…".
        let mut listed: Vec<&str> = section
            .lines()
            .skip(1)
            .filter_map(|p| p.split_once("）。").map(|(_, problems)| problems))
            .flat_map(|problems| problems.split(['；', '。']))
            // "第3项（简称）：" the first time an item is named, "第3项：" after.
            .map(|problem| match problem.split_once('：') {
                Some((head, said)) if head.starts_with('第') && head.contains('项') => said,
                _ => problem,
            })
            .filter(|problem| !problem.is_empty())
            .collect();
        listed.sort_unstable();
        listed.dedup();
        assert!(text.contains(&format!("存在问题{}个", listed.len())), "{listed:#?}\n{text}");
    }
}

/// 几点要求 as a clerk reads it: one paragraph per unit, each kind of action
/// once, each naming its items.
mod requirements {
    use super::*;

    /// A clause without the items it names: what kind of action it is.
    fn kind(clause: &str) -> String {
        let mut out = String::new();
        let mut rest = clause;
        while let Some(start) = rest.find('第') {
            out.push_str(&rest[..start]);
            let after = &rest[start..];
            let Some(end) = after.find('项') else { break };
            let after = &after[end + '项'.len_utf8()..];
            rest = match after.strip_prefix('（').and_then(|a| a.find('）').map(|e| &a[e + '）'.len_utf8()..])) {
                Some(rest) => rest,
                None => after,
            };
            rest = rest.trim_start_matches('、');
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn each_kind_of_action_once_per_unit() {
        for (input, text) in notices() {
            let Some(start) = text.find("几点要求") else { continue };
            for paragraph in text[start..].lines().skip(1).filter(|l| l.starts_with('（')) {
                let kinds: Vec<String> = paragraph.split(['；', '。']).filter(|c| !c.is_empty()).map(kind).collect();
                assert!(all_distinct(&kinds), "{input}: an action twice: {paragraph}");
            }
        }
    }

    #[test]
    fn the_example_asks_each_unit_once_with_its_items() {
        let output = duban(&["draft", EXAMPLE, "--format", "txt", "-o", "-"]);
        let text = outputs(&output).0;
        let asks = &text[text.find("三、几点要求").unwrap()..];
        // Asked to speed up alone, as 县商务局, 县农业农村局 and 县发改局 are, each with its items,
        // in one paragraph, with 县发改局's later deadline of its own.
        let industry = asks.lines().find(|l| l.contains("县工信局（")).expect("县工信局 is asked");
        assert_eq!(industry.matches("加快").count(), 1, "{industry}");
        assert!(
            industry.contains(
                "县工信局（第2项、第5项）、县商务局（第7项）、县农业农村局（第9项）、县发改局（第1项）要加大工作力度，加快上述事项进度，拿出赶超措施，其中第1项于2024年12月31日前完成。"
            ),
            "{industry}"
        );
        assert_eq!(asks.matches("县工信局（").count(), 1, "{asks}");
        assert!(!industry.contains("赶上序时进度"), "catching up with 序时进度 is no requirement: {industry}");
        // A missing report is asked by the reply date, not by the task's own deadline.
        let transport = asks.lines().find(|l| l.contains("县交通局要补报")).expect("县交通局 is asked to report");
        assert!(!transport.contains("12月31日"), "{transport}");
        // A problem the report gives to two units is asked of both at once, with the item's later deadline.
        let shared = asks.lines().find(|l| l.contains("县工信局、县商务局要")).expect("one paragraph for both");
        // Its one item's later deadline is its own: no "其中第1项" for a paragraph about 第1项 alone.
        assert!(shared.contains("未开工的项目尽快开工，于2024年12月31日前完成。"), "{shared}");
        assert!(!shared.contains("其中"), "{shared}");
        // 县水利局 and 县教育局 are asked the same of their own projects' payment rates: one
        // paragraph, each with its project; 县住建局, asked more, keeps its own.
        let payment = asks.lines().find(|l| l.contains("县水利局（")).expect("县水利局 is asked");
        assert!(
            payment.contains(
                "县水利局（第3项城乡供水一体化项目资金支付率）、县教育局（第3项城东小学项目资金支付率）要说明上述事项未达到100%的原因"
            ),
            "{payment}"
        );
        assert!(asks.lines().any(|l| l.contains("县住建局要说明第3项老旧小区改造项目资金支付率")), "{asks}");
        // Item 3: the lead is told its deadline passed; each unit with a project its own payment rate.
        for (unit, said) in [
            ("县财政局", "完成时限8月底前已过"),
            ("县住建局", "资金支付率为63.5%"),
            ("县水利局", "资金支付率为48.2%"),
            ("县教育局", "资金支付率为81%"),
        ] {
            let paragraph = text
                .lines()
                .find(|l| l.contains(&format!("{unit}（红色）。")) && l.contains("第3项"))
                .unwrap_or_else(|| panic!("{unit}: {text}"));
            assert!(paragraph.contains(said), "{unit}: {paragraph}");
        }
    }

    #[test]
    fn units_with_the_same_problems_share_a_paragraph() {
        let dir = tempfile::tempdir().unwrap();
        let bulletin = dir.path().join("b.txt");
        let text = "关于河道整治落实情况的通报\n一、重点工作\n1.年底前完成河道整治20公里。（牵头单位：县水利局、县农业农村局）\n\
                    落实情况：完成河道整治2公里。\n2.新建公园3个。（牵头单位：县住建局）\n落实情况：已完成。\n";
        std::fs::write(&bulletin, text).unwrap();
        let args = ["draft", bulletin.to_str().unwrap(), "--as-of", "2024-09-30", "--format", "txt", "-o", "-"];
        let notice = outputs(&duban(&args)).0;
        assert_eq!(notice.matches("县水利局、县农业农村局（红色）。第1项").count(), 1, "{notice}");
        assert_eq!(notice.matches("县水利局、县农业农村局要").count(), 1, "{notice}");
        let mut sheets = args.to_vec();
        sheets.extend(["--kind", "sheets"]);
        let sheets = outputs(&duban(&sheets)).0;
        assert!(
            sheets.contains("责任单位\t县水利局（") && sheets.contains("责任单位\t县农业农村局（"),
            "one sheet each: {sheets}"
        );
    }

    #[test]
    fn a_bulletin_that_names_no_unit_speaks_to_every_responsible_unit() {
        let dir = tempfile::tempdir().unwrap();
        let bulletin = dir.path().join("b.txt");
        let text = "关于民生实事落实情况的通报\n一、民生实事\n1.年底前改造农村公路40公里。\n落实情况：已改造8公里。\n\
                    2.新增养老床位200张。\n落实情况：已完成。\n";
        std::fs::write(&bulletin, text).unwrap();
        let args = ["draft", bulletin.to_str().unwrap(), "--as-of", "2024-09-30", "--format", "txt", "-o", "-"];
        let notice = outputs(&duban(&args)).0;
        assert!(notice.contains("（一）各责任单位（红色）。第1项（年底前改造农村公路40公里）："), "{notice}");
        assert!(notice.contains("（一）各责任单位要"), "{notice}");
        assert!(!notice.contains("未明确责任单位"), "{notice}");
    }
}

/// 总体情况 says the bulletin's own count, and where the items read
/// otherwise, both.
#[test]
fn the_overview_gives_the_bulletins_own_count_and_states_a_difference() {
    let text = outputs(&duban(&["draft", EXAMPLE, "--format", "txt", "-o", "-"])).0;
    let overview = text.lines().find(|l| l.starts_with("本期共")).expect("总体情况");
    // Only the count that differs is given twice, beside duban's.
    assert!(overview.contains("逐项核对为已完成1项（通报所列2项）、正在推进7项、进展滞后3项"), "{overview}");
    assert_eq!(overview.matches("通报所列").count(), 1, "{overview}");
}

/// Seed 000's 存在问题 unit by unit, as the issue "A notice a 督查室 would
/// sign" lists them: each unit's item 2 holds its own facts and not another
/// unit's, and no problem is said twice.
#[test]
fn seed_000_gives_each_unit_its_own_facts() {
    let Some(seeds) = seeds() else { return };
    let output = duban(&["draft", seed(&seeds, "000").to_str().unwrap(), "--format", "txt", "-o", "-"]);
    let text = outputs(&output).0;
    let start = text.find("二、存在问题").expect("存在问题");
    let section = &text[start..start + text[start..].find("三、几点要求").expect("几点要求")];
    // What a unit's paragraphs (its own, and those it shares) say under item 2.
    let item_2 = |unit: &str| -> String {
        let paragraphs = section.lines().filter(|l| l.split_once('（').is_some_and(|_| l.contains(unit)));
        let heads = |l: &str| l.split_once("）。").map_or(String::new(), |(head, _)| head.to_string());
        paragraphs
            .filter(|l| heads(l).contains(unit))
            .filter_map(|l| {
                l.split_once("第2项").map(|(_, rest)| rest.split("。第").next().unwrap_or(rest).to_string())
            })
            .collect()
    };
    let housing = item_2("区住建局");
    assert!(housing.contains("房地产企业") && !housing.contains("规上工业企业"), "区住建局: {housing}");
    let development = item_2("区发改局");
    assert!(development.contains("规上服务业") && !development.contains("规上工业企业"), "区发改局: {development}");
    assert!(
        section.lines().any(|l| l.starts_with("（") && l.contains("区发改局") && l.contains("停车场")),
        "{section}"
    );
    let industry = item_2("区工信局");
    assert!(industry.contains("规上工业企业"), "区工信局: {industry}");
    // No problem twice: (item, problem) pairs, each item's problems after its "第N项（…）：".
    let problems: Vec<(&str, &str)> = section
        .lines()
        .skip(1)
        .filter_map(|p| p.split_once("）。").map(|(_, problems)| problems))
        .flat_map(|problems| problems.split('。'))
        .filter_map(|task| task.split_once("）："))
        .flat_map(|(task, said)| said.split('；').map(move |problem| (task, problem)))
        .collect();
    assert!(all_distinct(&problems), "{problems:#?}");
}

/// No subject without its task: every problem of 存在问题 says a run of at
/// least 8 characters of the report's own words, in its own words or in the
/// name of its item on its line ("第3项（完成2023年12个专项债券项目资金支付）：
/// 完成时限8月底前已过").
#[test]
fn every_problem_is_said_in_the_reports_own_words() {
    let run_of = |said: &str, report: &str| {
        let chars: Vec<char> =
            said.chars().filter(|c| !c.is_ascii_punctuation() && !"，。；：（）、“”".contains(*c)).collect();
        // Punctuation aside on both sides: the notice writes it full-width.
        let report: String =
            report.chars().filter(|c| !c.is_ascii_punctuation() && !"，。；：（）、“”".contains(*c)).collect();
        chars.windows(8).any(|run| report.contains(&run.iter().collect::<String>()))
    };
    for (input, text) in notices() {
        let report = String::from_utf8_lossy(&std::fs::read(&input).unwrap()).into_owned();
        let Some(start) = text.find("二、存在问题") else { continue };
        let section = &text[start..text[start..].find("几点要求").map_or(text.len(), |e| start + e)];
        for paragraph in section.lines().skip(1).filter(|l| l.starts_with('（')) {
            let (_, body) = paragraph.split_once("）。").expect("（一）unit（level）。");
            for item in body.split('。').filter(|s| !s.is_empty()) {
                let (name, problems) = match item.split_once('：') {
                    Some((name, problems)) if name.starts_with('第') && name.contains('项') => (name, problems),
                    _ => ("", item),
                };
                // A 简称 shorter than 8 is the heading's whole first clause ("深入推进林长制，…").
                let short = name.split_once('（').map_or("", |(_, s)| s.trim_end_matches('）'));
                let whole_clause = short.chars().count() >= 4
                    && [',', '，', '。'].iter().any(|end| report.contains(&format!("{short}{end}")));
                for problem in problems.split('；') {
                    assert!(
                        run_of(problem, &report) || run_of(name, &report) || whole_clause,
                        "{input}: no words of the report in {name}：{problem}\n{paragraph}"
                    );
                }
            }
        }
    }
}

/// The .docx's zip headers hold nothing of the machine that wrote it: the
/// same bulletin gives the same bytes on Windows as here. Read from the
/// bytes themselves, as an unzip tool would (APPNOTE 4.3.7 and 4.3.12).
#[test]
fn the_docx_headers_name_no_system_and_no_clock() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.docx");
    draft(Path::new(EXAMPLE), &out, &[]);
    let bytes = std::fs::read(&out).unwrap();
    let u16_at = |at: usize| u16::from_le_bytes([bytes[at], bytes[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let (mut local, mut central) = (0, 0);
    for at in 0..bytes.len().saturating_sub(46) {
        match u32_at(at) {
            0x0403_4b50 => {
                local += 1;
                // Modified time and date: 1980-01-01 00:00.
                assert_eq!((u16_at(at + 10), u16_at(at + 12)), (0, 0x21), "local header at {at}");
                // No extra field (a Unix or NTFS timestamp would be one).
                assert_eq!(u16_at(at + 28), 0, "local header at {at}");
            }
            0x0201_4b50 => {
                central += 1;
                let name_length = usize::from(u16_at(at + 28));
                let name = String::from_utf8_lossy(&bytes[at + 46..at + 46 + name_length]).into_owned();
                // Version made by: Unix (3) in the high byte, on every OS.
                assert_eq!(bytes[at + 5], 3, "{name}");
                assert_eq!((u16_at(at + 12), u16_at(at + 14)), (0, 0x21), "{name}");
                assert_eq!(u16_at(at + 30), 0, "{name}: no extra field");
                let mode = u32_at(at + 38) >> 16;
                let expected = if name.ends_with('/') { 0o040_755 } else { 0o100_644 };
                assert_eq!(mode, expected, "{name}: mode {mode:o}");
            }
            _ => {}
        }
    }
    assert!(local >= 10 && local == central, "{local} local and {central} central headers");
}

/// A draft says once, in Chinese, which fonts of its preset this machine
/// lacks, fallbacks included; the .docx lists each Chinese font with its
/// first fallback as Word does (仿宋_GB2312, also called 仿宋).
#[test]
fn missing_fonts_are_said_once_and_fallbacks_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let preset = std::fs::read_to_string("presets/portable.yaml").unwrap();
    let imaginary = preset.replace("title: 方正小标宋简体", "title: 青岚小标宋");
    let path = dir.path().join("qinglan.yaml");
    std::fs::write(&path, imaginary).unwrap();
    let out = dir.path().join("notice.docx");
    let output =
        super::support::duban_zh(&["draft", EXAMPLE, "-o", out.to_str().unwrap(), "--preset", path.to_str().unwrap()]);
    let (_, stderr) = outputs(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr.matches("本机没有通知所用的字体").count(), 1, "{stderr}");
    assert!(stderr.contains("青岚小标宋"), "{stderr}");
    let fonts = part(&out, "word/fontTable.xml");
    assert!(
        fonts.contains("<w:font w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\" /><w:charset w:val=\"86\" />"),
        "{fonts}"
    );
    assert!(fonts.contains("<w:font w:name=\"青岚小标宋\"><w:charset w:val=\"86\" />"), "{fonts}");

    // Fonts that are there, and a plain-text draft, say nothing of fonts.
    let installed = duban::export::fonts::installed();
    if let Some(font) = installed.iter().find(|name| !name.is_ascii()) {
        let mut named = preset.clone();
        for key in ["title", "body", "heading1", "heading2", "page_number"] {
            let line = preset.lines().find(|l| l.trim_start().starts_with(&format!("{key}:"))).unwrap();
            named = named.replace(line, &format!("  {key}: {font}"));
        }
        let latin = installed.iter().find(|name| name.is_ascii()).unwrap();
        named = named.replace("latin: Times New Roman", &format!("latin: {latin}"));
        std::fs::write(&path, named).unwrap();
        let output = super::support::duban_zh(&[
            "draft",
            EXAMPLE,
            "-o",
            out.to_str().unwrap(),
            "--preset",
            path.to_str().unwrap(),
        ]);
        assert!(!outputs(&output).1.contains("字体"), "{font}: {}", outputs(&output).1);
    } else {
        println!("skipped: this machine has no Chinese font to name");
    }
    let text = dir.path().join("notice.txt");
    let output =
        super::support::duban_zh(&["draft", EXAMPLE, "-o", text.to_str().unwrap(), "--preset", path.to_str().unwrap()]);
    assert!(!outputs(&output).1.contains("字体"), "{}", outputs(&output).1);
}

/// 总体情况 of a bulletin with nothing to find reads as a sentence: no
/// "其中。", no empty "（）", no "0项落后于序时进度".
#[test]
fn a_bulletin_with_nothing_to_find_has_a_whole_summary() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bulletin.txt");
    std::fs::write(
        &input,
        "关于白鹭镇重点工作推进情况的通报\n一、重点任务\n1.新建口袋公园2个。\n2.完成道路绿化改造。\n",
    )
    .unwrap();
    let out = dir.path().join("notice.txt");
    draft(&input, &out, &["--as-of", "2024-06-30"]);
    let text = std::fs::read_to_string(&out).unwrap();
    let summary = text.lines().skip_while(|l| *l != "一、总体情况").nth(1).unwrap();
    assert!(summary.starts_with("本期共2项任务"), "{summary}");
    assert!(!summary.contains("其中。") && !summary.contains("（）") && !summary.contains("0项落后"), "{summary}");
}

/// GB/T 9704: a notice with an annex names it (附件说明) a blank line after
/// its body, and the 落款 a blank line after that; one without none.
#[test]
fn the_notice_names_its_annex_above_the_signature() {
    let text = outputs(&duban(&["draft", EXAMPLE, "--format", "txt", "-o", "-"])).0;
    let lines: Vec<&str> = text.lines().collect();
    let named = lines.iter().position(|l| *l == "附件：督办事项清单").expect("附件说明");
    assert!(lines[named - 1].is_empty() && lines[named + 1].is_empty(), "{:?}", &lines[named - 1..named + 3]);
    assert_eq!(lines[named + 2], "青岚县人民政府督查室", "the 落款 follows it");
    assert!(lines[named + 3..].contains(&"督办事项清单"), "the annex itself follows the 落款");

    let text = "关于白鹭镇重点工作推进情况的通报\n一、重点任务\n1.新建口袋公园2个。\n落实情况：已完成。\n";
    let nothing = notice_of(text, &["--as-of", "2024-06-30"]);
    assert!(!nothing.contains("附件"), "no annex, no 附件说明: {nothing}");
}

/// A bulletin that gives its day but no year ("截至9月14日") is still drafted
/// from that day: the 导语 says it.
#[test]
fn the_opening_says_the_day_of_a_bulletin_without_a_year() {
    let text = "关于河湖整治进展情况的通报\n截至9月14日，各镇整治任务推进情况如下。\n一、重点任务\n1.清理河道垃圾100吨。\n落实情况：已清理40吨。\n";
    let notice = notice_of(text, &[]);
    let opening = notice.lines().find(|l| l.starts_with("根据")).expect("导语");
    assert!(opening.contains("（截至9月14日）"), "{opening}");
}

/// A page's spaced-out type-size label ("字 号：") is the site's, not the
/// notice's 主送; a title that names a title is cited with 〈〉 inside 《》.
#[test]
fn a_page_label_is_no_addressee_and_a_title_in_a_title_is_cited_once() {
    let text = "《青岚县政府工作报告》重点任务三季度落实情况\n字  号：\n截至9月30日，各项任务推进情况如下。\n一、重点任务\n1.新建公园4个。\n落实情况：已建成1个。\n";
    let notice = notice_of(text, &[]);
    assert!(!notice.contains("字  号") && !notice.contains("字 号"), "{notice}");
    let opening = notice.lines().find(|l| l.starts_with("根据")).expect("导语");
    assert!(opening.starts_with("根据《〈青岚县政府工作报告〉重点任务三季度落实情况》"), "{opening}");
}

/// The .txt notice `duban draft` writes for a bulletin of `text`, given `args`.
fn notice_of(text: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bulletin.txt");
    std::fs::write(&input, text).unwrap();
    let out = dir.path().join("notice.txt");
    draft(&input, &out, args);
    std::fs::read_to_string(&out).unwrap()
}
