//! Replays the fuzzer's kept corpus (`fixtures/fuzz/`) through the same pipeline the fuzz target
//! runs, so every input that once found new behaviour stays a regression test on stable Rust.

#[path = "../fuzz/pipeline.rs"]
mod pipeline;

mod common;

#[test]
fn every_kept_fuzz_input_is_handled() {
    let dir = common::fixture("fuzz");
    let mut inputs: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(inputs.len() >= 50, "the kept corpus is in {}", dir.display());
    for input in inputs {
        let data = std::fs::read(&input).unwrap();
        let outcome = std::panic::catch_unwind(|| pipeline::run(&data));
        assert!(outcome.is_ok(), "{} fails the fuzz checks", input.display());
    }
}
