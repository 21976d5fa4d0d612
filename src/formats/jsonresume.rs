//! JSON Resume (jsonresume.org schema v1, current and older keys) onto rescc's schema.

use super::fields::{Cx, Object, as_date, as_grade, join_sentences, open_end, push, push_list};
use super::{Converted, Value};
use crate::decode::Decoder;
use crate::decode::scalar;
use crate::model::parse_gpa;
use crate::yaml::{Node, NodeKind};

/// Every key JSON Resume (current and older) and YAMLResume define; an unknown key close to
/// one of them is read as it.
pub const KEYS: &[&str] = &[
    "basics",
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
    "meta",
    "name",
    "label",
    "headline",
    "image",
    "picture",
    "email",
    "phone",
    "url",
    "website",
    "summary",
    "location",
    "address",
    "postalCode",
    "city",
    "countryCode",
    "country",
    "region",
    "profiles",
    "network",
    "username",
    "company",
    "position",
    "startDate",
    "endDate",
    "highlights",
    "description",
    "organization",
    "institution",
    "area",
    "studyType",
    "degree",
    "score",
    "gpa",
    "courses",
    "title",
    "date",
    "awarder",
    "issuer",
    "publisher",
    "releaseDate",
    "level",
    "keywords",
    "language",
    "fluency",
    "reference",
    "entity",
    "type",
    "roles",
    "content",
    "layout",
    "layouts",
    "locale",
    "rescc",
];

/// Rewrites a JSON Resume tree into rescc's shape; shape errors go to `d`.
pub fn convert(root: &Node, d: &mut Decoder) -> Converted {
    let mut cx = Cx::new(d, "", KEYS);
    let resume = match cx.object(root, String::new()) {
        Some(o) => cx.resume(o),
        None => Value::Map(Vec::new(), root.span.clone(), Vec::new()),
    };
    cx.finish(resume)
}

/// Rewrites a YAMLResume file (`content:` in JSON Resume's shape, with `location` and
/// `profiles` beside `basics`, plus `layouts:` and `locale:`) into rescc's shape.
pub fn convert_yamlresume(root: &Node, d: &mut Decoder) -> Converted {
    let mut cx = Cx::new(d, "content.", KEYS);
    let Some(mut file) = cx.object(root, String::new()) else {
        return cx.finish(Value::Map(Vec::new(), root.span.clone(), Vec::new()));
    };
    let content = file.get("content").and_then(|c| cx.object(c, "content".into()));
    let mut resume = match content {
        Some(content) => cx.resume(content),
        None => Value::Map(Vec::new(), root.span.clone(), Vec::new()),
    };
    // Both the older `layout:` object and the newer `layouts:` list of engines.
    let (mut layout, mut notes) = (Vec::new(), Vec::new());
    if let Some(old) = file.get("layout") {
        notes.extend(cx.yamlresume_layout(old, "layout".into(), &mut layout));
    }
    if let Some(NodeKind::Seq(engines)) = file.get("layouts").map(|l| &l.kind) {
        for (i, engine) in engines.iter().enumerate() {
            notes.extend(cx.yamlresume_layout(engine, format!("layouts[{i}]"), &mut layout));
        }
    }
    notes.extend(cx.close(file));
    if let Value::Map(pairs, _, file_notes) = &mut resume {
        file_notes.extend(notes);
        if let Some(first) = layout.first() {
            let at = first.1.span();
            pairs.push(("layout", Value::Map(layout, at, Vec::new())));
        }
    }
    cx.finish(resume)
}

impl Cx<'_> {
    /// A YAMLResume layout's paper size and font size; the rest is its own templates' styling.
    fn yamlresume_layout(&mut self, node: &Node, path: String, out: &mut Vec<(&'static str, Value)>) -> Vec<String> {
        let Some(mut l) = self.object(node, path) else { return Vec::new() };
        let mut notes = Vec::new();
        l.get("engine");
        if let Some(page) = l.get("page")
            && let Some(mut p) = self.object(page, format!("{}.page", l.path))
        {
            if let Some(Value::Text(size, span)) = self.text(p.get("paperSize"))
                && !out.iter().any(|(k, _)| *k == "paper")
            {
                out.push(("paper", Value::Text(size.to_lowercase(), span)));
            }
            notes.extend(self.close(p));
        }
        if let Some(typography) = l.get("typography")
            && let Some(mut t) = self.object(typography, format!("{}.typography", l.path))
        {
            if let Some(Value::Text(size, span)) = self.text(t.get("fontSize"))
                && !out.iter().any(|(k, _)| *k == "font_size")
            {
                out.push(("font_size", Value::Text(size.trim_end_matches("pt").to_string(), span)));
            }
            notes.extend(self.close(t));
        }
        notes.extend(self.close(l));
        notes
    }

    fn resume(&mut self, mut o: Object<'_>) -> Value {
        let o_span = o.node.span.clone();
        let mut out: Vec<(&'static str, Value)> = Vec::new();
        let mut notes = Vec::new();
        let basics = o.get("basics");
        match basics.and_then(|b| self.object(b, self.path("basics"))) {
            Some(b) => self.basics(b, &mut o, &mut out, &mut notes),
            None if basics.is_none() => {
                let at = o.node.span.at_start();
                let path = self.path("basics");
                self.d.error(at, format!("the resume has no `{path}`"), format!("rescc needs at least `{path}.name`"));
            }
            None => {}
        }
        let work = o.get("work");
        let experience = self.each(work, &self.path("work"), Self::work);
        push_list(&mut out, "experience", experience, work);
        let skills = o.get("skills");
        let groups = self.skills(skills);
        push_list(&mut out, "skills", groups, skills);
        let projects = o.get("projects");
        let items = self.each(projects, &self.path("projects"), Self::project);
        push_list(&mut out, "projects", items, projects);
        let education = o.get("education");
        let schools = self.each(education, &self.path("education"), Self::education);
        push_list(&mut out, "education", schools, education);
        let certificates = o.get("certificates");
        let certs = self.each(certificates, &self.path("certificates"), Self::certificate);
        push_list(&mut out, "certifications", certs, certificates);
        let mut sections = Vec::new();
        for (key, title) in [
            ("volunteer", "Volunteering"),
            ("awards", "Awards"),
            ("publications", "Publications"),
            ("languages", "Languages"),
            ("interests", "Interests"),
        ] {
            let node = o.get(key);
            let entries = self.each(node, &self.path(key), |cx, o| cx.custom_entry(key, o));
            if let (Some(node), false) = (node, entries.is_empty()) {
                let span = node.span.clone();
                let section = vec![
                    ("title", Value::Text(title.into(), span.clone())),
                    ("entries", Value::List(entries, span.clone())),
                ];
                sections.push(Value::Map(section, span, Vec::new()));
            }
        }
        if let Some(first) = sections.first() {
            let span = first.span();
            out.push(("sections", Value::List(sections, span)));
        }
        if let Some(meta) = o.get("meta") {
            self.meta(meta, &mut out);
        }
        notes.extend(self.close(o));
        Value::Map(out, o_span, notes)
    }

    /// rescc's own settings in `meta.rescc`, JSON Resume's place for a tool's settings: a
    /// `layout` and `checks` as a rescc resume writes them, or the layout's keys directly.
    fn meta(&mut self, meta: &Node, out: &mut Vec<(&'static str, Value)>) {
        let NodeKind::Map(pairs) = &meta.kind else { return };
        let Some((_, rescc)) = pairs.iter().find(|(k, _)| scalar(k) == Some("rescc")) else { return };
        let NodeKind::Map(settings) = &rescc.kind else {
            self.d.expected(
                rescc,
                "an object (meta.rescc)",
                "e.g. \"rescc\": {\"layout\": {\"template\": \"compact\"}}",
            );
            return;
        };
        let mut layout = Vec::new();
        for (key, value) in settings {
            match scalar(key) {
                Some("layout") if matches!(value.kind, NodeKind::Map(_)) => {
                    out.push(("layout", Value::Raw(value.clone())))
                }
                Some("layout") => layout.push((key.clone(), value.clone())),
                Some("checks") => out.push(("checks", Value::Raw(value.clone()))),
                _ => layout.push((key.clone(), value.clone())),
            }
        }
        if !layout.is_empty() {
            // `"layout": "compact"` names the template; the other keys are the layout's own.
            for (key, _) in &mut layout {
                if scalar(key) == Some("layout") {
                    key.kind = NodeKind::Scalar { value: "template".into(), quoted: false };
                }
            }
            let node = Node { span: rescc.span.clone(), kind: NodeKind::Map(layout) };
            out.push(("layout", Value::Raw(node)));
        }
    }

    fn basics(
        &mut self,
        mut b: Object<'_>,
        outer: &mut Object<'_>,
        out: &mut Vec<(&'static str, Value)>,
        notes: &mut Vec<String>,
    ) {
        if let Some(name) = self.required(&mut b, "name", "your name") {
            out.push(("name", name));
        }
        // YAMLResume calls the label `headline`.
        if let Some(label) = self.text(b.get("label")).or_else(|| self.text(b.get("headline"))) {
            out.push(("headline", label));
        }
        let mut contact = Vec::new();
        if let Some(email) = self.text(b.get("email")) {
            contact.push(("email", email));
        }
        if let Some(phone) = self.text(b.get("phone")) {
            contact.push(("phone", phone));
        }
        // YAMLResume writes `location` and `profiles` beside `basics`.
        let location = match b.get("location") {
            Some(location) => Some((location, format!("{}.location", b.path))),
            None => outer.get("location").map(|l| (l, self.path("location"))),
        };
        if let Some((location, path)) = location
            && let Some(location) = self.location(location, path, notes)
        {
            contact.push(("location", location));
        }
        // `website` is the older schema's name for `url`.
        let url = match self.text(b.get("url")) {
            Some(url) => Some(url),
            None => self.text(b.get("website")),
        };
        let mut links: Vec<Value> = url.and_then(|url| self.web_page(url, "basics.url")).into_iter().collect();
        let (profiles, path) = match b.get("profiles") {
            Some(profiles) => (Some(profiles), format!("{}.profiles", b.path)),
            None => (outer.get("profiles"), self.path("profiles")),
        };
        links.extend(self.each(profiles, &path, |cx, mut p| {
            let network = cx.text(p.get("network"));
            let url = p.get("url");
            let link = match cx.text(url) {
                Some(url) => match cx.web_page(url, &format!("{}.url", p.path)) {
                    Some(url) => {
                        let span = url.span();
                        let pairs = match network {
                            Some(label) => vec![("label", label), ("url", url)],
                            None => vec![("url", url)],
                        };
                        Some(Value::Map(pairs, span, Vec::new()))
                    }
                    // Dropped, and said so: the rest of the profile goes with it.
                    None => {
                        p.read.extend(p.pairs.iter().map(|(k, _)| *k).collect::<Vec<_>>());
                        None
                    }
                },
                None => {
                    let path = p.path.clone();
                    cx.note(notes, path, p.node, "the profile has no url");
                    p.read.extend(p.pairs.iter().map(|(k, _)| *k).collect::<Vec<_>>());
                    None
                }
            };
            p.get("username");
            notes.extend(cx.close(p));
            link
        }));
        if let Some(first) = links.first() {
            let span = first.span();
            contact.push(("links", Value::List(links, span)));
        }
        if let Some(first) = contact.first() {
            let span = first.1.span();
            out.push(("contact", Value::Map(contact, span, Vec::new())));
        }
        // A Markdown list in it stays a list: the decoder keeps its items on lines of their own.
        if let Some(summary) = self.text(b.get("summary")) {
            out.push(("summary", summary));
        }
        notes.extend(self.close(b));
    }

    /// `City, Region` (or `City, CountryCode`) from a location object.
    fn location(&mut self, node: &Node, path: String, notes: &mut Vec<String>) -> Option<Value> {
        // Some write the place as one text.
        if scalar(node).is_some() {
            return self.text(Some(node));
        }
        let mut l = self.object(node, path)?;
        let city = self.text(l.get("city"));
        let region = self.text(l.get("region"));
        // YAMLResume names the country; JSON Resume gives its code.
        let country = if region.is_none() || city.is_none() {
            self.text(l.get("countryCode")).or_else(|| self.text(l.get("country")))
        } else {
            None
        };
        // An address alone (`Bengaluru, India`) is the only place given.
        let address =
            if [&city, &region, &country].iter().all(|v| v.is_none()) { self.text(l.get("address")) } else { None };
        let parts: Vec<String> = [city, region, country, address]
            .into_iter()
            .flatten()
            .filter_map(|v| if let Value::Text(t, _) = v { Some(t) } else { None })
            .collect();
        notes.extend(self.close(l));
        (!parts.is_empty()).then(|| Value::Text(parts.join(", "), node.span.clone()))
    }

    fn work(&mut self, mut w: Object<'_>) -> Option<Value> {
        let company = self.required_any(&mut w, &["name", "company"], "the employer's name");
        let role = self.required(&mut w, "position", "your job title");
        let start = self.required(&mut w, "startDate", "a start date to order roles by").map(as_date);
        let mut pairs = vec![("company", company?), ("role", role?)];
        push(&mut pairs, "location", self.text(w.get("location")));
        pairs.push(("start", start?));
        push(&mut pairs, "end", self.text(w.get("endDate")).map(as_date));
        let description = self.text(w.get("description"));
        // A summary written as Markdown (YAMLResume's, and many JSON Resumes') holds the bullets.
        let summary = self.text(w.get("summary"));
        let (summary, listed) = self.prose_and_items(summary);
        // YAMLResume's `keywords` name what the role used: the context ends with them.
        let context = join_sentences(join_sentences(description, summary), self.joined(w.get("keywords")));
        push(&mut pairs, "context", context);
        let highlights = self.texts(w.get("highlights"));
        push(&mut pairs, "bullets", with_items(highlights, listed));
        Some(Value::Map(pairs, w.node.span.clone(), self.close(w)))
    }

    fn project(&mut self, mut p: Object<'_>) -> Option<Value> {
        let name = self.required(&mut p, "name", "the project's name");
        let mut pairs = vec![("name", name?)];
        // `website` is the older schema's name for `url`.
        push(&mut pairs, "url", self.link(&mut p, &["url", "website"]));
        self.period(&mut p, &mut pairs);
        let description = self.text(p.get("description"));
        let summary = self.text(p.get("summary"));
        let (summary, listed) = self.prose_and_items(summary);
        // The project's `keywords` (its technologies) end its description, where a reader sees them.
        let description = join_sentences(join_sentences(description, summary), self.joined(p.get("keywords")));
        push(&mut pairs, "description", description);
        let highlights = self.texts(p.get("highlights"));
        push(&mut pairs, "bullets", with_items(highlights, listed));
        Some(Value::Map(pairs, p.node.span.clone(), self.close(p)))
    }

    fn education(&mut self, mut e: Object<'_>) -> Option<Value> {
        let institution = self.required(&mut e, "institution", "the school's name");
        let mut pairs = vec![("institution", institution?)];
        // YAMLResume calls the study type `degree`.
        let kind = self.text(e.get("studyType")).or_else(|| self.text(e.get("degree")));
        let degree = match (kind, self.text(e.get("area"))) {
            (Some(Value::Text(kind, span)), Some(Value::Text(area, _))) => {
                Some(Value::Text(format!("{kind} in {area}"), span))
            }
            (kind, area) => kind.or(area),
        };
        push(&mut pairs, "degree", degree);
        push(&mut pairs, "location", self.text(e.get("location")));
        self.period(&mut e, &mut pairs);
        let score = match self.text(e.get("score")) {
            Some(score) => Some(score),
            None => self.text(e.get("gpa")),
        };
        // A grade is shown as one (`3.8/4.0`, `98%`); a class (`First Class`) is an honour.
        let is_grade = |t: &str| parse_gpa(t).is_some() || t.trim_end_matches('%').trim().parse::<f64>().is_ok();
        let (gpa, honor) = match score {
            Some(s) if matches!(&s, Value::Text(t, _) if is_grade(t)) => (Some(s), None),
            other => (None, other),
        };
        push(&mut pairs, "gpa", gpa.map(as_grade));
        if let Some(honor) = honor {
            let span = honor.span();
            pairs.push(("honors", Value::List(vec![honor], span)));
        }
        push(&mut pairs, "coursework", self.texts(e.get("courses")));
        // YAMLResume's summary (often a Markdown list) and any highlights are what was done there.
        let (summary, listed) = {
            let summary = self.text(e.get("summary"));
            self.prose_and_items(summary)
        };
        let highlights = self.texts(e.get("highlights"));
        let bullets = with_items(highlights, summary.into_iter().chain(listed).collect());
        push(&mut pairs, "bullets", bullets);
        Some(Value::Map(pairs, e.node.span.clone(), self.close(e)))
    }

    /// `startDate` and `endDate`; a start without an end is still going on.
    fn period(&mut self, o: &mut Object<'_>, pairs: &mut Vec<(&'static str, Value)>) {
        let start = self.text(o.get("startDate")).map(as_date);
        let end = open_end(&start, self.text(o.get("endDate")).map(as_date));
        push(pairs, "start", start);
        push(pairs, "end", end);
    }

    fn certificate(&mut self, mut c: Object<'_>) -> Option<Value> {
        let name = self.required(&mut c, "name", "the certificate's name");
        let mut pairs = vec![("name", name?)];
        push(&mut pairs, "issuer", self.text(c.get("issuer")));
        push(&mut pairs, "date", self.text(c.get("date")).map(as_date));
        push(&mut pairs, "url", self.link(&mut c, &["url"]));
        Some(Value::Map(pairs, c.node.span.clone(), self.close(c)))
    }

    /// Volunteering, awards, publications, languages and interests become custom sections.
    fn custom_entry(&mut self, key: &str, mut o: Object<'_>) -> Option<Value> {
        let mut pairs = Vec::new();
        match key {
            "volunteer" => {
                let organization = self.text(o.get("organization"));
                let position = self.text(o.get("position"));
                let (title, subtitle) = match position {
                    Some(position) => (Some(position), organization),
                    None => (organization, None),
                };
                if title.is_none() {
                    self.required(&mut o, "organization", "the organization's name");
                }
                pairs.push(("title", title?));
                push(&mut pairs, "subtitle", subtitle);
                self.period(&mut o, &mut pairs);
                push(&mut pairs, "url", self.link(&mut o, &["url"]));
                let summary = self.text(o.get("summary"));
                let (summary, listed) = self.prose_and_items(summary);
                push(&mut pairs, "description", summary);
                let highlights = self.texts(o.get("highlights"));
                push(&mut pairs, "bullets", with_items(highlights, listed));
            }
            "awards" => {
                pairs.push(("title", self.required(&mut o, "title", "the award's name")?));
                push(&mut pairs, "subtitle", self.text(o.get("awarder")));
                push(&mut pairs, "date", self.text(o.get("date")).map(as_date));
                push(&mut pairs, "description", self.text(o.get("summary")));
            }
            "publications" => {
                pairs.push(("title", self.required(&mut o, "name", "the publication's title")?));
                push(&mut pairs, "subtitle", self.text(o.get("publisher")));
                push(&mut pairs, "date", self.text(o.get("releaseDate")).map(as_date));
                push(&mut pairs, "url", self.link(&mut o, &["url", "website"]));
                let (summary, listed) = {
                    let summary = self.text(o.get("summary"));
                    self.prose_and_items(summary)
                };
                push(&mut pairs, "description", summary);
                push(&mut pairs, "bullets", with_items(None, listed));
            }
            "languages" => {
                pairs.push(("title", self.required(&mut o, "language", "the language's name")?));
                push(&mut pairs, "subtitle", self.text(o.get("fluency")));
                push(&mut pairs, "description", self.joined(o.get("keywords")));
            }
            _ => {
                pairs.push(("title", self.required(&mut o, "name", "the interest's name")?));
                push(&mut pairs, "description", self.joined(o.get("keywords")));
            }
        }
        Some(Value::Map(pairs, o.node.span.clone(), self.close(o)))
    }

    /// Skills with keywords become groups; bare skill names share one group.
    fn skills(&mut self, node: Option<&Node>) -> Vec<Value> {
        let (mut bare, mut bare_notes): (Vec<Value>, Vec<String>) = (Vec::new(), Vec::new());
        let mut groups = self.each(node, &self.path("skills"), |cx, mut s| {
            let keywords = cx.texts(s.get("keywords"));
            let span = s.node.span.clone();
            // A group of keywords without a name is still a group.
            let name = match &keywords {
                Some(_) => cx.text(s.get("name")).or_else(|| Some(Value::Text("Skills".into(), span.at_start()))),
                None => cx.required(&mut s, "name", "the skill's name"),
            };
            let notes = cx.close(s);
            match (name, keywords) {
                (Some(name), Some(items)) => Some(Value::Map(vec![("group", name), ("items", items)], span, notes)),
                (Some(name), None) => {
                    bare.push(name);
                    bare_notes.extend(notes);
                    None
                }
                _ => None,
            }
        });
        if let Some(first) = bare.first() {
            let span = first.span();
            let group = if groups.is_empty() { "Core" } else { "Other" };
            groups.push(Value::Map(
                vec![("group", Value::Text(group.into(), span.clone())), ("items", Value::List(bare, span.clone()))],
                span,
                bare_notes,
            ));
        }
        groups
    }
}

/// Highlights followed by the items a Markdown summary listed.
fn with_items(highlights: Option<Value>, listed: Vec<Value>) -> Option<Value> {
    match (highlights, listed.first()) {
        (Some(Value::List(mut items, span)), _) => {
            items.extend(listed);
            Some(Value::List(items, span))
        }
        (None, Some(first)) => {
            let span = first.span();
            Some(Value::List(listed, span))
        }
        (other, _) => other,
    }
}
