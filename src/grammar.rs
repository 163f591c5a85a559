//! Settings shared by duban's pest grammars (`grammar/*.pest`).

use std::num::NonZeroUsize;
use std::sync::Once;

/// Rule calls allowed for one parse: one line of a bulletin, or one fact.
/// Each needs a few dozen; the bound is for untrusted text that would make a
/// careless grammar backtrack. pest keeps the limit process-wide, so it is
/// set once, the same for every grammar.
pub const CALL_LIMIT: usize = 100_000;

/// Sets pest's call limit, once per process.
pub(crate) fn limit_calls() {
    static LIMIT: Once = Once::new();
    LIMIT.call_once(|| pest::set_call_limit(NonZeroUsize::new(CALL_LIMIT)));
}
