//! `rescc schema`: the JSON Schemas accept every valid fixture and reject the invalid ones they
//! can express, reading YAML the way editors do (YAML 1.2 core types).

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::{fixture, rescc, root, stdout};
use rescc::source::Source;
use rescc::yaml::{Node, NodeKind, parse as parse_yaml};
use serde_json::{Value, json};

/// Invalid fixtures whose problem no JSON Schema can see, and why.
const NOT_EXPRESSIBLE: &[(&str, &str)] = &[
    ("duplicate-key.yaml", "a JSON object keeps one value per key, so the duplicate is gone before validation"),
    ("end-before-start.yaml", "comparing two dates is semantic"),
    ("margins.yaml", "the 0.5in-1in range spans four units; the schema checks the form only"),
    ("syntax.yaml", "not YAML, so there is nothing to validate"),
];

/// A YAML file as the JSON an editor's YAML language server validates.
fn yaml_to_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let node = parse_yaml(&Arc::new(Source::new(path.display().to_string(), text))).unwrap();
    to_json(&node)
}

fn to_json(node: &Node) -> Value {
    match &node.kind {
        NodeKind::Scalar { value, quoted: true } => Value::String(value.clone()),
        NodeKind::Scalar { value, quoted: false } => plain_scalar(value),
        NodeKind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeKind::Map(pairs) => Value::Object(
            pairs
                .iter()
                .map(|(k, v)| {
                    (
                        if let NodeKind::Scalar { value, .. } = &k.kind { value.clone() } else { String::new() },
                        to_json(v),
                    )
                })
                .collect(),
        ),
    }
}

/// The YAML 1.2 core schema: null, booleans, integers and floats; everything else is text.
fn plain_scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return json!(true),
        "false" | "False" | "FALSE" => return json!(false),
        _ => {}
    }
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && let Ok(n) = text.parse::<i64>()
    {
        return json!(n);
    }
    let float = digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && digits.bytes().any(|b| b.is_ascii_digit());
    match text.parse::<f64>() {
        Ok(n) if float => json!(n),
        _ => Value::String(text.to_string()),
    }
}

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&rescc::schema::resume()).expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn schema_is_a_valid_draft_7_schema() {
    let schema = rescc::schema::resume();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert!(jsonschema::meta::is_valid(&schema), "the schema breaks the draft 7 meta-schema");
    // The command prints the same schema.
    let out = rescc(&root(), &["schema"]);
    assert!(out.status.success());
    assert_eq!(serde_json::from_str::<Value>(&stdout(&out)).unwrap(), schema);
}

#[test]
fn schema_accepts_every_valid_fixture() {
    let validator = validator();
    let mut files = yaml_files(&root().join("fixtures"));
    files.extend(yaml_files(&root().join("fixtures/rules")));
    files.push(fixture("custom/resume.yaml"));
    files.push(root().join("templates/resume.yaml"));
    assert!(files.len() > 5);
    for file in files {
        let errors = errors(&validator, &yaml_to_json(&file));
        assert!(errors.is_empty(), "{} is valid but the schema rejects it:\n{}", file.display(), errors.join("\n"));
    }
    // So is what `rescc import` makes of the JSON Resume sample.
    let json = std::fs::read_to_string(fixture("jsonresume/sample.json")).unwrap();
    let (yaml, _) = rescc::formats::import(&Arc::new(Source::new("sample.json", json))).unwrap();
    let imported = tempfile::tempdir().unwrap();
    std::fs::write(imported.path().join("resume.yaml"), yaml).unwrap();
    let errors = errors(&validator, &yaml_to_json(&imported.path().join("resume.yaml")));
    assert!(errors.is_empty(), "the imported sample is valid but the schema rejects it:\n{}", errors.join("\n"));
}

#[test]
fn schema_rejects_the_invalid_fixtures() {
    let validator = validator();
    for file in yaml_files(&fixture("invalid")) {
        let name = file.file_name().unwrap().to_str().unwrap();
        if name == "syntax.yaml" {
            continue;
        }
        let valid = validator.is_valid(&yaml_to_json(&file));
        match NOT_EXPRESSIBLE.iter().find(|(n, _)| *n == name) {
            // Listed as beyond a schema: if the schema learns to see it, shorten the list.
            Some((_, why)) => assert!(valid, "{name} is rejected now; remove it from NOT_EXPRESSIBLE ({why})"),
            None => assert!(!valid, "the schema accepts {name}, which the decoder rejects"),
        }
    }
}

/// Invalid job files whose problem no JSON Schema can see, and why.
const JOB_NOT_EXPRESSIBLE: &[(&str, &str)] =
    &[("posting-file.yaml", "whether the named file exists is not in the YAML")];

#[test]
fn job_schema_accepts_valid_job_files_and_rejects_invalid_ones() {
    let schema = rescc::schema::job();
    assert!(jsonschema::meta::is_valid(&schema));
    let out = rescc(&root(), &["schema", "job"]);
    assert_eq!(serde_json::from_str::<Value>(&stdout(&out)).unwrap(), schema);
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut valid = yaml_files(&fixture("jobs"));
    valid.push(root().join("templates/job.yaml"));
    for file in valid {
        let errors = errors(&validator, &yaml_to_json(&file));
        assert!(errors.is_empty(), "{} is valid but the job schema rejects it:\n{}", file.display(), errors.join("\n"));
    }
    for file in yaml_files(&fixture("jobs/invalid")) {
        let name = file.file_name().unwrap().to_str().unwrap();
        let valid = validator.is_valid(&yaml_to_json(&file));
        match JOB_NOT_EXPRESSIBLE.iter().find(|(n, _)| *n == name) {
            Some((_, why)) => assert!(valid, "{name} is rejected now; remove it from JOB_NOT_EXPRESSIBLE ({why})"),
            None => assert!(!valid, "the job schema accepts {name}, which the decoder rejects"),
        }
    }
}

#[test]
fn schema_matches_the_decoder_on_scalar_forms() {
    let validator = validator();
    let base = json!({ "name": "Priya Raman" });
    let with = |path: &[&str], value: Value| {
        let mut doc = base.clone();
        let mut at = &mut doc;
        for key in &path[..path.len() - 1] {
            at = at.as_object_mut().unwrap().entry(key.to_string()).or_insert(json!({}));
        }
        at[path[path.len() - 1]] = value;
        doc
    };
    let job = |start: Value, end: Value| json!({ "name": "P", "experience": [{ "company": "C", "role": "R", "start": start, "end": end }] });
    let accepted = [
        job(json!("2022-03"), json!("present")),
        job(json!(2021), json!("Present")),
        job(json!("2024-02-29"), json!("2024-03-01")),
        job(json!("2020"), Value::Null),
        with(&["layout", "margins"], json!("0.75in")),
        with(&["layout", "margins"], json!("2 cm")),
        with(&["layout", "font_size"], json!(10.5)),
        with(&["layout", "font_size"], json!("11pt")),
        with(&["layout", "paper"], json!("A4")),
        with(&["layout", "paper"], json!("us-letter")),
        with(&["layout", "template"], json!("my/layout.typ")),
        with(&["layout", "max_pages"], json!(2)),
        with(&["checks", "bullet-length"], json!("off")),
        with(&["checks", "quantified"], json!(false)),
        with(&["contact", "links"], json!(["github.com/priya", { "label": "Site", "url": "https://priya.dev" }])),
        with(&["contact", "email"], Value::Null),
        with(&["experience"], Value::Null),
    ];
    for doc in &accepted {
        assert!(validator.is_valid(doc), "rejected: {doc}\n{}", errors(&validator, doc).join("\n"));
    }
    let rejected = [
        job(json!("2022-3"), json!("present")),
        job(json!("2022-03"), json!("now")),
        job(json!(1850), Value::Null),
        with(&["layout", "margins"], json!("0.75")),
        with(&["layout", "font_size"], json!(12)),
        with(&["layout", "paper"], json!("a5")),
        with(&["layout", "max_pages"], json!(0)),
        with(&["checks", "no-such-rule"], json!("off")),
        with(&["contact", "links"], json!([{ "label": "Site" }])),
        with(&["contact", "email"], json!("priya@example")),
        json!({ "headline": "no name" }),
        json!({ "name": "" }),
    ];
    for doc in &rejected {
        assert!(!validator.is_valid(doc), "accepted: {doc}");
    }
}

#[test]
fn the_schema_states_the_guidance_numbers_the_rules_check() {
    use rescc::guidance::*;
    let schema = rescc::schema::resume();
    let text = serde_json::to_string(&schema).unwrap();
    for needle in [
        format!("{} sentences naming", range(&SUMMARY_SENTENCES)),
        format!("about {} in all", range(&SKILLS)),
        format!("{} bullets of {} words", range(&BULLETS_PER_ROLE), range(&BULLET_WORDS)),
        format!("between {}in and {}in", MARGINS_IN.start(), MARGINS_IN.end()),
        format!("only when {GPA_MIN}/4.0"),
        format!("below {SENIOR_YEARS} years"),
    ] {
        assert!(text.contains(&needle), "the schema does not say {needle:?}");
    }
    let layout = &schema["definitions"]["Layout"]["properties"];
    assert_eq!(layout["max_pages"]["maximum"], serde_json::json!(*PAGES.end()));
    assert!(text.contains(&format!("\"maximum\":{}", FONT_SIZE_PT.end())), "the font size bound");
}
