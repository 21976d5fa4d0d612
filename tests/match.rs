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

/// What `rescc match` decides for each of a posting's terms against a resume that shows
/// `shows` (its summary) and `skills` (one skills group): `M` matched, `A` aliased (with the
/// resume's term), `X` missing.
fn decide(posting: &str, company: &str, shows: &str, skills: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let items = skills.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", ");
    let resume = format!(
        "name: Ana Diaz\ncontact:\n  email: ana@example.com\nsummary: {shows:?}\nskills:\n  - group: Skills\n    items: [{items}]\n"
    );
    std::fs::write(dir.path().join("resume.yaml"), resume).unwrap();
    let indented: String = posting.lines().map(|l| format!("  {l}\n")).collect();
    let job = format!("company: {company}\ntitle: Backend Engineer\nposting: |\n{indented}");
    std::fs::write(dir.path().join("job.yaml"), job).unwrap();
    let out = rescc(dir.path(), &["match", "resume.yaml", "job.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut decided: Vec<String> = Vec::new();
    for (key, mark) in [("matched", "M"), ("aliased", "A"), ("missing", "X")] {
        for term in json[key].as_array().unwrap() {
            let alias = term["resume_term"].as_str().map(|t| format!(" ({t})")).unwrap_or_default();
            decided.push(format!("{mark} {}{alias}", term["term"].as_str().unwrap()));
        }
    }
    decided
}

/// A golden per class of error seen on real postings: the posting's snippet, the resume's,
/// and the terms and decisions expected; `none` lists what must not be a term at all.
#[test]
fn each_class_of_real_posting_error_has_its_golden() {
    struct Golden {
        class: &'static str,
        posting: &'static str,
        company: &'static str,
        shows: &'static str,
        skills: &'static [&'static str],
        want: &'static [&'static str],
        none: &'static [&'static str],
    }
    let goldens = [
        Golden {
            class: "inflection and spelling",
            posting: "You will build Payments microservices and event-driven APIs.\nWe ship with CI/CD on Kubernetes.",
            company: "Acme",
            shows: "Built payment APIs as a microservice fleet, event driven; Dockerized and Kubernetes-based, CI-CD.",
            skills: &[],
            want: &["M Payments", "M microservices", "M event-driven", "M APIs", "M CI/CD", "M Kubernetes"],
            none: &[],
        },
        Golden {
            class: "derived forms",
            posting: "Requirements:\n- Docker and Kubernetes",
            company: "Acme",
            shows: "Dockerized 30 services on a Kubernetes-based platform.",
            skills: &[],
            want: &["M Docker", "M Kubernetes"],
            none: &[],
        },
        Golden {
            class: "both spellings in one posting",
            posting: "We run PostgreSQL. Postgres tuning is a plus.\nKubernetes (K8s) experience.",
            company: "Acme",
            shows: "",
            skills: &["postgres", "k8s"],
            want: &["M PostgreSQL", "M Kubernetes"],
            none: &[],
        },
        Golden {
            class: "the posting's term when the resume's appears nowhere in it",
            posting: "We run PostgreSQL on Kubernetes.",
            company: "Acme",
            shows: "",
            skills: &["postgres", "k8s"],
            want: &["A PostgreSQL (postgres)", "A Kubernetes (k8s)"],
            none: &[],
        },
        Golden {
            class: "names inside longer names",
            posting: "Experience with AWS, Kafka and EKS.",
            company: "Acme",
            shows: "Built a pipeline on AWS Lambda and Apache Kafka; ran Amazon EKS.",
            skills: &[],
            want: &["M AWS", "M Kafka", "M EKS"],
            none: &[],
        },
        Golden {
            class: "a part covers its whole only through the lexicon",
            posting: "Experience with AWS and Kubernetes.",
            company: "Acme",
            shows: "Queued 12M events a day through Amazon SQS; ran EKS.",
            skills: &[],
            want: &["A AWS (Amazon SQS)", "A Kubernetes (EKS)"],
            none: &[],
        },
        Golden {
            class: "ambiguous names in lists and after colons",
            posting: "- Backend: Go, ConnectRPC\n- Language: Go\nWe also use Rust.",
            company: "Acme",
            shows: "",
            skills: &["go", "GO", "rust"],
            want: &["M Go", "X ConnectRPC", "M Rust"],
            none: &[],
        },
        Golden {
            class: "ambiguous names that are ordinary words",
            posting: "Join our Spring offsite in Cypress, Texas, hosted by Ruby Chen.\nOur Rust Belt office runs a Go/No-Go review.\nWe use Python.",
            company: "Acme",
            shows: "",
            skills: &["Python"],
            want: &["M Python"],
            none: &["Spring", "Cypress", "Ruby", "Rust", "Go", "Rust Belt", "Ruby Chen"],
        },
        Golden {
            class: "the employer's own name",
            posting: "Spark Networks builds dating apps. At Spark Networks we use Python.",
            company: "Spark Networks",
            shows: "",
            skills: &["Python"],
            want: &["M Python"],
            none: &["Spark", "Spark Networks"],
        },
        Golden {
            class: "junk terms",
            posting: "🚀 Strong Python skills\n✅ Dedicated Mentors\n- BS or MS in Computer Science, PhD a plus\n- 1-year contract, LATAM time zones",
            company: "Acme",
            shows: "",
            skills: &["Python"],
            want: &["M Python"],
            none: &["Strong", "BS", "MS", "PhD", "1-year", "LATAM", "Dedicated Mentors", "Computer Science"],
        },
        Golden {
            class: "coordination and slashes",
            posting: "- JDBC/ODBC drivers\n- JWT/OAuth2 auth\n- Write unit, integration, and contract tests",
            company: "Acme",
            shows: "Wrote unit tests and contract tests for the JDBC layer.",
            skills: &[],
            want: &["M JDBC", "X ODBC", "X JWT", "X OAuth2", "M unit tests", "X integration tests", "M contract tests"],
            none: &["JDBC/ODBC"],
        },
        Golden {
            class: "technologies the lexicon lacks, in a list",
            posting: "DevOps: AWS, Drone CI, K8S, Rancher, Jenkins",
            company: "Acme",
            shows: "",
            skills: &["Rancher", "Jenkins"],
            want: &["M Rancher", "M Jenkins", "X Drone CI", "X AWS"],
            none: &[],
        },
    ];
    for g in goldens {
        let decided = decide(g.posting, g.company, g.shows, g.skills);
        for want in g.want {
            assert!(decided.iter().any(|d| d == want), "{}: want {want:?} in {decided:?}", g.class);
        }
        for not in g.none {
            let term = |d: &String| d[2..].split(" (").next().unwrap_or_default().to_string();
            assert!(!decided.iter().any(|d| term(d) == *not), "{}: {not:?} is no term: {decided:?}", g.class);
        }
    }
}

/// Postings no one writes but someone will paste: emoji and CJK throughout, one endless line
/// without spaces, names glued by commas. Each reads without a panic and finds what it names.
#[test]
fn hostile_postings_are_read() {
    let emoji = "🚀🚀 熟悉 Kafka 和 Go，✅ PostgreSQL — “unit, integration tests” 🎉\n".repeat(50);
    let glued = "Go,Rust,Kafka,".repeat(20_000);
    let dashes = "—Kubernetes—".repeat(20_000);
    for (posting, name) in [(emoji.as_str(), "Kafka"), (glued.as_str(), "Kafka"), (dashes.as_str(), "Kubernetes")] {
        let found: Vec<String> =
            keywords::posting_terms(posting, "Ünïcode Engineer", "Ärger & Co").into_iter().map(|t| t.text).collect();
        assert!(found.iter().any(|t| t == name), "{name}: {found:?}");
    }
}
