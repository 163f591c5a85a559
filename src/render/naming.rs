//! How a notice names its items: 第N项（简称） the first time, then 第N项.

use crate::rules::Findings;

/// The items a notice has named so far.
pub(super) struct Naming {
    /// The numbers two items of the notice share (the first items of two
    /// sections): those items are always named in full.
    shared: Vec<String>,
    said: Vec<String>,
    /// Whether items of a shared number are named in full every time
    /// (across the paragraphs of 存在问题), or once (in one paragraph).
    shared_in_full: bool,
}

impl Naming {
    /// Nothing named yet, for the items of `findings`.
    pub(super) fn new(findings: &Findings) -> Naming {
        let mut tasks: Vec<&String> = findings.findings.iter().map(|f| &f.require.tasks).collect();
        tasks.sort_unstable();
        tasks.dedup();
        let mut numbers: Vec<String> = tasks.iter().filter_map(|t| number(t)).collect();
        numbers.sort_unstable();
        let shared = numbers.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0].clone()).collect();
        Naming { shared, said: Vec::new(), shared_in_full: true }
    }

    /// For one paragraph of 几点要求: every item of `findings` already named
    /// (by 存在问题), but those of a shared number, named in full once.
    pub(super) fn all_said(findings: &Findings) -> Naming {
        let mut naming = Naming::new(findings);
        naming.said = findings
            .findings
            .iter()
            .map(|f| f.require.tasks.clone())
            .filter(|t| number(t).is_none_or(|n| !naming.shared.contains(&n)))
            .collect();
        naming.shared_in_full = false;
        naming
    }

    /// `task` ("第3项（简称）") as the notice says it now: in full the first
    /// time (and every time where its number is shared, if so made), else "第3项".
    pub(super) fn name(&mut self, task: &str) -> String {
        match number(task) {
            Some(n) if self.said.iter().any(|t| t == task) && !(self.shared_in_full && self.shared.contains(&n)) => n,
            _ => {
                self.said.push(task.to_string());
                task.to_string()
            }
        }
    }
}

/// "第3项" of "第3项（简称）".
fn number(task: &str) -> Option<String> {
    task.split_once('（').filter(|_| task.starts_with('第')).map(|(n, _)| n.to_string())
}
