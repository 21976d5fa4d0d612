//! `cargo bench --bench match`: how `rescc match` reads the hand-labelled postings in
//! `fixtures/match-eval` against its three resumes. Prints extraction precision and recall, the
//! share of right matched/aliased/missing decisions and of wrong "use the posting's term"
//! advice; `MATCH_EVAL=verbose` lists every false term, missed term and wrong decision, and
//! `RESCC_BIN=path/to/rescc` measures another build (a baseline) through its command line.
//! (`benches/match.sh` measures time against posting size.)

#[path = "../tests/match_eval/eval.rs"]
mod eval;

fn main() {
    eval::evaluate().print();
}
