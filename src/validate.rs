//! Semantic validation: what the types cannot say (date order, email and URL shapes, layout
//! bounds). Every problem is collected; none stops the others.

use crate::decode::{Decoder, did_you_mean};
use crate::guidance::{self, FONT_SIZE_PT, MARGINS_IN, PAGES, range};
use crate::layouts;
use crate::model::{Date, End, Layout, Resume, SECTION_KEYS, parse_gpa};
use crate::source::{Spanned, Text};
use crate::text::{is_email, link_problem, mixed_scripts, url_host};

/// Reports every semantic problem in `resume` to `d`.
pub fn validate(resume: &Resume, d: &mut Decoder) {
    if resume.name.value.is_empty() && !resume.name.span.is_empty() {
        d.error(resume.name.span.clone(), "the name is empty", "write your name as it should appear on the resume");
    }
    if let Some(email) = &resume.contact.email {
        if !is_email(email) {
            let help = match email.strip_prefix("mailto:") {
                Some(bare) => format!("write the address alone: `{bare}`"),
                None => "write it as `name@example.com`, with no `?`, `&` or `%`".to_string(),
            };
            d.error(email.span.clone(), format!("`{}` is not an email address", email.value), help);
        } else if let Some((_, domain)) = email.split_once('@') {
            check_scripts(email, domain, d);
        }
    }
    for link in &resume.contact.links {
        check_url(&link.url, d);
    }
    for text in resume.summary.iter().chain(all_bullets(resume)) {
        check_inline_links(text, d);
    }
    for job in &resume.experience {
        check_period(&job.start, job.end.as_ref(), d);
    }
    for project in &resume.projects {
        if let Some(url) = &project.url {
            check_url(url, d);
        }
        if let Some(start) = &project.start {
            check_period(start, project.end.as_ref(), d);
        }
    }
    for school in &resume.education {
        if let Some(start) = &school.start {
            check_period(start, school.end.as_ref(), d);
        }
        if let Some(gpa) = &school.gpa
            && parse_gpa(gpa).is_none()
        {
            d.error(
                gpa.span.clone(),
                format!("`{}` is not a GPA", gpa.value),
                "write it as `3.7/4.0` (or `3.7` on a 4.0 scale)",
            );
        }
    }
    for cert in &resume.certifications {
        if let Some(url) = &cert.url {
            check_url(url, d);
        }
    }
    for entry in resume.sections.iter().flat_map(|s| &s.entries) {
        if let Some(url) = &entry.url {
            check_url(url, d);
        }
        if let Some(start) = &entry.start {
            check_period(start, entry.end.as_ref(), d);
        }
    }
    validate_layout(&resume.layout, d);
}

fn validate_layout(layout: &Layout, d: &mut Decoder) {
    let names: Vec<&str> = layouts::BUILTIN.iter().map(|l| l.name).collect();
    // `docx` names the built-in look a custom layout's DOCX takes: never a file.
    let named = [(&layout.template, ", or a path to a `.typ` file"), (&layout.docx, " (the DOCX's look)")];
    for (name, or_else) in named {
        let Some(name) = name else { continue };
        if (or_else.contains(".typ") && name.ends_with(".typ")) || layouts::builtin(name).is_some() {
            continue;
        }
        let help = match did_you_mean(name, &names) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("use one of {}{or_else}", names.join(", ")),
        };
        d.error(name.span.clone(), format!("no built-in layout is called `{}`", name.value), help);
    }
    if let Some(size) = &layout.font_size
        && !FONT_SIZE_PT.contains(&size.value)
    {
        let sizes = range(&FONT_SIZE_PT);
        d.error(
            size.span.clone(),
            format!("font size {} pt is outside {sizes} pt", size.value),
            format!("recruiters and ATS expect body text of {sizes} pt; shorten the content instead"),
        );
    }
    if let Some(margins) = &layout.margins {
        let (lo, hi) = (*MARGINS_IN.start(), *MARGINS_IN.end());
        let inches = margins.inches();
        if !(lo - 1e-9..=hi + 1e-9).contains(&inches) {
            d.error(
                margins.span.clone(),
                format!("margins of {} in are outside {} in", round2(inches), range(&MARGINS_IN)),
                format!("use between `{lo}in` and `{hi}in`; whitespace helps a six-second skim"),
            );
        }
    }
    if let Some(pages) = &layout.max_pages {
        check_max_pages(pages, d);
    }
    if let Some(order) = &layout.order {
        check_order(order, "layout.order", d);
    }
}

/// `max_pages` is 1 or 2 (shared with job files).
pub fn check_max_pages(pages: &Spanned<i64>, d: &mut Decoder) {
    let (one, most) = (*PAGES.start(), *PAGES.end());
    if !(i64::from(one)..=i64::from(most)).contains(&pages.value) {
        let years = guidance::SENIOR_YEARS;
        d.error(
            pages.span.clone(),
            format!("max_pages must be {one} or {most}, not {}", pages.value),
            format!("one page below {years} years of experience, two at most for seniors"),
        );
    }
}

/// Section keys in an `order` are known and listed once (shared with job files).
pub fn check_order(order: &Spanned<Vec<Text>>, field: &str, d: &mut Decoder) {
    for (i, key) in order.iter().enumerate() {
        if !SECTION_KEYS.contains(&key.as_str()) {
            let help = match did_you_mean(key, SECTION_KEYS) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("expected one of: {}; put other sections under `sections:`", SECTION_KEYS.join(", ")),
            };
            d.error(key.span.clone(), format!("unknown section `{}` in {field}", key.value), help);
        } else if order[..i].iter().any(|k| k.value == key.value) {
            d.error(key.span.clone(), format!("`{}` appears twice in {field}", key.value), "list each section once");
        }
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

fn check_period(start: &Spanned<Date>, end: Option<&Spanned<End>>, d: &mut Decoder) {
    let Some(end) = end else { return };
    let End::Date(end_date) = end.value else { return };
    // Compared at the precision both give: `end: 2021` after `start: 2021-03` is some time in 2021.
    let both_days = end_date.day.is_some() && start.day.is_some();
    if end_date.months(true) < start.months(false) || (both_days && end_date < start.value) {
        d.error(
            end.span.clone(),
            format!("the end ({end_date}) is before the start ({})", start.value),
            "swap the dates, or use `present` for a current role",
        );
    }
}

fn check_url(url: &Text, d: &mut Decoder) {
    match link_problem(url) {
        Some(problem) => {
            d.error(url.span.clone(), problem, "write the full address, e.g. `https://github.com/yourname`")
        }
        None => check_scripts(url, url_host(url), d),
    }
}

/// Every bullet of every role, project and custom entry.
fn all_bullets(resume: &Resume) -> impl Iterator<Item = &Text> {
    let experience = resume.experience.iter().flat_map(|e| &e.bullets);
    let projects = resume.projects.iter().flat_map(|p| &p.bullets);
    let entries = resume.sections.iter().flat_map(|s| &s.entries).flat_map(|e| &e.bullets);
    experience.chain(projects).chain(entries).map(|b| &b.text)
}

/// `[label](url)` links in text get the rules of every other link, located at the address.
fn check_inline_links(text: &Text, d: &mut Decoder) {
    for url in crate::ir::inline_links(text) {
        // The address as written in the file, when the text is written as read (unescaped).
        let written = text.span.text().and_then(|t| t.find(url)).map(|at| text.span.start() + at);
        let span = written.map_or(text.span.clone(), |at| text.span.with_range(at..at + url.len()));
        match link_problem(url) {
            Some(problem) => d.error(span, problem, "link to a web page (`https://...`) or write the text alone"),
            None => check_scripts(&Text::new(url.to_string(), span), url_host(url), d),
        }
    }
}

/// A host whose letters mix scripts looks like a site it is not: warn.
fn check_scripts(at: &Text, host: &str, d: &mut Decoder) {
    if let Some(scripts) = mixed_scripts(host) {
        d.diagnostics.push(
            crate::diag::Diagnostic::warning(format!("the host `{host}` mixes {} letters", scripts.join(" and ")))
                .at(at.span.clone())
                .with_help("retype the address: a look-alike letter sends readers to another site"),
        );
    }
}
