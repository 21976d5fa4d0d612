//! Tailoring: the resume as sent for one job, derived from the base without touching it.
//!
//! Selection by tags, ordering by priority and the job's overrides are all here, so every
//! later stage (IR, renderers, checks) sees an ordinary resume.

use crate::job::Job;
use crate::lexicon::same_term;
use crate::model::{Bullet, Resume};
use crate::source::Text;

/// The resume tailored for `job`; `base` is left as it was.
pub fn apply(base: &Resume, job: &Job) -> Resume {
    let mut resume = base.clone();
    let keep = |bullets: &mut Vec<Bullet>| select(bullets, &job.tags);
    resume.experience.iter_mut().for_each(|e| keep(&mut e.bullets));
    resume.projects.iter_mut().for_each(|p| keep(&mut p.bullets));
    resume.sections.iter_mut().flat_map(|s| &mut s.entries).for_each(|e| keep(&mut e.bullets));
    if job.headline.is_some() {
        resume.headline.clone_from(&job.headline);
    }
    if job.summary.is_some() {
        resume.summary.clone_from(&job.summary);
    }
    if job.max_pages.is_some() {
        resume.layout.max_pages.clone_from(&job.max_pages);
    }
    if job.order.is_some() {
        resume.layout.order.clone_from(&job.order);
    }
    for group in &mut resume.skills {
        // Stable: the named skills in the job's order, then the rest as written.
        group.items.sort_by_key(|item| rank(item, &job.skills_first));
    }
    resume
}

/// Keeps untagged bullets and those sharing a tag with the job, highest priority first.
fn select(bullets: &mut Vec<Bullet>, tags: &[Text]) {
    if !tags.is_empty() {
        bullets.retain(|b| b.tags.is_empty() || b.tags.iter().any(|t| tags.iter().any(|j| same_term(t, j))));
    }
    bullets.sort_by_key(|b| std::cmp::Reverse(b.priority.as_ref().map_or(0, |p| p.value)));
}

/// Where a skill goes: its index in `first`, or after all of them.
fn rank(item: &str, first: &[Text]) -> usize {
    first.iter().position(|f| same_term(item, f)).unwrap_or(first.len())
}
