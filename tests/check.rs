//! `rescc check` and the content rules: for every rule a case that fires (golden) and one that
//! must stay quiet, the realistic example stays clean, and the CLI's report and exit codes.

mod common;

use std::sync::Arc;

use common::*;
use rescc::model::Date;

/// A fixed "today" so that recent roles and future starts do not drift.
const TODAY: Date = Date { year: 2026, month: Some(6), day: Some(1) };

/// The findings of `rule` for an inline resume, rendered as printed.
fn findings(rule: &str, yaml: &str) -> String {
    let source = Arc::new(rescc::source::Source::new("t.yaml", yaml));
    let loaded = rescc::load::load_source(source).unwrap_or_else(|f| panic!("invalid:\n{}", f.diagnostics()));
    let found = rescc::rules::content_checks(&loaded.resume, TODAY);
    let rendered: Vec<String> = found.iter().filter(|d| d.rule == Some(rule)).map(|d| d.render()).collect();
    rendered.iter().map(|r| r.trim_end()).collect::<Vec<_>>().join("\n\n")
}

/// `fires` gives the golden findings of `rule`; `quiet` gives none.
fn case(rule: &str, fires: &str, quiet: &str) {
    let fired = findings(rule, fires);
    assert!(!fired.is_empty(), "{rule} did not fire");
    insta::assert_snapshot!(format!("{}_fires", rule.replace('-', "_")), fired);
    let quiet = findings(rule, quiet);
    assert!(quiet.is_empty(), "{rule} fired on the quiet case:\n{quiet}");
}

#[test]
fn margins_are_enforced_when_loading() {
    let source =
        |m: &str| Arc::new(rescc::source::Source::new("t.yaml", format!("name: A\nlayout:\n  margins: {m}\n")));
    let failure = rescc::load::load_source(source("0.3in")).err().expect("0.3in margins are refused");
    insta::assert_snapshot!("margins_fires", failure.diagnostics().to_string());
    let loaded = rescc::load::load_source(source("0.75in")).unwrap();
    assert!(rescc::rules::content_checks(&loaded.resume, TODAY).iter().all(|d| d.rule != Some("margins")));
}

#[test]
fn chronology() {
    case(
        "chronology",
        "name: A
experience:
  - { company: Older Co, role: Dev, start: 2015-01, end: 2018-12 }
  - { company: Newer Co, role: Dev, start: 2019-01, end: present }
  - { company: Future Co, role: Dev, start: 2027-09 }
education:
  - { institution: College, start: 2008, end: 2011 }
  - { institution: University, start: 2011, end: 2014 }
",
        "name: A
experience:
  - { company: Side Project Co, role: Maintainer, start: 2022-01 }
  - { company: Newer Co, role: Dev, start: 2019-01, end: present }
  - { company: Older Co, role: Dev, start: 2015-01, end: 2018-12 }
education:
  - { institution: University, start: 2011, end: 2014 }
  - { institution: College, end: 2011 }
  - { institution: Online course }
",
    );
}

#[test]
fn bullet_length() {
    case(
        "bullet-length",
        "name: A
projects:
  - name: p
    bullets:
      - Cut build times 40%.
      - Rebuilt the nightly reporting pipeline in Python and Airflow, replacing 14 cron jobs, 3 shell scripts and a spreadsheet macro, which cut report delivery from 6 hours to 40 minutes.
",
        // Exactly 12 and 20 words; a link counts as its label's words.
        "name: A
projects:
  - name: p
    bullets:
      - Cut warehouse API p95 latency from 1.2 s to 180 ms with caching.
      - Contributed a [batch span processor fix](https://github.com/open-telemetry/opentelemetry-go) that cut dropped spans by 90% under load for 3 teams.
",
    );
}

#[test]
fn weak_opening() {
    case(
        "weak-opening",
        "name: A
experience:
  - company: Acme
    role: Dev
    start: 2020-01
    bullets:
      - Responsible for the billing service that charges 40,000 customers a month across 3 regions.
      - Helped reduce checkout latency by 30% by moving session data from PostgreSQL to Redis.
      - Worked on the mobile app's offline mode, used by 12k field engineers on 2 continents.
",
        "name: A
experience:
  - company: Acme
    role: Dev
    start: 2020-01
    bullets:
      - Reduced checkout latency by 30% by moving session data from PostgreSQL to Redis.
      - Helpdesk automation in Python closed 2,000 tickets a month without an engineer's help.
      - Built the billing service that the team used for 40,000 customers a month.
",
    );
}

#[test]
fn action_verb() {
    case(
        "action-verb",
        "name: A
experience:
  - company: Old Co
    role: Dev
    start: 2018-01
    end: 2020-12
    bullets:
      - Lead a team of 4 engineers that shipped the payments API to 30 banks in 2 years.
      - Successfully launched a self-serve onboarding flow that lifted signups 25% in one quarter.
      - Various tasks across the stack, including 40 deployments and on-call support for 3 products.
",
        // Present tense in the current role; a past tense the list lacks; a hyphenated verb;
        // irregular pasts in an ended role (`found` is not the present of `founded`).
        "name: A
experience:
  - company: Now Co
    role: Dev
    start: 2021-01
    bullets:
      - Lead a team of 4 engineers that ships the payments API to 30 banks every quarter.
      - Sharded the 2 TB orders table across 8 PostgreSQL nodes, halving p99 write latency.
      - Co-led the migration of 40 services to Kubernetes, cutting hosting costs by 35%.
      - I built a fraud scoring service that blocks $1.2M in chargebacks a year.
  - company: Old Co
    role: Dev
    start: 2016-01
    end: 2020-12
    bullets:
      - Found and fixed 30 race conditions in the scheduler, cutting flaky test runs by 80%.
      - Kept the checkout API at 99.99% availability through 3 Black Friday peaks.
",
    );
}

#[test]
fn quantified() {
    case(
        "quantified",
        "name: A
experience:
  - company: Mixed Co
    role: Dev
    start: 2021-01
    bullets:
      - Cut p95 latency of the search API from 1.2 s to 180 ms with a Redis cache.
      - Rewrote the deployment pipeline in GitHub Actions so releases no longer needed manual steps.
  - company: Vague Co
    role: Dev
    start: 2018-01
    end: 2020-12
    bullets:
      - Built the customer portal in React and TypeScript for the insurance claims team.
      - Improved reliability of the nightly billing jobs by adding retries and alerting.
",
        // Every real-world form of a figure counts; a year alone does not make one, but a bullet
        // with one figure among years is quantified.
        "name: A
experience:
  - company: Figures Co
    role: Dev
    start: 2021-01
    bullets:
      - Assigned 840,000 orders a day.
      - Cut latency from 1.2 s to 180 ms.
      - Watched p95 closely.
      - Cut costs 40%.
      - Closed $50M+ in deals.
      - Grew throughput 3x.
      - Served 10M+ daily requests.
      - Kept 99.99% availability.
      - Onboarded 23k merchants.
      - Stored 2.1 million rows daily.
      - Halved the build time.
      - Led two teams since 2019.
",
    );
}

#[test]
fn bullets_per_role() {
    case(
        "bullets-per-role",
        "name: A
experience:
  - company: Thin Co
    role: Dev
    start: 2024-01
    bullets: [Built the 40-endpoint partner API in Go and PostgreSQL for 300 retailers.]
  - company: Long Co
    role: Dev
    start: 2016-01
    end: 2019-12
    bullets: [a 1, b 2, c 3, d 4, e 5, f 6]
",
        // An old role may be short; a recent one with 3 or 5 is right.
        "name: A
experience:
  - company: Recent Co
    role: Dev
    start: 2024-01
    bullets: [a 1, b 2, c 3]
  - company: Five Co
    role: Dev
    start: 2021-01
    end: 2023-12
    bullets: [a 1, b 2, c 3, d 4, e 5]
  - company: Old Co
    role: Dev
    start: 2012-01
    end: 2015-12
    bullets: [a 1]
",
    );
}

#[test]
fn summary() {
    case(
        "summary",
        "name: A
summary: >-
  Passionate team player and self-motivated problem solver who loves building
  great software for customers.
",
        // Tenure (`nine years`) is not a scale figure, but `840,000 orders a day` is.
        "name: A
skills:
  - { group: Data, items: [PostgreSQL] }
summary: >-
  Backend developer with nine years building APIs and event-driven services in Go.
  Runs the order routing platform, which assigns 840,000 orders a day on PostgreSQL.
",
    );
    let tenure =
        findings("summary", "name: A\nsummary: Go developer with nine years of experience. Ships APIs daily.\n");
    assert!(tenure.contains("no scale figure"), "{tenure}");
    // Ambiguous names count only in their own case: "rest" and "flux" are words, `REST` is not.
    let words = findings("summary", "name: A\nsummary: Keeps the flux of work at rest for 40 teams. Likes it.\n");
    assert!(words.contains("names no language or technology"), "{words}");
    let named = findings("summary", "name: A\nsummary: Builds REST services for 40 teams. Likes it.\n");
    assert!(!named.contains("names no language"), "{named}");
}

#[test]
fn skills_focus() {
    case(
        "skills-focus",
        "name: A
summary: Backend developer shipping Go, SQL and Kafka services. Handles 2 million events a day.
skills:
  - group: Skills
    items: [Go, SQL, Kafka, Java, Scala, Perl, Ruby, PHP, Elixir, Haskell, COBOL, Fortran, Lisp, Swift, Dart, Lua]
",
        // Backed by the summary, a bullet (`Dockerized`, `APIs`), a CamelCase name
        // (`PostgreSQL` shows SQL) or a certification.
        "name: A
summary: Backend developer shipping Go and Kafka services. Handles 2 million events a day.
experience:
  - company: Acme
    role: Dev
    start: 2020-01
    bullets:
      - Dockerized 12 REST APIs on PostgreSQL and Redis, deployed with Terraform to AWS.
      - Wrote gRPC contracts and OpenTelemetry tracing for 30 services.
certifications:
  - { name: Certified Kubernetes Administrator }
skills:
  - { group: Languages, items: [Go, SQL] }
  - { group: Data, items: [PostgreSQL, Redis, Kafka] }
  - { group: Infrastructure, items: [Docker, Kubernetes, Terraform, AWS, REST API, gRPC, OpenTelemetry] }
",
    );
    // Skills lists as people type them: any case, another name of the skill, several in one item.
    let typed = findings(
        "skills-focus",
        "name: A
summary: Data engineer writing Go and Golang services, Airflow DAGs and PySpark jobs for 40 analysts.
skills:
  - { group: Languages, items: [go, GO] }
  - { group: Data, items: [apache airflow, spark / pyspark] }
",
    );
    assert!(!typed.contains("appear"), "{typed}");
}

#[test]
fn gpa() {
    case(
        "gpa",
        "name: A
education:
  - { institution: State University, gpa: 3.2/4.0 }
  - { institution: College, gpa: '3.1' }
",
        // 3.5 and up shows; a 10-point CGPA is another system and is left alone.
        "name: A
education:
  - { institution: State University, gpa: 3.5/4.0 }
  - { institution: IIT, gpa: 8.1/10 }
",
    );
}

#[test]
fn headings() {
    case(
        "headings",
        "name: A
sections:
  - { title: My Journey, entries: [{ title: Started coding }] }
  - { title: Honours & Award, entries: [{ title: Dean's List }] }
",
        "name: A
sections:
  - { title: Open Source, entries: [{ title: sqlc }] }
  - { title: 'Honors & Awards:', entries: [{ title: Dean's List }] }
  - { title: VOLUNTEERING, entries: [{ title: Code Club }] }
",
    );
}

#[test]
fn contact() {
    case(
        "contact",
        "name: A
contact:
  phone: '1234'
  links:
    - { label: LinkedIn, url: 'https://www.linkedin.com/in/a' }
",
        "name: A
contact:
  email: a@example.com
  phone: '+44 7700 900123'
  links: [https://www.linkedin.com/in/a, https://a.dev]
",
    );
}

#[test]
fn pronouns() {
    case(
        "pronouns",
        "name: A
summary: I build reliable APIs in Go for 2 million users. My focus is latency.
projects:
  - name: p
    bullets:
      - Cut our build time from 20 to 4 minutes by caching 300 Docker layers.
      - We've migrated 12 services to Kubernetes, cutting hosting costs by 30%.
",
        // `US` is a country and `I/O` a word of its own.
        "name: A
projects:
  - name: p
    bullets:
      - Cut disk I/O by 40% for 3 US customers by batching writes in 64 KB pages.
",
    );
}

#[test]
fn checks_configure_severity_per_resume() {
    let yaml = "name: A\ncontact: {email: a@example.com}\nchecks:\n  contact: error\n  pronouns: off\n";
    let source = Arc::new(rescc::source::Source::new("t.yaml", yaml));
    let loaded = rescc::load::load_source(source).unwrap();
    let found = rescc::rules::content_checks(&loaded.resume, TODAY);
    assert!(found.iter().all(|d| d.rule != Some("pronouns")));
    let contact: Vec<_> = found.iter().filter(|d| d.rule == Some("contact")).collect();
    assert_eq!(contact.len(), 2, "no phone, no GitHub link");
    assert!(contact.iter().all(|d| d.severity == rescc::diag::Severity::Error));
}

/// False positives cost trust: the realistic fixtures get no error, and the example no warning.
#[test]
fn example_resume_is_clean() {
    let loaded = rescc::load::load(&fixture("example.yaml")).unwrap();
    let found: Vec<String> =
        rescc::rules::content_checks(&loaded.resume, rescc::cli::today()).iter().map(|d| d.render()).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    for name in ["hostile.yaml", "unicode.yaml", "overflow.yaml"] {
        let loaded = rescc::load::load(&fixture(name)).unwrap();
        let found = rescc::rules::content_checks(&loaded.resume, rescc::cli::today());
        assert!(found.iter().all(|d| d.severity == rescc::diag::Severity::Warning), "{name}");
    }
}

#[test]
fn check_exit_codes() {
    let run = |args: &[&str]| rescc(&root(), &[&["check"], args].concat());
    let clean = run(&["fixtures/example.yaml"]);
    assert_eq!((clean.status.code(), stderr(&clean).as_str()), (Some(0), "ok: no problems\n"));

    let warned = run(&["fixtures/rules/weak.yaml"]);
    assert_eq!(warned.status.code(), Some(0), "warnings alone pass");
    let err = stderr(&warned);
    assert!(err.contains("warning[quantified]: no bullet for `Acme Retail` has a figure"), "{err}");
    assert!(err.contains(" --> fixtures/rules/weak.yaml:") && err.contains("= help: "), "{err}");
    assert!(err.ends_with("\n23 warnings\n"), "{err}");

    let strict = run(&["fixtures/rules/weak.yaml", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).starts_with("error[contact]") && stderr(&strict).ends_with("\n23 errors\n"));

    let errors = run(&["fixtures/rules/errors.yaml"]);
    assert_eq!(errors.status.code(), Some(1), "{}", stderr(&errors));
    insta::assert_snapshot!("errors_text", stderr(&errors));

    let invalid = run(&["fixtures/invalid/email.yaml"]);
    assert_eq!(invalid.status.code(), Some(2));
    assert!(stderr(&invalid).ends_with("error: the input is invalid (1 error)\n"), "{}", stderr(&invalid));
}

#[test]
fn check_json_report() {
    let out = rescc(&root(), &["check", "fixtures/rules/errors.yaml", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "", "JSON mode prints only the report");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!((report["errors"].as_u64(), report["warnings"].as_u64()), (Some(1), Some(1)));
    insta::assert_snapshot!("json_report", stdout(&out));

    let invalid = rescc(&root(), &["check", "fixtures/invalid/email.yaml", "--format", "json"]);
    assert_eq!(invalid.status.code(), Some(2));
    insta::assert_snapshot!("json_invalid", stdout(&invalid));

    let clean = rescc(&root(), &["check", "fixtures/example.yaml", "--format", "json", "--strict"]);
    assert_eq!(clean.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_str(&stdout(&clean)).unwrap();
    assert_eq!(report["diagnostics"], serde_json::json!([]));
}

#[test]
fn build_prints_content_warnings_and_strict_stops_it() {
    let (dir, _) = staged("rules/weak.yaml");
    let out = rescc(dir.path(), &["build", "weak.yaml", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("warning[weak-opening]: `Responsible for` describes a duty"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();
    let strict = rescc(dir.path(), &["build", "weak.yaml", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(stderr(&strict).contains("error[weak-opening]"));
    assert!(!dir.path().join("out").exists(), "a failed strict build writes nothing");
}

#[test]
fn checks_naming_an_unknown_rule_or_a_guarantee_are_located_errors() {
    let yaml = "name: A\ncontact: {email: a@example.com}\nchecks:\n  bullet-lenght: warning\n  page-limit: off\n  margins: warning\n  verify: off\n  font-size: error\n  quantified: off\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
    for command in ["check", "build"] {
        let out = rescc(dir.path(), &[command, "r.yaml"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        for expected in [
            "error: unknown key `bullet-lenght` in checks\n  --> r.yaml:4:3",
            "= help: did you mean `bullet-length`?",
            "error: `page-limit` cannot be set in checks: rescc guarantees it (pages ≤ `max_pages`",
            " --> r.yaml:5:3",
            "= help: remove this line; the limit holds in every build, and `--force` writes a failing build anyway (exit code 1)",
            "error: `margins` cannot be set in checks: rescc guarantees it (0.5 in to 1 in)\n  --> r.yaml:6:3",
            "error: `verify` cannot be set in checks",
            " --> r.yaml:7:3",
            "error: `font-size` cannot be set in checks",
            " --> r.yaml:8:3",
            "error: the input is invalid (5 errors)",
        ] {
            assert!(err.contains(expected), "{command}: missing {expected:?} in:\n{err}");
        }
        // `quantified: off` is advice turned off.
        assert!(!err.contains(":9:"), "{err}");
        assert!(!dir.path().join("out").exists(), "nothing written");
    }
}

#[test]
fn the_readme_table_and_the_rule_listing_come_from_the_registry() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let table = rescc::rules::markdown_table();
    assert!(readme.contains(&table), "README.md's table of rules is out of date; it should read:\n{table}");
    let out = rescc(&root(), &["check", "--list-rules"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listing = stdout(&out);
    for rule in rescc::rules::RULES {
        let line = listing.lines().find(|l| l.split_whitespace().next() == Some(rule.id));
        let line = line.unwrap_or_else(|| panic!("`{}` is not listed:\n{listing}", rule.id));
        assert!(line.ends_with(&(rule.summary)()), "{line}");
        assert!(line.contains(rule.default.name()) && line.contains(rule.stage.name()), "{line}");
    }
    insta::assert_snapshot!("rule_listing", listing);
}

#[test]
fn source_date_epoch_pins_today() {
    let yaml = "name: A\nexperience:\n  - { company: Acme, role: Dev, start: 2024-03 }\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("r.yaml"), yaml).unwrap();
    let check = |epoch: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rescc"))
            .args(["check", "r.yaml"])
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // 2023-01-01: the role has not started yet; 2025-01-01: it has.
    assert!(check("1672531200").contains("`Acme` starts in Mar 2024, which is in the future"));
    assert!(!check("1735689600").contains("in the future"));
}
