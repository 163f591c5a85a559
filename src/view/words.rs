//! The words of the text views, in the language in force: states, roles,
//! asides and lists as a 督查室 writes them (已完成3项, 县工信局（牵头）),
//! or in English.

use crate::extract::{Polarity, State, UnitRole};
use crate::lang::english;
use crate::say;

/// An item's state: 已完成, 正在推进, 进展滞后 …
pub fn state(state: State) -> String {
    match state {
        State::Done => say!("已完成", "done"),
        State::InProgress => say!("正在推进", "in_progress"),
        State::Shortfall => say!("进展滞后", "shortfall"),
        State::NotReported => say!("未报送", "not_reported"),
        State::Planned => say!("计划", "planned"),
        State::Unknown => say!("不明", "unknown"),
    }
}

/// How many items are in a state: 已完成1 / 1 done.
pub fn state_count(state: State, count: usize) -> String {
    match state {
        State::Done => say!("已完成{count}", "{count} done"),
        State::InProgress => say!("正在推进{count}", "{count} in progress"),
        State::Shortfall => say!("进展滞后{count}", "{count} behind"),
        State::NotReported => say!("未报送{count}", "{count} not reported"),
        State::Planned => say!("计划{count}", "{count} planned"),
        State::Unknown => say!("不明{count}", "{count} unclear"),
    }
}

/// A unit with its role: 县工信局（牵头） / 县工信局 lead.
pub fn unit_role(name: &str, role: UnitRole) -> String {
    let role = match role {
        UnitRole::Lead => say!("牵头", "lead"),
        UnitRole::Partner => say!("配合", "partner"),
        UnitRole::Responsible => say!("责任", "responsible"),
    };
    if english() { format!("{name} {role}") } else { format!("{name}（{role}）") }
}

/// What words say of the units they name: 滞后, 表扬, 中性.
pub fn polarity(polarity: Polarity) -> String {
    match polarity {
        Polarity::Lag => say!("滞后", "lag"),
        Polarity::Praise => say!("表扬", "praise"),
        Polarity::Neutral => say!("中性", "neutral"),
    }
}

/// A remark after a word: （text） / " (text)".
pub fn aside(text: &str) -> String {
    if english() { format!(" ({text})") } else { format!("（{text}）") }
}

pub use crate::lang::list;
