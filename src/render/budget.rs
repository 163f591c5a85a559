//! What one render may spend beyond its output and time limits: tera's
//! `range` is bounded per call (100 000 elements), not per render, so a
//! `range` loop inside another runs 10¹⁰ times. duban's own `range` counts
//! every element of every call of one render against one budget.

use std::cell::Cell;

use tera::{Kwargs, State, Tera, TeraResult};

/// The elements all `range` calls of one render may produce together.
pub const RANGE_BUDGET: i128 = 1_000_000;

thread_local! {
    /// What is left of the budget of the render on this thread.
    static LEFT: Cell<i128> = const { Cell::new(RANGE_BUDGET) };
}

/// Gives the render about to start on this thread the whole budget.
pub fn start() {
    LEFT.set(RANGE_BUDGET);
}

/// Puts duban's `range` in the place of tera's.
pub fn register(tera: &mut Tera) {
    tera.register_function("range", range);
}

/// tera's `range(start=0, end, step_by=1)`, within the render's budget.
fn range(kwargs: Kwargs, _: &State) -> TeraResult<Vec<i128>> {
    let start = kwargs.get::<i128>("start")?.unwrap_or_default();
    let end = kwargs.must_get::<i128>("end")?;
    let step = kwargs.get::<i128>("step_by")?.unwrap_or(1);
    let fail = |message: String| tera::Error::message(message);
    if step == 0 {
        return Err(fail("Function `range` was called with a `step_by` argument of 0".into()));
    }
    // Elements between start and end, by step (none when the step goes away from end).
    let span = if step > 0 { end.saturating_sub(start) } else { start.saturating_sub(end) };
    let len = if span <= 0 { 0 } else { span.saturating_add(step.saturating_abs() - 1) / step.saturating_abs() };
    let left = LEFT.get();
    if len > RANGE_BUDGET {
        return Err(fail(format!(
            "Function `range` would produce {len} elements, which exceeds the limit of {RANGE_BUDGET}"
        )));
    }
    if len > left {
        return Err(fail(format!(
            "Function `range` would make the template go over {RANGE_BUDGET} elements in all; is a loop inside another?"
        )));
    }
    LEFT.set(left - len);
    Ok((0..len).map(|i| start + i * step).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str) -> Result<String, String> {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t", template).map_err(|e| e.to_string())?;
        start();
        tera.render("t", &tera::Context::new()).map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn range_counts_like_teras_and_stops_at_the_budget() {
        assert_eq!(render("{% for i in range(end=3) %}{{ i }}{% endfor %}").unwrap(), "012");
        assert_eq!(render("{% for i in range(start=5, end=0, step_by=-2) %}{{ i }}{% endfor %}").unwrap(), "531");
        assert_eq!(render("{{ range(start=3, end=1) | length }}").unwrap(), "0");
        let nested = "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}";
        assert!(render(nested).unwrap_err().contains("is a loop inside another?"));
    }
}
