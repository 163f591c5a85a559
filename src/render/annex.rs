//! The annex of a notice, 附件：督办事项清单: each problem once, its figures in columns.

use serde::Serialize;

use super::context::FindingView;
use super::problem::figure;
use crate::rules::{Findings, RuleSet};

/// One row of the 督办事项清单.
#[derive(Clone, Debug, Serialize)]
pub struct AnnexRow {
    /// 序号, from 1.
    pub number: usize,
    /// 责任单位, joined by 、 (未明确 when none is named).
    pub units: String,
    /// 事项: 第3项（简称）, with what the figures measure; for a problem about
    /// no item, the report's words.
    pub task: String,
    /// 目标, where the problem has a target and an actual.
    pub target: String,
    /// 完成, likewise (or a stated ratio).
    pub actual: String,
    /// 序时进度: 75.0%, or empty.
    pub schedule: String,
    /// 差距: 落后50.0个百分点, else the problem in the report's words.
    pub gap: String,
    /// 预警等级: 红色.
    pub level: String,
    /// 办理时限: the date the problem is asked by.
    pub due: String,
}

/// The 督办事项清单: each problem once, with its figures in columns.
pub(super) fn annex(rules: &RuleSet, findings: &Findings, views: &[FindingView]) -> Vec<AnnexRow> {
    findings
        .findings
        .iter()
        .zip(views)
        .enumerate()
        .map(|(index, (finding, view))| {
            let values = &finding.values;
            let paired = values.target.is_some() && values.actual.is_some();
            let task = match (&view.task, &values.noun) {
                // What the figures measure, where the row has figures.
                (task, Some(noun)) if paired && !task.is_empty() && !view.short.contains(noun.as_str()) => {
                    format!("{task}：{noun}")
                }
                (task, _) if !task.is_empty() => task.clone(),
                // A rate listed unit by unit: what it is the rate of.
                (_, Some(noun)) if values.ratio.is_some() && values.target.is_none() => noun.clone(),
                _ => view.evidence.clone(),
            };
            let gap = match values.behind {
                Some(behind) => format!("落后{}个百分点", figure(behind)),
                None => view.problem.clone(),
            };
            let due = finding.asked_by.or(findings.reply_by);
            AnnexRow {
                number: index + 1,
                units: if view.units.is_empty() { "未明确".to_string() } else { view.units.clone() },
                task,
                target: if paired { values.target.clone().unwrap_or_default() } else { String::new() },
                actual: match (paired, values.ratio) {
                    (true, _) => values.actual.clone().unwrap_or_default(),
                    (false, Some(ratio)) => format!("{ratio}%"),
                    _ => String::new(),
                },
                schedule: values.schedule.map(|s| format!("{}%", figure(s))).unwrap_or_default(),
                gap,
                level: rules.levels[finding.level].label.clone(),
                // The notice's own year goes without saying in a narrow column.
                due: due.map_or_else(
                    || "规定时限".to_string(),
                    |d| match findings.date {
                        Some(date) if date.year == d.year => format!("{}月{}日", d.month, d.day),
                        _ => d.chinese(),
                    },
                ),
            }
        })
        .collect()
}
