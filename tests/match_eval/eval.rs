//! How `rescc match` does on the hand-labelled set in `fixtures/match-eval` (its README says
//! how the labels read): extraction precision and recall, the matched/aliased/missing
//! decisions, and the share of "use the posting's term" advice that is wrong. Shared by the
//! floor test (`tests/match_eval.rs`) and the bench that prints the figures (`benches/match.rs`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rescc::decode::scalar;
use rescc::source::Source;
use rescc::yaml::{Node, NodeKind};
use rescc::{job, keywords, load, tailor};

/// A form as the labels compare it: lower case, words split at hyphens, slashes and spaces, a
/// plural `s` dropped (`CI-CD` = `ci/cd`, `APIs` = `api`).
pub fn norm(form: &str) -> String {
    form.to_lowercase()
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '_'))
        .filter(|w| !w.is_empty())
        .map(|w| w.strip_suffix('s').filter(|s| s.len() >= 2).unwrap_or(w))
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Decision {
    Matched,
    Aliased,
    Missing,
}

/// A posting's hand labels: each term's forms (normalized), and the traps.
struct Labels {
    terms: Vec<BTreeSet<String>>,
    traps: Vec<String>,
}

/// One resume skill: the forms the resume writes and the other names of it.
struct Skill {
    written: BTreeSet<String>,
    names: BTreeSet<String>,
}

/// What went wrong where, for reading the figures.
#[derive(Debug, Default)]
pub struct Figures {
    pub extracted: usize,
    pub correct: usize,
    pub labelled: usize,
    pub recalled: usize,
    pub decisions: usize,
    pub right_decisions: usize,
    pub advice: usize,
    pub wrong_advice: usize,
    /// `posting: term` lines for false terms, missed terms and wrong decisions.
    pub false_terms: Vec<String>,
    pub missed_terms: Vec<String>,
    pub wrong_decisions: Vec<String>,
    pub wrong_advice_lines: Vec<String>,
}

impl Figures {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.extracted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.recalled, self.labelled)
    }
    pub fn decision_accuracy(&self) -> f64 {
        ratio(self.right_decisions, self.decisions)
    }
    pub fn wrong_advice_share(&self) -> f64 {
        if self.advice == 0 { 0.0 } else { self.wrong_advice as f64 / self.advice as f64 }
    }

    /// The summary, then with `MATCH_EVAL=verbose` every false term, missed term and wrong
    /// decision.
    pub fn print(&self) {
        println!("match evaluation: {}", self.summary());
        if std::env::var("MATCH_EVAL").is_ok_and(|v| v == "verbose") {
            for (title, lines) in [
                ("false terms", &self.false_terms),
                ("missed terms", &self.missed_terms),
                ("wrong decisions", &self.wrong_decisions),
                ("wrong advice", &self.wrong_advice_lines),
            ] {
                println!("\n{title} ({}):", lines.len());
                for line in lines {
                    println!("  {line}");
                }
            }
        }
    }

    pub fn summary(&self) -> String {
        format!(
            "extraction precision {:.3} ({}/{}), recall {:.3} ({}/{}); decisions {:.3} ({}/{}); wrong advice {:.1}% ({}/{})",
            self.precision(),
            self.correct,
            self.extracted,
            self.recall(),
            self.recalled,
            self.labelled,
            self.decision_accuracy(),
            self.right_decisions,
            self.decisions,
            100.0 * self.wrong_advice_share(),
            self.wrong_advice,
            self.advice,
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/match-eval")
}

fn parse(path: &Path) -> Node {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    rescc::yaml::parse(&Arc::new(Source::new(path.display().to_string(), text)))
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

fn get<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    let NodeKind::Map(pairs) = &node.kind else { return None };
    pairs.iter().find(|(k, _)| scalar(k) == Some(key)).map(|(_, v)| v)
}

fn strings(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.iter().filter_map(scalar).map(str::to_string).collect(),
        Some(NodeKind::Scalar { value, .. }) => vec![value.clone()],
        _ => Vec::new(),
    }
}

fn normed(forms: Vec<String>) -> BTreeSet<String> {
    forms.iter().map(|f| norm(f)).collect()
}

fn labels(path: &Path) -> Labels {
    let node = parse(path);
    let terms = match get(&node, "terms").map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.iter().map(|item| normed(strings(Some(item)))).collect(),
        _ => Vec::new(),
    };
    Labels { terms, traps: strings(get(&node, "traps")).iter().map(|t| norm(t)).collect() }
}

fn truth(path: &Path) -> Vec<Skill> {
    let node = parse(path);
    let Some(NodeKind::Seq(items)) = get(&node, "skills").map(|n| &n.kind) else { return Vec::new() };
    items
        .iter()
        .map(|item| {
            let written = normed(strings(get(item, "as")));
            let mut names = normed(strings(get(item, "also")));
            names.extend(written.iter().cloned());
            Skill { written, names }
        })
        .collect()
}

/// The decision the labels call for on a posting term (its forms) for a resume.
fn expected(forms: &BTreeSet<String>, skills: &[Skill]) -> Decision {
    let mut has = skills.iter().filter(|s| !s.names.is_disjoint(forms)).peekable();
    if has.peek().is_none() {
        return Decision::Missing;
    }
    if has.any(|s| !s.written.is_disjoint(forms)) { Decision::Matched } else { Decision::Aliased }
}

/// Files in `dir` ending in `suffix`, sorted, with the suffix cut off.
fn stems(dir: &Path, suffix: &str, skip: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(suffix) && !name.ends_with(skip))
        .map(|name| name[..name.len() - suffix.len()].to_string())
        .collect();
    out.sort();
    out
}

/// The terms `rescc match --format json` reports, from another build (`RESCC_BIN`, e.g. a
/// baseline's), so figures before and after a change come from the same set.
fn run_binary(bin: &std::ffi::OsStr, resume: &Path, job: &Path) -> Vec<(String, Decision)> {
    let out = std::process::Command::new(bin).arg("match").arg(resume).arg(job).args(["--format", "json"]).output();
    let out = out.unwrap_or_else(|e| panic!("{}: {e}", Path::new(bin).display()));
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{}: {e}", job.display()));
    let mut terms = Vec::new();
    for (key, decision) in
        [("matched", Decision::Matched), ("aliased", Decision::Aliased), ("missing", Decision::Missing)]
    {
        for term in json[key].as_array().into_iter().flatten() {
            terms.push((term["term"].as_str().unwrap_or_default().to_string(), decision));
        }
    }
    terms
}

/// Runs every resume against every posting: in this build, or in `RESCC_BIN`'s.
pub fn evaluate() -> Figures {
    let root = root();
    // `MATCH_EVAL_POSTINGS=dir` runs a set of postings held outside the repository instead.
    let postings_dir = std::env::var_os("MATCH_EVAL_POSTINGS").map_or_else(|| root.join("postings"), PathBuf::from);
    let postings = stems(&postings_dir, ".yaml", ".labels.yaml");
    let resumes = stems(&root.join("resumes"), ".yaml", ".truth.yaml");
    let mut figures = Figures::default();
    let loaded: Vec<_> = resumes
        .iter()
        .map(|name| {
            let path = root.join("resumes").join(format!("{name}.yaml"));
            let base = load::load(&path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
            (name, base, truth(&root.join("resumes").join(format!("{name}.truth.yaml"))))
        })
        .collect();
    for posting in &postings {
        let dir = postings_dir.clone();
        let labels = labels(&dir.join(format!("{posting}.labels.yaml")));
        let job_path = dir.join(format!("{posting}.yaml"));
        let job = job::load(&job_path, &dir).unwrap_or_else(|e| panic!("{posting}: {e:?}"));
        for (i, (resume, base, skills)) in loaded.iter().enumerate() {
            let reported = match std::env::var_os("RESCC_BIN") {
                Some(bin) => run_binary(&bin, &root.join("resumes").join(format!("{resume}.yaml")), &job_path),
                None => {
                    let report = keywords::report(&tailor::apply(&base.resume, &job.job), &job);
                    let matched = report.matched.into_iter().map(|m| (m.term, Decision::Matched));
                    let aliased = report.aliased.into_iter().map(|a| (a.term, Decision::Aliased));
                    matched
                        .chain(aliased)
                        .chain(report.missing.into_iter().map(|m| (m.term, Decision::Missing)))
                        .collect()
                }
            };
            // Which labelled term each reported term is; the first report of a term counts.
            let mut seen = vec![false; labels.terms.len()];
            let mut decided: Vec<Option<Decision>> = vec![None; labels.terms.len()];
            for (term, decision) in &reported {
                let n = norm(term);
                let which = labels.terms.iter().position(|forms| forms.contains(&n));
                let fresh = which.is_some_and(|w| !seen[w]);
                if i == 0 {
                    figures.extracted += 1;
                    if fresh {
                        figures.correct += 1;
                    } else {
                        let why = if labels.traps.contains(&n) { " (a trap)" } else { "" };
                        figures.false_terms.push(format!("{posting}: {term}{why}"));
                    }
                }
                if let Some(w) = which.filter(|_| fresh) {
                    seen[w] = true;
                    decided[w] = Some(*decision);
                }
                if *decision == Decision::Aliased {
                    figures.advice += 1;
                    let right = which
                        .filter(|_| fresh)
                        .is_some_and(|w| expected(&labels.terms[w], skills) == Decision::Aliased);
                    if !right {
                        figures.wrong_advice += 1;
                        figures.wrong_advice_lines.push(format!("{posting} x {resume}: use {term}"));
                    }
                }
            }
            for (w, forms) in labels.terms.iter().enumerate() {
                let shown = forms.iter().next().cloned().unwrap_or_default();
                if i == 0 {
                    figures.labelled += 1;
                    if seen[w] {
                        figures.recalled += 1;
                    } else {
                        figures.missed_terms.push(format!("{posting}: {shown}"));
                    }
                }
                let Some(decision) = decided[w] else { continue };
                figures.decisions += 1;
                let want = expected(forms, skills);
                if decision == want {
                    figures.right_decisions += 1;
                } else {
                    figures
                        .wrong_decisions
                        .push(format!("{posting} x {resume}: {shown} is {decision:?}, not {want:?}"));
                }
            }
        }
    }
    figures
}
