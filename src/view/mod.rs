//! What the commands print: views of each stage's output for people (text)
//! and programs (JSON). Views borrow the domain types and never change them.

mod json;
mod outline;

pub use json::to_json;
pub use outline::to_outline;
