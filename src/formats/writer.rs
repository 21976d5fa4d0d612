//! The YAML writer of `rescc import`: a converted JSON Resume as a rescc resume file, with
//! `# not mapped:` comments, every scalar written so that YAML reads it back as the same text.

use std::fmt::Write as _;

use super::Value;
use crate::yaml::{Node, NodeKind};

impl Value {
    /// The value as a rescc YAML document, with `# not mapped:` comments.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        if let Value::Map(pairs, _, notes) = self {
            write_notes(&mut out, notes, 0);
            write_pairs(&mut out, pairs, 0);
        }
        out
    }
}

fn write_notes(out: &mut String, notes: &[String], indent: usize) {
    for note in notes {
        let _ = writeln!(out, "{:indent$}# not mapped: {note}", "");
    }
}

fn write_pairs(out: &mut String, pairs: &[(&str, Value)], indent: usize) {
    for (i, (key, value)) in pairs.iter().enumerate() {
        // The first key of a list item shares the `- ` line.
        let pad = if i == 0 && out.ends_with("- ") { 0 } else { indent };
        let _ = write!(out, "{:pad$}{key}:", "");
        write_value(out, value, indent);
    }
}

/// Writes a value after `key:` (or after `- `), ending with a newline.
fn write_value(out: &mut String, value: &Value, indent: usize) {
    match value {
        // Lines (a summary's list) as a literal block, which YAML reads back byte for byte.
        Value::Text(text, _) if block_safe(text) => {
            out.push_str(" |-\n");
            for line in text.lines() {
                let _ = writeln!(out, "{:1$}{line}", "", indent + 2);
            }
        }
        Value::Text(text, _) => {
            let _ = writeln!(out, " {}", yaml_scalar(text));
        }
        Value::List(items, _) if items.iter().all(|v| matches!(v, Value::Text(..))) && short(items) => {
            let items: Vec<String> = items.iter().map(flow_scalar).collect();
            let _ = writeln!(out, " [{}]", items.join(", "));
        }
        Value::List(items, _) => {
            out.push('\n');
            for item in items {
                if let Value::Map(_, _, notes) = item {
                    write_notes(out, notes, indent + 2);
                }
                let _ = write!(out, "{:1$}- ", "", indent + 2);
                match item {
                    Value::Map(pairs, _, _) => write_pairs(out, pairs, indent + 4),
                    Value::Text(text, _) => {
                        let _ = writeln!(out, "{}", yaml_scalar(text));
                    }
                    Value::List(..) | Value::Raw(_) => write_value(out, item, indent + 4),
                }
            }
        }
        Value::Map(pairs, _, notes) => {
            out.push('\n');
            write_notes(out, notes, indent + 2);
            write_pairs(out, pairs, indent + 2);
        }
        Value::Raw(node) => write_raw(out, node, indent),
    }
}

/// A setting written for rescc (`meta.rescc`) as it was written: a number stays a number.
fn write_raw(out: &mut String, node: &Node, indent: usize) {
    match &node.kind {
        NodeKind::Scalar { value, quoted } => {
            let value = if *quoted || value.contains(['\n', '#']) { yaml_scalar(value) } else { value.clone() };
            let _ = writeln!(out, " {value}");
        }
        NodeKind::Seq(items) => {
            out.push('\n');
            for item in items {
                let _ = write!(out, "{:1$}-", "", indent + 2);
                write_raw(out, item, indent + 4);
            }
        }
        NodeKind::Map(pairs) => {
            out.push('\n');
            for (key, value) in pairs {
                let key = match &key.kind {
                    NodeKind::Scalar { value, .. } => yaml_scalar(value),
                    _ => continue,
                };
                let _ = write!(out, "{:1$}{key}:", "", indent + 2);
                write_raw(out, value, indent + 2);
            }
        }
    }
}

/// Whether a text of several lines reads back the same as a literal block: no line starts
/// with a space or ends with one, none is empty, and no other control character is in it.
fn block_safe(text: &str) -> bool {
    text.contains('\n')
        && text.lines().all(|line| {
            !line.is_empty() && line.trim() == line && !line.chars().any(char::is_control) && !line.starts_with('#')
        })
}

/// Whether a list of texts reads well on one line (`[Go, Python, SQL]`).
fn short(items: &[Value]) -> bool {
    items.iter().map(|v| if let Value::Text(t, _) = v { t.len() + 2 } else { 80 }).sum::<usize>() <= 60
}

fn flow_scalar(value: &Value) -> String {
    let Value::Text(text, _) = value else { return String::new() };
    // Flow collections give `,`, `[`, `]`, `{` and `}` meaning too.
    if text.contains([',', '[', ']', '{', '}']) { quoted(text) } else { yaml_scalar(text) }
}

/// A string as a YAML scalar: plain when YAML reads it back as the same text, else quoted.
pub fn yaml_scalar(text: &str) -> String {
    let special_start = text.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace());
    let plain = !text.is_empty()
        && !special_start
        && !text.ends_with(|c: char| c.is_whitespace() || c == ':')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.chars().any(char::is_control)
        && !looks_typed(text);
    if plain { text.to_string() } else { quoted(text) }
}

fn quoted(text: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar.
    serde_json::to_string(text).expect("a string serializes")
}

/// Whether YAML (1.1 or 1.2) would read a plain scalar as null, a boolean or a number.
fn looks_typed(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    matches!(lower.as_str(), "~" | "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n")
        || lower.trim_start_matches(['+', '-']).replace('_', "").parse::<f64>().is_ok()
        || lower.starts_with("0x")
        || lower.starts_with("0o")
        || matches!(lower.trim_start_matches(['+', '-']), ".inf" | ".nan")
}
