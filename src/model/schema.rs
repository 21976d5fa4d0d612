//! How the resume's types are described to editors (`rescc schema`): JSON Schema for the
//! scalars the decoder parses from text, with patterns that accept exactly what it accepts, as
//! YAML 1.2 types them (a bare `2021` is a number).

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Value, json};

use super::{Date, End, Length, Level, Paper, SECTION_KEYS};
use crate::guidance::{FONT_SIZE_PT, GPA_MIN, MARGINS_IN, range};
use crate::source::Spanned;
use crate::text::URL_PATTERN;

/// A value's schema is its content's: spans exist only in memory.
impl<T: JsonSchema> JsonSchema for Spanned<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, years 1900 to 2200, as [`Date::parse`] accepts.
const DATE_PATTERN: &str = r"^(19[0-9]{2}|2[01][0-9]{2}|2200)(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$";

/// A number with a unit, as [`Length::parse`] accepts.
const LENGTH_PATTERN: &str = r"^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\s*(in|cm|mm|pt)\s*$";

/// `3.7/4.0` or a bare grade, as [`parse_gpa`] accepts.
const GPA_PATTERN: &str = r"^\s*[0-9]+(\.[0-9]+)?\s*(/\s*[0-9]+(\.[0-9]+)?\s*)?$";

/// The schemas of a date: the text form, and the bare year YAML reads as a number.
fn date_forms() -> Vec<Value> {
    vec![
        json!({ "type": "string", "pattern": DATE_PATTERN }),
        json!({ "type": "integer", "minimum": 1900, "maximum": 2200 }),
    ]
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, e.g. `2022-03`.",
            "anyOf": date_forms(),
        })
    }
}

impl JsonSchema for End {
    fn schema_name() -> Cow<'static, str> {
        "End".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut forms = date_forms();
        forms.push(json!({ "enum": ["present"] }));
        forms.push(json!({ "type": "string", "pattern": "^[Pp][Rr][Ee][Ss][Ee][Nn][Tt]$" }));
        json_schema!({
            "description": "When it ended: a date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) or `present`; omitted means present.",
            "anyOf": forms,
        })
    }
}

impl JsonSchema for Paper {
    fn schema_name() -> Cow<'static, str> {
        "Paper".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Paper size: `letter` (North America) or `a4` (everywhere else).",
            "anyOf": [
                { "enum": ["letter", "a4"] },
                { "type": "string", "pattern": "^([Uu][Ss]-)?[Ll][Ee][Tt][Tt][Ee][Rr]$|^[Aa]4$" },
            ],
        })
    }
}

impl JsonSchema for Length {
    fn schema_name() -> Cow<'static, str> {
        "Length".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": format!(
                "Page margins with a unit (`in`, `cm`, `mm` or `pt`), between {}in and {}in, e.g. `0.75in`.",
                MARGINS_IN.start(),
                MARGINS_IN.end()
            ),
            "type": "string",
            "pattern": LENGTH_PATTERN,
            "examples": ["0.75in", "2cm"],
        })
    }
}

impl JsonSchema for Level {
    fn schema_name() -> Cow<'static, str> {
        "Level".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "How a rule reports: `error` fails the build, `warning` only reports, `off` silences it.",
            "enum": ["error", "warning", "off", "warn", "false", false],
        })
    }
}

/// `layout.font_size`: within the guidance's sizes, written as a number or as text such as `10.5pt`.
pub(crate) fn font_size(_: &mut SchemaGenerator) -> Schema {
    let (lo, hi) = (*FONT_SIZE_PT.start(), *FONT_SIZE_PT.end());
    // The text form spells out the bounds, so they must be whole points a point apart.
    assert!(lo.fract() == 0.0 && hi == lo + 1.0, "the font-size pattern needs whole-point bounds");
    json_schema!({
        "description": format!("Body text size in points, {lo} to {hi}; recruiters and ATS expect {} pt.", range(&FONT_SIZE_PT)),
        "anyOf": [
            { "type": "number", "minimum": lo, "maximum": hi },
            { "type": "string", "pattern": format!(r"^\s*({lo}(\.[0-9]*)?|{hi}(\.0*)?)\s*(pt)?\s*$") },
        ],
    })
}

/// `layout.template`: a built-in layout's name, or a path to a `.typ` file.
pub(crate) fn template(_: &mut SchemaGenerator) -> Schema {
    let names: Vec<&str> = crate::layouts::BUILTIN.iter().map(|l| l.name).collect();
    json_schema!({
        "description": "A built-in layout (see `rescc layouts`), or a path to a `.typ` file relative to the resume.",
        "anyOf": [{ "enum": names }, { "type": "string", "pattern": r"\.typ$" }],
    })
}

/// `layout.order`: section keys, each at most once.
pub(crate) fn order(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "The order of the sections; sections left out follow in the default order.",
        "type": "array",
        "items": { "enum": SECTION_KEYS },
        "uniqueItems": true,
    })
}

/// `checks`: a severity per rule id; `schema::resume` names each rule, from the registry.
pub(crate) fn checks(generator: &mut SchemaGenerator) -> Schema {
    let level = generator.subschema_for::<Level>();
    json_schema!({
        "description": "Severity per guidance rule: `error`, `warning` or `off`.",
        "type": "object",
        "additionalProperties": level,
    })
}

/// Lets a mapping form also be written as one string (a bullet's text, a link's URL).
pub(crate) fn or_string(schema: &mut Schema, string: Value) {
    let mapping = std::mem::take(schema).to_value();
    let description = mapping.get("description").cloned();
    let mut combined = json!({ "anyOf": [string, mapping] });
    if let Some(description) = description {
        combined["description"] = description;
    }
    *schema = Schema::try_from(combined).expect("an object is a schema");
}

/// A bullet is its text, or a mapping with tags and a priority.
pub(crate) fn bullet_or_text(schema: &mut Schema) {
    or_string(schema, json!({ "type": "string", "minLength": 1 }));
}

/// A link is its URL, or a mapping with a label.
pub(crate) fn link_or_url(schema: &mut Schema) {
    or_string(schema, json!({ "type": "string", "pattern": URL_PATTERN }));
}

/// `education.gpa`: `3.7/4.0` as text, or a bare number on a 4.0 scale.
pub(crate) fn gpa(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": format!("Grade point average, e.g. `\"3.7/4.0\"`; show it only when {GPA_MIN}/4.0 or above."),
        "anyOf": [
            { "type": "string", "pattern": GPA_PATTERN },
            { "type": "number", "minimum": 0 },
            { "type": "null" },
        ],
    })
}
