//! JSON Schemas for editors, generated from the model types.
//!
//! The decoder is the authority on what a resume may hold; the schema mirrors it so that an
//! editor (through `# yaml-language-server: $schema=...`) completes keys and flags mistakes
//! while typing. Scalars the decoder parses from text (dates, lengths, severities) get patterns
//! that accept exactly what it accepts, as YAML 1.2 types them (a bare `2021` is a number).

use schemars::JsonSchema;
use serde_json::{Value, json};

use crate::guidance::{self, BULLET_WORDS, BULLETS_PER_ROLE, MARGINS_IN, PAGES, SKILLS, SUMMARY_SENTENCES, range};
use crate::job::Job;
use crate::model::Resume;
use crate::rules::RULES;

/// The schema of a resume file (draft 7, which every YAML language server understands).
pub fn resume() -> Value {
    generate::<Resume>("rescc resume", |schema| {
        name_the_rules(schema);
        state_the_guidance(schema);
    })
}

/// The schema of a job file (`jobs/*.yaml`).
pub fn job() -> Value {
    generate::<Job>("rescc job", |_| {})
}

fn generate<T: JsonSchema>(title: &str, finish: fn(&mut Value)) -> Value {
    let mut schema = schemars::generate::SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut value = schema.to_value();
    finish(&mut value);
    allow_null_for_optional(&mut value);
    value
}

/// Puts the guidance's numbers into the descriptions editors show on hover, so they are the
/// numbers the rules check.
fn state_the_guidance(schema: &mut Value) {
    let (one, most) = (*PAGES.start(), *PAGES.end());
    let describe = [
        (
            "/properties/summary",
            format!(
                "{} sentences naming your main technologies and a figure for the scale of your work.",
                range(&SUMMARY_SENTENCES)
            ),
        ),
        (
            "/properties/skills",
            format!("Skills grouped by capability; about {} in all, each backed by a bullet.", range(&SKILLS)),
        ),
        (
            "/definitions/Experience/properties/bullets",
            format!(
                "{} bullets of {} words, each starting with an action verb and carrying a figure.",
                range(&BULLETS_PER_ROLE),
                range(&BULLET_WORDS)
            ),
        ),
        (
            "/definitions/Bullet/anyOf/1/properties/text",
            format!("{} words: an action verb, what you did, and a figure for the result.", range(&BULLET_WORDS)),
        ),
        (
            "/definitions/Layout/properties/margins",
            format!("Page margins, {}in to {}in, e.g. `0.75in`.", MARGINS_IN.start(), MARGINS_IN.end()),
        ),
        (
            "/definitions/Layout/properties/max_pages",
            format!(
                "{one} or {most}; by default {one} page below {} years of experience, else {most}.",
                guidance::SENIOR_YEARS
            ),
        ),
    ];
    for (pointer, description) in describe {
        let property = schema.pointer_mut(pointer).unwrap_or_else(|| panic!("the resume schema has {pointer}"));
        property["description"] = description.into();
    }
    let pages = &mut schema["definitions"]["Layout"]["properties"]["max_pages"];
    (pages["minimum"], pages["maximum"]) = (one.into(), most.into());
}

/// Lists every rule under `checks`, with its summary, and refuses other keys.
fn name_the_rules(schema: &mut Value) {
    let Some(checks) = schema.pointer_mut("/properties/checks") else { return };
    let level = checks["additionalProperties"].take();
    // A `$ref` with siblings is ignored by draft 7 readers, so the summary wraps it.
    let properties: serde_json::Map<String, Value> = RULES
        .iter()
        .filter(|rule| rule.adjustable())
        .map(|rule| (rule.id.to_string(), json!({ "allOf": [level.clone()], "description": (rule.summary)() })))
        .collect();
    checks["properties"] = Value::Object(properties);
    checks["additionalProperties"] = false.into();
}

/// The schema as pretty-printed JSON text, ending in a newline.
pub fn to_text(schema: &Value) -> String {
    serde_json::to_string_pretty(schema).expect("a schema serializes") + "\n"
}

/// Lets every optional property be `null`: the decoder reads `key:` with no value as absent.
fn allow_null_for_optional(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let required: Vec<String> = map
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(|k| k.as_str().map(String::from)).collect())
                .unwrap_or_default();
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                for (key, prop) in props.iter_mut() {
                    if !required.contains(key) && !accepts_null(prop) {
                        *prop = json!({ "anyOf": [prop.take(), { "type": "null" }] });
                    }
                }
            }
            map.values_mut().for_each(allow_null_for_optional);
        }
        Value::Array(items) => items.iter_mut().for_each(allow_null_for_optional),
        _ => {}
    }
}

fn accepts_null(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        _ => schema.get("anyOf").and_then(Value::as_array).is_some_and(|s| s.iter().any(accepts_null)),
    }
}
