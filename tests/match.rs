//! `rescc match`: coverage goldens for each posting, aliases, missing terms, and no false matches
//! for short names that are also ordinary words.

mod common;

use common::*;
use rescc::keywords;

const JOBS: &[&str] = &["acme-payments", "data-platform", "platform-k8s"];

fn report(name: &str) -> serde_json::Value {
    let job = format!("fixtures/jobs/{name}.yaml");
    let out = rescc(&root(), &["match", "fixtures/tagged.yaml", &job, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let at = |key: &str| text.find(&format!("\n  \"{key}\": ")).unwrap_or_else(|| panic!("no `{key}`:\n{text}"));
    let order = ["job", "coverage", "matched", "aliased", "missing"].map(at);
    assert!(order.windows(2).all(|w| w[0] < w[1]), "the keys come in the documented order:\n{text}");
    serde_json::from_str(&text).unwrap()
}

fn terms(list: &serde_json::Value) -> Vec<&str> {
    list.as_array().unwrap().iter().map(|t| t["term"].as_str().unwrap()).collect()
}

#[test]
fn each_posting_has_its_golden_report() {
    for name in JOBS {
        let json = report(name);
        assert_eq!(json.as_object().unwrap().len(), 5, "exactly the documented keys");
        let coverage = json["coverage"].as_u64().unwrap();
        assert!((1..100).contains(&coverage), "{name}: {coverage}");
        insta::with_settings!({ snapshot_suffix => *name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("match_json", serde_json::to_string_pretty(&json).unwrap());
        });
    }
    let out = rescc(&root(), &["match", "fixtures/tagged.yaml", "fixtures/jobs/data-platform.yaml"]);
    insta::with_settings!({ prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("match_text_data_platform", stdout(&out));
    });
}

#[test]
fn a_term_under_another_name_is_reported_as_aliased() {
    let json = report("data-platform");
    let aliased = json["aliased"].as_array().unwrap();
    let postgres = aliased.iter().find(|a| a["term"] == "PostgreSQL").expect("PostgreSQL is aliased");
    assert_eq!(postgres["resume_term"], "Postgres");
    assert_eq!(postgres["locations"][0], "68:24", "the skill item in tagged.yaml");
    let platform = report("platform-k8s");
    let argo = platform["aliased"].as_array().unwrap().iter().find(|a| a["term"] == "Argo CD").expect("Argo CD");
    assert_eq!(argo["resume_term"], "ArgoCD");
}

#[test]
fn missing_terms_are_ordered_by_prominence() {
    for name in JOBS {
        let json = report(name);
        let weights: Vec<f64> =
            json["missing"].as_array().unwrap().iter().map(|m| m["weight"].as_f64().unwrap()).collect();
        assert!(weights.windows(2).all(|w| w[0] >= w[1]), "{name}: {weights:?}");
    }
    let acme = report("acme-payments");
    let missing = terms(&acme["missing"]);
    // Requirements outrank nice-to-haves.
    let at = |term: &str| missing.iter().position(|t| *t == term).unwrap_or_else(|| panic!("{term}: {missing:?}"));
    assert!(at("OpenTelemetry") < at("gRPC"));
    assert!(at("schema design") < at("ISO 8583"));
}

#[test]
fn overrides_are_located_in_the_job_file() {
    let acme = report("acme-payments");
    let matched = acme["matched"].as_array().unwrap();
    let postgres = matched.iter().find(|m| m["term"] == "PostgreSQL").expect("the job's summary says PostgreSQL");
    assert!(postgres["locations"][0].as_str().unwrap().starts_with("fixtures/jobs/acme-payments.yaml:"), "{postgres}");
}

#[test]
fn ordinary_words_are_not_skills() {
    let posting = "Our go-to-market team is good at building trust. Report to the C-level team and our R&D lab.\n\
                   We closed a Series C round. Go beyond the brief; let's go! Spring is our busiest season,\n\
                   and swift replies matter. Go-to-market planning is a must. Rusty? No problem.";
    let found: Vec<String> = keywords::posting_terms(posting, "Engineer", "Acme").into_iter().map(|t| t.text).collect();
    for name in ["Go", "C", "R", "Rust", "Swift", "Spring"] {
        assert!(!found.iter().any(|t| t == name), "{name} is not in {posting:?}: {found:?}");
    }
    // The same names, used as technologies, are found.
    let posting = "Services in Go and Rust, tooling in C and R, apps in Swift, and Spring Boot APIs.";
    let found: Vec<String> = keywords::posting_terms(posting, "Engineer", "Acme").into_iter().map(|t| t.text).collect();
    for name in ["Go", "Rust", "C", "R", "Swift", "Spring Boot"] {
        assert!(found.iter().any(|t| t == name), "{name}: {found:?}");
    }
}

#[test]
fn fixture_postings_have_no_false_matches() {
    let acme = report("acme-payments");
    let all: Vec<&str> = ["matched", "aliased", "missing"].iter().flat_map(|k| terms(&acme[*k])).collect();
    // The Acme posting says "go-to-market", "Series C", "C-level", "trust-based", "good" and "Let's go".
    assert!(!all.contains(&"C"), "{all:?}");
    assert_eq!(all.iter().filter(|t| **t == "Go").count(), 1);
    let data = report("data-platform");
    let all: Vec<&str> = ["matched", "aliased", "missing"].iter().flat_map(|k| terms(&data[*k])).collect();
    // "R&D group" is not R; "Python and R" is.
    assert!(all.contains(&"R"), "{all:?}");
    assert!(!all.iter().any(|t| t.contains("R&D")), "{all:?}");
}
