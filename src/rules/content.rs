//! The rules that read what the resume says, not how it is typeset: fast enough for every save.
//!
//! Each rule is one function over a [`Checker`]; each finding points at the words it is about (a
//! bullet, the opening verb, a skill) and says what to write instead.

use std::ops::Range;

use super::finding;
use super::vocab::{self, FIGURE_HINTS, VERBS, Word};
use crate::decode::did_you_mean;
use crate::diag::Diagnostic;
use crate::guidance::{self, BULLET_WORDS, BULLETS_PER_ROLE, GPA_MIN, SKILLS, SKILLS_SLACK, SUMMARY_SENTENCES, range};
use crate::lexicon::LEXICON;
use crate::model::{Bullet, Date, End, Resume, parse_gpa};
use crate::source::{Span, Text};
use crate::text;

/// The resume being checked, as of `today`, and the findings so far.
pub struct Checker<'a> {
    resume: &'a Resume,
    today: Date,
    out: Vec<Diagnostic>,
}

/// A list of bullets and what the rules need to know about their entry.
struct Bullets<'a> {
    bullets: &'a [Bullet],
    /// Whether the role (or project) is ongoing, where present tense is right.
    current: bool,
    /// The company of an experience entry, whose bullets are also judged together.
    role: Option<&'a Text>,
}

impl<'a> Checker<'a> {
    pub fn new(resume: &'a Resume, today: Date) -> Self {
        Checker { resume, today, out: Vec::new() }
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        self.out
    }

    /// Records a finding of rule `id` at `span`, at the severity the resume configures.
    fn report(&mut self, id: &'static str, span: Span, message: impl Into<String>, help: impl Into<String>) {
        if let Some(d) = finding(self.resume, id, message.into()) {
            self.out.push(d.with_help(help).at(span));
        }
    }

    /// Every list of bullets: of each role, project and custom entry.
    fn bullet_lists(&self) -> Vec<Bullets<'a>> {
        let resume = self.resume;
        let ongoing = |end: &Option<crate::source::Spanned<End>>| end.as_ref().is_none_or(|e| e.value == End::Present);
        let mut lists = Vec::new();
        for job in &resume.experience {
            lists.push(Bullets { bullets: &job.bullets, current: ongoing(&job.end), role: Some(&job.company) });
        }
        for project in &resume.projects {
            lists.push(Bullets { bullets: &project.bullets, current: ongoing(&project.end), role: None });
        }
        for entry in resume.sections.iter().flat_map(|s| &s.entries) {
            let current = match &entry.end {
                Some(end) => end.value == End::Present,
                None => entry.date.is_none(),
            };
            lists.push(Bullets { bullets: &entry.bullets, current, role: None });
        }
        lists
    }
}

/// Where the words `range` of `text` are in the source: exact for plain and folded scalars
/// (their words are copied verbatim), the whole value otherwise.
fn sub_span(text: &Text, range: Range<usize>) -> Span {
    let locate = |at: usize, len: usize| {
        let raw = text.span.text()?;
        let needle = text.value.get(at..at + len)?;
        let nth = text.value[..at].matches(needle).count();
        raw.match_indices(needle).nth(nth).map(|(found, _)| text.span.start() + found)
    };
    let first_word = text.value[range.clone()].split_whitespace().next().unwrap_or_default();
    let last_word = text.value[range.clone()].split_whitespace().next_back().unwrap_or_default();
    let start = locate(range.start, first_word.len());
    let end = locate(range.end - last_word.len(), last_word.len()).map(|at| at + last_word.len());
    match (start, end) {
        (Some(start), Some(end)) if start < end => text.span.with_range(start..end),
        _ => text.span.clone(),
    }
}

/// The first line of a value, so a finding about a whole paragraph shows one line.
fn first_line(text: &Text) -> Span {
    let raw = text.span.text().unwrap_or_default();
    let start = raw.len() - raw.trim_start().len();
    let end = raw[start..].find('\n').map_or(raw.trim_end().len(), |n| start + n);
    text.span.with_range(text.span.start() + start..text.span.start() + end.max(start))
}

/// `contact`: an email, a plausible phone number and a link that is not only a social profile.
pub fn contact(c: &mut Checker) {
    let resume = c.resume;
    let contact = &resume.contact;
    let first = [&contact.email, &contact.phone, &contact.location].into_iter().flatten().next();
    let anchor = first.map_or(resume.name.span.clone(), |t| t.span.clone());
    if contact.email.is_none() {
        c.report("contact", anchor.clone(), "no email address", "add `contact.email`; it is how most recruiters reply");
    }
    const PHONE_HELP: &str = "write the number with its country code, e.g. `+44 7700 900123`";
    match &contact.phone {
        None => c.report("contact", anchor.clone(), "no phone number", PHONE_HELP),
        Some(phone) if phone.chars().filter(char::is_ascii_digit).count() < 7 => {
            let message = format!("`{}` does not look like a phone number", phone.value);
            c.report("contact", phone.span.clone(), message, PHONE_HELP);
        }
        Some(_) => {}
    }
    let portfolio = contact.links.iter().any(|link| {
        let shown = crate::ir::display_url(&link.url).to_lowercase();
        !vocab::SOCIAL_HOSTS.iter().any(|host| shown == *host || shown.starts_with(&format!("{host}/")))
    });
    if !portfolio {
        let at = contact.links.last().map_or(anchor, |l| l.url.span.clone());
        let help = "add `https://github.com/<you>` (or your site) to `contact.links`; reviewers look for code";
        c.report("contact", at, "no GitHub or portfolio link", help);
    }
}

/// `summary`: 2–3 sentences naming a technology and a scale figure, without filler.
pub fn summary(c: &mut Checker) {
    let Some(summary) = &c.resume.summary else { return };
    let text = &summary.value;
    let lower = text.to_lowercase();
    let whole = first_line(summary);
    let sentences = text::sentences(text).len();
    if !SUMMARY_SENTENCES.contains(&sentences) {
        let aim = range(&SUMMARY_SENTENCES);
        let help = if sentences < *SUMMARY_SENTENCES.start() {
            format!(
                "write {aim} sentences: who you are and your stack, your biggest result with a figure, what you want next"
            )
        } else {
            format!("keep the {aim} strongest sentences; recruiters read the first lines only")
        };
        let plural = if sentences == 1 { "" } else { "s" };
        c.report(
            "summary",
            whole.clone(),
            format!("the summary has {sentences} sentence{plural}; aim for {aim}"),
            help,
        );
    }
    let mut skills = c.resume.skills.iter().flat_map(|g| &g.items);
    let named = skills.any(|skill| vocab::mentions(text, &lower, skill))
        || LEXICON.technologies().any(|(term, strict)| match strict {
            true => text::word_matches(text, term, text::ends_word).next().is_some(),
            false => vocab::mentions(text, &lower, term),
        });
    if !named {
        c.report(
            "summary",
            whole.clone(),
            "the summary names no language or technology",
            "name your main stack, e.g. `building APIs in Go and PostgreSQL`",
        );
    }
    let words = vocab::words(text);
    let scale = words.iter().enumerate().any(|(i, w)| {
        // "nine years" is tenure, not scale.
        let next = words.get(i + 1).map(|n| n.text.to_lowercase()).unwrap_or_default();
        vocab::is_figure(w.text) && !next.starts_with("year") && !next.starts_with("yr")
    });
    if !scale {
        c.report(
            "summary",
            whole,
            "the summary has no scale figure",
            "add the size of what you run or built, e.g. `840,000 orders a day` or `$2M a day`",
        );
    }
    for filler in vocab::FILLER.iter() {
        let Some(at) = text::find_word(&lower, filler) else { continue };
        let span = sub_span(summary, at..at + filler.len());
        c.report(
            "summary",
            span,
            format!("`{}` is filler", &text[at..at + filler.len()]),
            "show it instead: replace the claim with a result and a figure",
        );
    }
}

/// `bullet-length`: 12–20 words.
pub fn bullet_length(c: &mut Checker) {
    for list in c.bullet_lists() {
        for bullet in list.bullets {
            let text = &bullet.text;
            let words = vocab::words(text).len();
            if BULLET_WORDS.contains(&words) || words == 0 {
                continue;
            }
            let help = if words < *BULLET_WORDS.start() {
                format!("say what changed and by how much: add {}", figure_hint(&text.to_lowercase()))
            } else {
                "keep one result per bullet and cut the rest; two lines at most".to_string()
            };
            let message = format!("bullet has {words} words; aim for {}", range(&BULLET_WORDS));
            c.report("bullet-length", text.span.clone(), message, help);
        }
    }
}

/// The duty-style phrase a bullet opens with, if any.
fn weak_phrase(words: &[Word]) -> Option<&'static [&'static str]> {
    vocab::WEAK_OPENINGS
        .iter()
        .find(|phrase| {
            phrase.len() <= words.len() && phrase.iter().zip(words).all(|(p, w)| w.text.eq_ignore_ascii_case(p))
        })
        .map(Vec::as_slice)
}

/// `weak-opening`: not "Responsible for", "Worked on", "Helped"...
pub fn weak_opening(c: &mut Checker) {
    for list in c.bullet_lists() {
        for bullet in list.bullets {
            let text = &bullet.text;
            let words = vocab::words(text);
            let Some(phrase) = weak_phrase(&words) else { continue };
            let n = phrase.len();
            let range = words[0].range.start..words[n - 1].range.end;
            let said = &text.value[range.clone()];
            // "Helped reduce ..." and "Responsible for managing ..." already name the verb.
            let next = words.get(n).map(|w| w.text.to_lowercase()).unwrap_or_default();
            let help = match VERBS.present.get(next.as_str()) {
                Some(past) => {
                    let verb = vocab::capitalize(past);
                    format!("start with what you did: `{verb}` instead of `{said} {}`", words[n].text)
                }
                None => format!(
                    "start with what you did and its result, with a verb such as {}",
                    VERBS.suggest(&text.to_lowercase())
                ),
            };
            let span = sub_span(text, range);
            c.report("weak-opening", span, format!("`{said}` describes a duty, not a result"), help);
        }
    }
}

/// `action-verb`: the first word is a known past-tense verb, or a present one in a current role.
/// A bullet that opens weakly is `weak-opening`'s finding alone.
pub fn action_verb(c: &mut Checker) {
    for list in c.bullet_lists() {
        for bullet in list.bullets {
            let text = &bullet.text;
            let words = vocab::words(text);
            if weak_phrase(&words).is_none() {
                action_verb_of(c, text, &words, list.current);
            }
        }
    }
}

fn action_verb_of(c: &mut Checker, text: &Text, words: &[Word], current: bool) {
    // "I built ..." is the pronouns rule's finding; the verb is the next word.
    let Some(first) = words.iter().find(|w| !is_pronoun(w.text)) else { return };
    let word = first.text.to_lowercase();
    // `Co-led`, `Re-architected`: the verb is the last part.
    let verb = word.rsplit('-').next().unwrap_or(&word);
    let span = sub_span(text, first.range.clone());
    if VERBS.past.contains(word.as_str()) || VERBS.past.contains(verb) {
        return;
    }
    if let Some(past) = VERBS.present.get(word.as_str()).or_else(|| VERBS.present.get(verb)) {
        if !current {
            c.report(
                "action-verb",
                span,
                format!("`{}` is present tense in a role that has ended", first.text),
                format!("write `{}`; present tense is for the current role", vocab::capitalize(past)),
            );
        }
        return;
    }
    // A past tense the list does not know (`Sharded`, `Dockerized`) is still an action verb.
    if verb.ends_with("ed") && verb.len() > 4 {
        return;
    }
    // "Successfully launched ...": the verb is already there, behind an adverb.
    let next = words.iter().skip_while(|w| w.range != first.range).nth(1).map(|w| w.text.to_lowercase());
    let help = match next.filter(|n| word.ends_with("ly") && VERBS.past.contains(n.as_str())) {
        Some(verb) => format!("drop `{}` and start with `{}`", first.text, vocab::capitalize(&verb)),
        None => format!("lead with a strong past-tense verb such as {}", VERBS.suggest(&text.to_lowercase())),
    };
    c.report("action-verb", span, format!("bullet starts with `{}`, not an action verb", first.text), help);
}

/// `quantified`: each bullet carries a figure; a role with none at all is one finding.
pub fn quantified(c: &mut Checker) {
    for list in c.bullet_lists() {
        let figures: Vec<bool> =
            list.bullets.iter().map(|b| vocab::words(&b.text).iter().any(|w| vocab::is_figure(w.text))).collect();
        if let Some(company) = list.role.filter(|_| !figures.is_empty() && !figures.contains(&true)) {
            let n = list.bullets.len();
            let lower: String = list.bullets.iter().map(|b| b.text.to_lowercase() + " ").collect();
            c.report(
                "quantified",
                company.span.clone(),
                format!("no bullet for `{}` has a figure ({n} bullet{})", company.value, if n == 1 { "" } else { "s" }),
                format!("a role without numbers reads as a list of duties; add {}", figure_hint(&lower)),
            );
            continue;
        }
        for (bullet, _) in list.bullets.iter().zip(figures).filter(|(_, figure)| !figure) {
            let help = format!("add {}", figure_hint(&bullet.text.to_lowercase()));
            c.report("quantified", bullet.text.span.clone(), "bullet has no figure", help);
        }
    }
}

/// `pronouns`: the first first-person pronoun of the summary and of each bullet.
pub fn pronouns(c: &mut Checker) {
    let bullets: Vec<&Text> = c.bullet_lists().iter().flat_map(|l| l.bullets).map(|b| &b.text).collect();
    for text in c.resume.summary.iter().chain(bullets) {
        let Some(word) = vocab::words(&text.value).into_iter().find(|w| is_pronoun(w.text)) else { continue };
        let span = sub_span(text, word.range.clone());
        let help = match word.text.to_lowercase().starts_with(['i', 'm']) {
            true => "drop it and start with the verb: `Built ...`, not `I built ...`",
            false => "say what you did yourself, with your own verb and result, not what the team did",
        };
        c.report("pronouns", span, format!("first-person `{}`", word.text), help);
    }
}

/// `bullets-per-role`: 3–5 for a recent role, never more than 5.
pub fn bullets_per_role(c: &mut Checker) {
    let (fewest, most) = (*BULLETS_PER_ROLE.start(), *BULLETS_PER_ROLE.end());
    let aim = range(&BULLETS_PER_ROLE);
    for job in &c.resume.experience {
        let (bullets, company) = (job.bullets.len(), &job.company);
        let recent = match job.end.as_ref().and_then(|e| e.value.date()) {
            Some(end) => c.today.months(false) - end.months(true) <= guidance::RECENT_YEARS * 12,
            None => true,
        };
        let plural = if bullets == 1 { "" } else { "s" };
        if bullets > most {
            c.report(
                "bullets-per-role",
                company.span.clone(),
                format!("`{}` has {bullets} bullets; {aim} is the most a recruiter reads", company.value),
                format!("keep the {most} strongest, quantified ones; tag the rest for tailored versions"),
            );
        } else if recent && bullets < fewest {
            c.report(
                "bullets-per-role",
                company.span.clone(),
                format!("`{}` has {bullets} bullet{plural}; a recent role needs {aim}", company.value),
                "add your strongest results in this role, each with a figure",
            );
        }
    }
}

/// `chronology`: no future start; experience and education newest first.
pub fn chronology(c: &mut Checker) {
    let resume = c.resume;
    let today = c.today.months(false);
    for job in resume.experience.iter().filter(|job| job.start.months(false) > today) {
        let message = format!("`{}` starts in {}, which is in the future", job.company.value, job.start.value);
        let help = "list a role once it has started; mention an accepted offer in the cover letter";
        c.report("chronology", job.start.span.clone(), message, help);
    }
    // An omitted end means the role is current; a future role was reported above.
    let jobs =
        resume.experience.iter().filter(|j| j.start.months(false) <= today).map(|j| {
            (&j.company, recency(Some(j.start.value), Some(j.end.as_ref().map_or(End::Present, |e| e.value))))
        });
    let schools = resume
        .education
        .iter()
        .map(|s| (&s.institution, recency(s.start.as_ref().map(|d| d.value), s.end.as_ref().map(|e| e.value))));
    for (section, entries) in [("experience", jobs.collect::<Vec<_>>()), ("education", schools.collect())] {
        let dated: Vec<(&Text, (i32, i32))> =
            entries.into_iter().filter_map(|(name, key)| Some((name, key?))).collect();
        for pair in dated.windows(2) {
            let ((older, older_key), (newer, newer_key)) = (pair[0], pair[1]);
            if newer_key > older_key {
                let message = format!("`{}` is more recent than `{}` above it", newer.value, older.value);
                let help = format!("list {section} newest first: move it above `{}`", older.value);
                c.report("chronology", newer.span.clone(), message, help);
            }
        }
    }
}

/// `skills-focus`: about 10–15 skills, grouped, each shown in use somewhere.
pub fn skills_focus(c: &mut Checker) {
    let groups = &c.resume.skills;
    let Some(first) = groups.first() else { return };
    let at = first.group.span.clone();
    let count: usize = groups.iter().map(|g| g.items.len()).sum();
    let (aim, thin) = (range(&SKILLS), SKILLS.start() - SKILLS_SLACK);
    if count > *SKILLS.end() {
        let message = format!("{count} skills; a focused list of about {aim} reads better");
        c.report("skills-focus", at.clone(), message, "keep the skills your bullets prove and the postings ask for");
    } else if count < thin {
        let help = "add the languages, data stores and tools your bullets show you using";
        c.report("skills-focus", at.clone(), format!("only {count} skills; list about {aim}"), help);
    }
    if groups.len() == 1 && count >= thin {
        let help = "group them by capability, e.g. Languages, Data, Cloud and Infrastructure";
        c.report("skills-focus", at, format!("{count} skills in one group"), help);
    }
    let corpus = evidence(c.resume);
    let lower = corpus.to_lowercase();
    // A skill is shown under any of its names (`go` by "Go", `apache airflow` by "Airflow"), and
    // an item that lists several (`spark / pyspark`) by any of them.
    let named = crate::lexicon::concepts_in(&corpus);
    let shown = |name: &str| {
        vocab::mentions(&corpus, &lower, name) || LEXICON.concept(name).is_some_and(|c| named.contains(&c))
    };
    let used = |skill: &Text| {
        shown(&skill.value)
            || skill.value.split(['/', ',', '(', ')']).map(str::trim).any(|part| !part.is_empty() && shown(part))
    };
    // One finding for the whole list: thirty unused skills are one thing to fix, not thirty.
    let unused: Vec<&Text> = groups.iter().flat_map(|g| &g.items).filter(|s| !used(s)).collect();
    let help = "show each in use in a bullet, or drop it: recruiters trust the skills they see applied";
    match unused.as_slice() {
        [] => {}
        [skill] => {
            let message = format!("`{}` appears in no bullet or summary", skill.value);
            c.report("skills-focus", skill.span.clone(), message, help);
        }
        [first, ..] => {
            let names: Vec<String> = unused.iter().map(|s| format!("`{}`", s.value)).collect();
            let message = format!("{} skills appear in no bullet or summary: {}", unused.len(), names.join(", "));
            c.report("skills-focus", first.span.clone(), message, help);
        }
    }
}

/// `gpa`: a GPA on a 4-point scale is shown only from 3.5.
pub fn gpa(c: &mut Checker) {
    for gpa in c.resume.education.iter().filter_map(|s| s.gpa.as_ref()) {
        // Only 4-point scales compare with 3.5; a 10-point CGPA is another system.
        let low = parse_gpa(gpa).filter(|(v, scale)| (4.0..=4.3).contains(scale) && *v < GPA_MIN);
        if let Some((value, _)) = low {
            let help = "leave it off: an absent GPA draws no attention; list honors or coursework instead";
            c.report("gpa", gpa.span.clone(), format!("GPA {value} is below {GPA_MIN}"), help);
        }
    }
}

/// `headings`: custom section titles from the list ATS recognize.
pub fn headings(c: &mut Checker) {
    let known: Vec<String> = vocab::HEADINGS.iter().map(|h| normalize_heading(h)).collect();
    let candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    for section in &c.resume.sections {
        let title = normalize_heading(&section.title);
        if known.contains(&title) {
            continue;
        }
        let help = match did_you_mean(&title, &candidates) {
            Some(best) => {
                let shown = vocab::HEADINGS.iter().find(|h| normalize_heading(h) == best).unwrap_or(&best);
                format!("did you mean `{shown}`?")
            }
            None => "use a title ATS know: `Experience`, `Projects`, `Open Source`, `Awards`, `Publications`...".into(),
        };
        let message = format!("ATS may not recognize the heading `{}`", section.title.value);
        c.report("headings", section.title.span.clone(), message, help);
    }
}

/// Sort key for newest-first order: the end (ongoing is newest), then the start.
fn recency(start: Option<Date>, end: Option<End>) -> Option<(i32, i32)> {
    let start = start.map(|d| d.months(false));
    let end = end.map(|e| e.date().map_or(i32::MAX, |d| d.months(true))).or(start)?;
    Some((end, start.unwrap_or(end)))
}

/// `I`, `my`, `we've`...; `US` (the country) and a lower-case `i` are not.
fn is_pronoun(word: &str) -> bool {
    let word = word.split(['\'', '’']).next().unwrap_or(word);
    let lower = word.to_lowercase();
    vocab::PRONOUNS.contains(lower.as_str()) && (lower != "us" || word == "us") && (lower != "i" || word == "I")
}

/// `Honors & Awards:` -> `honors and awards`.
fn normalize_heading(title: &str) -> String {
    title
        .trim()
        .trim_end_matches(':')
        .replace('&', " and ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The figure to suggest for a bullet, by what it talks about.
fn figure_hint(lower: &str) -> &'static str {
    let hits = |cues: &[&str]| cues.iter().filter(|cue| vocab::has_stem(lower, cue)).count();
    // The most cues wins; ties go to the earlier line, and the last line (no cues) is the default.
    let best = FIGURE_HINTS.iter().rev().filter(|(cues, _)| hits(cues) > 0).max_by_key(|(cues, _)| hits(cues));
    best.or(FIGURE_HINTS.last()).map_or("a figure", |(_, hint)| hint)
}

/// Everything that can show a skill in use: summary, headline, bullets, contexts, descriptions,
/// certifications and custom entries.
fn evidence(resume: &Resume) -> String {
    let mut texts = String::new();
    let mut add = |t: Option<&Text>| {
        if let Some(t) = t {
            texts.push_str(t);
            texts.push('\n');
        }
    };
    add(resume.summary.as_ref());
    add(resume.headline.as_ref());
    for job in &resume.experience {
        add(job.context.as_ref());
        job.bullets.iter().for_each(|b| add(Some(&b.text)));
    }
    for project in &resume.projects {
        add(project.description.as_ref());
        project.bullets.iter().for_each(|b| add(Some(&b.text)));
    }
    for school in &resume.education {
        school.bullets.iter().for_each(|b| add(Some(&b.text)));
    }
    for cert in &resume.certifications {
        add(Some(&cert.name));
    }
    for entry in resume.sections.iter().flat_map(|s| &s.entries) {
        add(Some(&entry.title));
        add(entry.description.as_ref());
        entry.bullets.iter().for_each(|b| add(Some(&b.text)));
    }
    texts
}
