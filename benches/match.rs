//! `cargo bench --bench match`: how `rescc match` reads the hand-labelled postings in
//! `fixtures/match-eval` against its three resumes. Prints extraction precision and recall, the
//! share of right matched/aliased/missing decisions and of wrong "use the posting's term"
//! advice; `MATCH_EVAL=verbose` lists every false term, missed term and wrong decision.
//! (`benches/match.sh` measures time against posting size.)

#[path = "../tests/match_eval/eval.rs"]
mod eval;

fn main() {
    let figures = eval::evaluate();
    println!("match evaluation: {}", figures.summary());
    if std::env::var("MATCH_EVAL").is_ok_and(|v| v == "verbose") {
        for (title, lines) in [
            ("false terms", &figures.false_terms),
            ("missed terms", &figures.missed_terms),
            ("wrong decisions", &figures.wrong_decisions),
        ] {
            println!("\n{title} ({}):", lines.len());
            for line in lines {
                println!("  {line}");
            }
        }
    }
}
