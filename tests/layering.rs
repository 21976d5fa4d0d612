//! The library's modules form one acyclic pipeline, and renderers see only the IR: read off the
//! `crate::` paths of every source file (in `use` lines and inline), comments left out.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

mod common;

/// What a renderer may import: the IR, fonts, diagnostics, and its own module.
const RENDERER_IMPORTS: &[&str] = &["ir", "fonts", "diag", "source", "render"];

/// The top-level modules each top-level module of `src/` names, `cli` and `main` aside.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut graph = BTreeMap::new();
    for (path, module) in sources() {
        if module == "cli" || module == "main" || module == "lib" {
            continue;
        }
        let named = crate_paths(&std::fs::read_to_string(&path).unwrap());
        let entry: &mut BTreeSet<String> = graph.entry(module.clone()).or_default();
        entry.extend(named.into_iter().filter(|m| *m != module));
    }
    graph
}

/// Every `.rs` file under `src/` with its top-level module (`src/rules/content.rs` is `rules`).
fn sources() -> Vec<(std::path::PathBuf, String)> {
    let src = common::root().join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let first = path.strip_prefix(&src).unwrap().components().next().unwrap();
                let module = Path::new(first.as_os_str()).file_stem().unwrap().to_string_lossy().into_owned();
                out.push((path, module));
            }
        }
    }
    out.sort();
    out
}

/// The first segment of every `crate::` path in code (`crate::{a, b::c}` names `a` and `b`).
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let code = code.split(" // ").next().unwrap_or(code);
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            match rest.strip_prefix('{') {
                Some(group) => {
                    let (mut depth, mut item) = (0, String::new());
                    for c in group.chars() {
                        match c {
                            '{' => depth += 1,
                            '}' if depth == 0 => break,
                            '}' => depth -= 1,
                            ',' if depth == 0 => {
                                found.insert(first_segment(&item));
                                item.clear();
                                continue;
                            }
                            _ => {}
                        }
                        item.push(c);
                    }
                    found.insert(first_segment(&item));
                }
                None => {
                    found.insert(first_segment(rest));
                }
            }
        }
    }
    found.retain(|m| !m.is_empty() && m != "self");
    found
}

fn first_segment(path: &str) -> String {
    path.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// A cycle through `from`, if the graph has one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node.to_string()) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_import_each_other_without_cycles() {
    let graph = imports();
    assert!(graph.len() > 15, "the source files were found: {graph:?}");
    if let Some(cycle) = cycle(&graph) {
        panic!("the modules import each other in a cycle: {}", cycle.join(" -> "));
    }
}

#[test]
fn renderers_import_only_the_ir_fonts_and_diagnostics() {
    for (path, module) in sources().into_iter().filter(|(_, m)| m == "render") {
        let named = crate_paths(&std::fs::read_to_string(&path).unwrap());
        let extra: Vec<&String> = named.iter().filter(|m| !RENDERER_IMPORTS.contains(&m.as_str())).collect();
        assert!(extra.is_empty(), "{} ({module}) imports {extra:?}", path.display());
    }
}

#[test]
fn the_reader_sees_grouped_and_inline_paths() {
    let text = "use crate::{fit, layouts::{self, BUILTIN}, rules};\n// crate::build in a comment\nlet x = crate::ir::build(); // crate::verify";
    let found: Vec<String> = crate_paths(text).into_iter().collect();
    assert_eq!(found, ["fit", "ir", "layouts", "rules"]);
    let graph: BTreeMap<String, BTreeSet<String>> =
        [("a", "b"), ("b", "c"), ("c", "a")].iter().map(|(k, v)| (k.to_string(), [v.to_string()].into())).collect();
    assert_eq!(cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}
