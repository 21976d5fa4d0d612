//! Keyword coverage: the skill terms a posting asks for, and where the resume shows them.
//!
//! ATS search matches literal strings while recruiters equate aliases, so the report tells a
//! match in the posting's own words from one under an alias ("the posting says PostgreSQL, the
//! resume says Postgres"). [`posting`] reads the posting's terms, [`coverage`] finds them in the
//! resume; both find names through the [`crate::lexicon`]. Everything is offline and
//! deterministic.

mod coverage;
mod posting;

pub use coverage::{Aliased, Coverage, Matched, Missing, coverage, places, report};
pub use posting::{Term, posting_terms};
