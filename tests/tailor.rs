//! Job files and tailoring: which bullets each posting keeps, overrides applied, base untouched,
//! and located diagnostics for broken job files.

mod common;

use common::*;
use rescc::model::{Bullet, Resume};
use rescc::{job, load, tailor};

const JOBS: &[&str] = &["acme-payments", "data-platform", "platform-k8s"];

/// A readable summary of what a tailored resume holds, for the goldens.
fn outline(resume: &Resume, base: &Resume) -> String {
    let mut out = String::new();
    let text = |t: &Option<rescc::source::Text>| t.as_ref().map_or("-".to_string(), |t| t.value.clone());
    out += &format!("headline: {}\nsummary: {}\n", text(&resume.headline), text(&resume.summary));
    let pages = resume.layout.max_pages.as_ref().map_or("-".to_string(), |p| p.value.to_string());
    let order = resume
        .layout
        .order
        .as_ref()
        .map_or("-".to_string(), |o| o.iter().map(|k| k.value.as_str()).collect::<Vec<_>>().join(", "));
    out += &format!("max_pages: {pages}\norder: {order}\n");
    let bullets = |out: &mut String, name: &str, kept: &[Bullet], all: &[Bullet]| {
        *out += &format!("{name} ({} of {} bullets)\n", kept.len(), all.len());
        for b in kept {
            let words: Vec<&str> = b.text.split_whitespace().take(7).collect();
            let priority = b.priority.as_ref().map_or(String::new(), |p| format!(" [priority {}]", p.value));
            let tags: Vec<&str> = b.tags.iter().map(|t| t.value.as_str()).collect();
            *out += &format!("  - {} ...{priority} {tags:?}\n", words.join(" "));
        }
    };
    for (e, b) in resume.experience.iter().zip(&base.experience) {
        bullets(&mut out, &e.company, &e.bullets, &b.bullets);
    }
    for (p, b) in resume.projects.iter().zip(&base.projects) {
        bullets(&mut out, &p.name, &p.bullets, &b.bullets);
    }
    for group in &resume.skills {
        let items: Vec<&str> = group.items.iter().map(|i| i.value.as_str()).collect();
        out += &format!("skills {}: {}\n", group.group.value, items.join(", "));
    }
    out
}

#[test]
fn each_posting_keeps_its_bullets_and_overrides() {
    let base = load::load(&fixture("tagged.yaml")).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    let before = format!("{:?}", base.resume);
    for name in JOBS {
        let job = job::load(&fixture(&format!("jobs/{name}.yaml")), &fixture(""))
            .unwrap_or_else(|f| panic!("{}", f.diagnostics()));
        let tailored = tailor::apply(&base.resume, &job.job);
        insta::with_settings!({ snapshot_suffix => *name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("tailored", outline(&tailored, &base.resume));
        });
    }
    assert_eq!(format!("{:?}", base.resume), before, "the base resume is never modified");
}

#[test]
fn untagged_bullets_stay_and_a_job_without_tags_keeps_everything() {
    let base = load::load(&fixture("tagged.yaml")).unwrap().resume;
    let source = std::sync::Arc::new(rescc::source::Source::new(
        "jobs/any.yaml",
        "company: Any\ntitle: Engineer\nposting: Anything at all.\n",
    ));
    let any = job::load_source(source, &fixture("")).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    assert_eq!(any.job.id.value, "any", "the id defaults to the file stem");
    let tailored = tailor::apply(&base, &any.job);
    for (t, b) in tailored.experience.iter().zip(&base.experience) {
        assert_eq!(t.bullets.len(), b.bullets.len(), "{}", b.company.value);
        // Priority orders bullets within a role, highest first, otherwise as written.
        let priorities: Vec<i64> = t.bullets.iter().map(|b| b.priority.as_ref().map_or(0, |p| p.value)).collect();
        assert!(priorities.windows(2).all(|w| w[0] >= w[1]), "{priorities:?}");
    }
    let data = job::load(&fixture("jobs/data-platform.yaml"), &fixture("")).unwrap();
    let tailored = tailor::apply(&base, &data.job);
    let untagged = |r: &Resume| r.experience.iter().flat_map(|e| &e.bullets).filter(|b| b.tags.is_empty()).count();
    assert_eq!(untagged(&tailored), untagged(&base), "untagged bullets are always kept");
}

#[test]
fn tags_and_skills_match_case_insensitively_and_through_aliases() {
    let base = load::load(&fixture("tagged.yaml")).unwrap().resume;
    let source = std::sync::Arc::new(rescc::source::Source::new(
        "jobs/k.yaml",
        "company: K\ntitle: Platform Engineer\nposting: Kubernetes.\ntags: [KUBERNETES]\nskills_first: [postgresql, k8s]\n",
    ));
    let k = job::load_source(source, &fixture("")).unwrap_or_else(|f| panic!("{}", f.diagnostics()));
    let tailored = tailor::apply(&base, &k.job);
    let fieldstone = &tailored.experience[1];
    assert!(
        fieldstone.bullets.iter().any(|b| b.tags.iter().any(|t| t.value == "k8s")),
        "a `k8s` tag matches the job's `KUBERNETES`"
    );
    let data: Vec<&str> = tailored.skills[1].items.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(data[0], "Postgres", "`postgresql` moves `Postgres` first: {data:?}");
    let platform: Vec<&str> = tailored.skills[2].items.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(platform[0], "Kubernetes", "{platform:?}");
}

#[test]
fn each_invalid_job_file_has_its_golden_diagnostic() {
    let mut names: Vec<String> = std::fs::read_dir(fixture("jobs/invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let rel = format!("fixtures/jobs/invalid/{name}");
        let out = rescc(&root(), &["match", "fixtures/tagged.yaml", &rel]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(&format!("{rel}:")), "{name}: the diagnostic names file:line:col\n{err}");
        insta::with_settings!({ snapshot_suffix => name.trim_end_matches(".yaml"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("invalid_job", err);
        });
    }
}
