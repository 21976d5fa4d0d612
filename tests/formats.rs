//! Resumes written for other tools: every format and era builds with every field in place, in
//! the PDF and in the DOCX; importing it and building the import gives the same PDF bytes; and
//! each leniency rule says what it did, at the place in the file.

mod common;

use std::path::Path;

use common::{assert_in_order, fixture, have, pdftotext, rescc, stderr, stdout};

/// A fixture, the stem of its outputs, and what its PDF and DOCX must show, in order.
struct Case {
    file: &'static str,
    stem: &'static str,
    fields: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        file: "jsonresume/sample.json",
        stem: "Richard_Hendriks_Resume",
        fields: &[
            "Richard Hendriks",
            "Programmer",
            "richard.hendriks@mail.com",
            "(912) 555-4321",
            "San Francisco, California",
            "CEO/President",
            "Pied Piper",
            "Successfully won Techcrunch Disrupt",
            "Optimized an algorithm that holds the current world record for Weisman Scores",
            "Web Development",
            "HTML, CSS, Javascript",
            "Compression",
            "Mpeg, MP4, GIF",
            "Miss Direction",
            "Bachelor in Information Technology",
            "University of Oklahoma",
            "GPA: 4.0",
            "CoderDojo",
            "Digital Compression Pioneer Award",
            "Video compression for 3d media",
            "English",
            "Native speaker",
            "Wildlife",
        ],
    },
    Case {
        file: "jsonresume/older-keys.json",
        stem: "Marta_Kowalczyk_Resume",
        fields: &[
            "Marta Kowalczyk",
            "Backend Developer",
            "marta.kowalczyk@example.com",
            "martakowalczyk.dev",
            "Backend developer with five years of Java and PostgreSQL",
            "Backend Developer",
            "Vistula Logistics",
            "Built the shipment tracking API in Java and Spring Boot that answers 4,000 requests per second.",
            "Cut the nightly invoicing batch from 3 hours to 25 minutes by batching PostgreSQL writes.",
            "Added contract tests for 11 carrier integrations, halving failed releases within a year.",
            "Java, Spring Boot, PostgreSQL, Kafka",
            "BSc in Computer Science",
            "Warsaw University of Technology",
            "GPA: 3.8/4.0",
        ],
    },
    Case {
        file: "jsonresume/resume.yaml",
        stem: "Tomás_Herrera_Resume",
        fields: &[
            "Tomás Herrera",
            "Mobile Developer",
            "tomas.herrera@example.com",
            "+34 612 345 678",
            "Valencia, ES",
            "tomasherrera.dev",
            "github.com/therrera",
            "Leads the offline-first rewrite of a banking app.",
            "Senior Android Developer",
            "Banco Levante",
            "Rebuilt the payments flow in Jetpack Compose, raising checkout completion by 18%.",
            "Cut cold start from 2.4 s to 900 ms by deferring 14 SDK initialisations.",
            "Led 4 engineers through the offline-first rewrite used by 1.2 million customers.",
            "Mobile Developer",
            "Ruta Apps",
            "Shipped 6 Swift and Kotlin apps with a combined 4.7 store rating.",
            "Automated store releases with Fastlane, saving 5 hours per release.",
            "Kotlin, Swift, Jetpack Compose, SwiftUI",
            "Fastlane, Gradle, GitHub Actions",
            "Tapa",
            "github.com/therrera/tapa",
            "Mar 2023 – Present",
            "An offline-first recipe app for Android and iOS. Kotlin Multiplatform, SQLDelight",
            "Reached 20,000 installs with a 4.8 rating.",
            "Bachelor in Software Engineering",
            "Universitat Politècnica de València",
            "Built the faculty's room-booking app, used by 3,000 students.",
            "Spanish",
            "Native speaker",
        ],
    },
    Case {
        file: "rendercv/Sam_Okafor_CV.yaml",
        stem: "Sam_Okafor_Resume",
        fields: &[
            "Sam Okafor",
            "Platform Engineer",
            "sam.okafor@example.com",
            "+44 7700 900456",
            "Manchester, UK",
            "samokafor.dev",
            "github.com/samokafor",
            "linkedin.com/in/sam-okafor",
            "hachyderm.io/@sam",
            "Platform engineer with 7 years running Kubernetes and Terraform",
            "Senior Platform Engineer",
            "Brightline Payments",
            "Card acquiring platform, 30 million transactions a month",
            "Migrated 42 services to Kubernetes, cutting deploy time from 40 minutes to 6.",
            "Built a Terraform module library used by 9 teams",
            "Reduced cloud spend by 28% (£310k a year) by right-sizing node pools.",
            "DevOps Engineer",
            "Tessera Health",
            "Automated 120 weekly releases with GitHub Actions",
            "Cut incident response time by 35%",
            "Led the move of 3 data centres' workloads to AWS with zero downtime:",
            "Moved 14 PostgreSQL databases to RDS with 5 minutes of read-only time.",
            "Replaced 30 cron hosts with 2 EventBridge schedules.",
            "Infrastructure",
            "Kubernetes, Terraform, AWS (EKS, RDS), Helm",
            "Languages",
            "Go, Python, Bash",
            "kubedrift",
            "Jan 2022 – Present",
            "A tool that reports drift between Git and live Kubernetes clusters",
            "Reached 1,200 GitHub stars and 40 contributors.",
            "BSc in Computer Science",
            "University of Leeds",
            "GPA: 3.8/4.0",
            "First-class honours, Dean's List 2017",
            "Distributed Systems, Networks, Databases",
            "Led a 6-person capstone team that built a ticketing system for 800 students.",
            "Maintainer of the Helm chart for a CNCF sandbox project used by 300 companies.",
            "Cutting Kubernetes Costs Without Cutting Corners",
            "Platform Engineering Journal",
            "doi.org/10.1234/pej.2023.15",
            "Sam Okafor, Jo Lee",
            "Terraform at Scale",
            "Fall 2023",
            "KubeCon side event, 400 attendees",
            "Certified Kubernetes Administrator (CKA), 2022",
            "AWS Solutions Architect Associate, 2020",
        ],
    },
    Case {
        file: "rendercv/Noor_Haddad_v1_CV.yaml",
        stem: "Noor_Haddad_Resume",
        fields: &[
            "Noor Haddad",
            "noor.haddad@example.com",
            "+962-7-9012-3456",
            "Amman, Jordan",
            "github.com/noorhaddad",
            "twitter.com/noor_codes",
            "Backend developer with 5 years of Python and PostgreSQL at payment companies.",
            "Runs a billing API serving 3,000 requests a second.",
            "Backend Developer",
            "Petra Cloud",
            "Built a billing API in Python serving 3,000 requests a second.",
            "Reduced database load by 50% by adding read replicas and query caching.",
            "Wrote 400 integration tests, cutting escaped defects by 60%.",
            "Backend",
            "Python, Django, PostgreSQL, Redis",
            "Tooling",
            "Docker, GitHub Actions",
            "BS in Computer Engineering",
            "University of Jordan",
            "Mentor at Amman Codes, teaching 40 students a year.",
        ],
    },
    Case {
        file: "yamlresume/resume.yml",
        stem: "Lena_Fischer_Resume",
        fields: &[
            "Lena Fischer",
            "Data Engineer",
            "lena.fischer@example.com",
            "Berlin, Germany",
            "lenafischer.dev",
            "github.com/lenafischer",
            "linkedin.com/in/lena-fischer",
            "in Python and Spark",
            "Runs a lakehouse of 400 TB serving 35 analysts",
            "Cut warehouse spend by 45% in 2024",
            "Senior Data Engineer",
            "Nordlicht Energy",
            "Smart-meter analytics for 2 million homes.",
            "Built a Spark Structured Streaming pipeline that ingests 1.5 billion meter readings a day.",
            "Cut warehouse spend by 45% (€180k a year) by moving 60 dbt models to incremental builds.",
            "Reduced pipeline failures by 70% by adding Great Expectations checks to 90 Airflow DAGs.",
            "Data Engineer",
            "Kontor Analytics",
            "Designed a Kafka ingestion layer that moved 40 sources off nightly FTP drops.",
            "Automated 25 weekly reports with Airflow, saving analysts 30 hours a week.",
            "Data Processing",
            "Python, Spark, SQL, dbt, Airflow, Kafka",
            "Cloud",
            "AWS, Terraform, Docker",
            "meterlake",
            "Jan 2023 – Present",
            "Open source:",
            "a Delta Lake connector for smart-meter feeds. Delta Lake, Rust",
            "Adopted by 4 utilities, ingesting 200 million readings a day.",
            "Master in Computer Science",
            "Technical University of Munich",
            "Oct 2016",
            "Sep 2018",
            "GPA: 3.8/4.0",
            "Database Systems, Machine Learning",
            "Wrote a thesis on incremental view maintenance, cutting refresh time by 60%.",
            "AWS Certified Data Engineer – Associate",
            "Amazon Web Services",
            "German",
            "Native or Bilingual Proficiency",
            "English",
            "Full Professional Proficiency",
        ],
    },
    Case {
        file: "yamlresume/older-layout.yml",
        stem: "Wei_Zhang_Resume",
        fields: &[
            "Wei Zhang",
            "Frontend Engineer",
            "wei.zhang@example.com",
            "Singapore",
            "weizhang.dev",
            "React design systems used by 30 product teams.",
            "Frontend Engineer",
            "Merlion Commerce",
            "Built a React component library adopted by 30 teams, removing 12,000 lines of duplicated CSS.",
            "Cut the checkout bundle by 40% with route-level code splitting.",
            "Raised Lighthouse accessibility scores from 71 to 98 across 20 pages.",
            "Frontend",
            "TypeScript, React, CSS, Vite",
            "Bachelor in Computer Science",
            "National University of Singapore",
        ],
    },
];

/// The text of every paragraph of a DOCX body, a line each.
fn docx_text(docx: &Path) -> String {
    let xml = common::part(&std::fs::read(docx).unwrap(), "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .map(|p| p.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|t| t.text()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn fields(case: &Case) -> Vec<String> {
    case.fields.iter().map(|f| f.to_string()).collect()
}

#[test]
fn every_format_and_era_builds_with_every_field_in_order() {
    for case in CASES {
        let (dir, file) = common::staged(case.file);
        let out = rescc(dir.path(), &["build", file.to_str().unwrap(), "--format", "pdf,docx"]);
        assert_eq!(out.status.code(), Some(0), "{}: {}", case.file, stderr(&out));
        let docx = docx_text(&dir.path().join(format!("out/{}.docx", case.stem)));
        assert_in_order(&docx, &fields(case));
        if have("pdftotext") {
            let pdf = pdftotext(&dir.path().join(format!("out/{}.pdf", case.stem)));
            assert_in_order(&pdf, &fields(case));
        }
    }
}

#[test]
fn importing_then_building_gives_the_same_pdf() {
    for case in CASES {
        let (dir, file) = common::staged(case.file);
        let import = rescc(dir.path(), &["import", file.to_str().unwrap()]);
        assert_eq!(import.status.code(), Some(0), "{}: {}", case.file, stderr(&import));
        let yaml = stdout(&import);
        assert!(yaml.starts_with("# Imported from "), "{yaml}");
        std::fs::write(dir.path().join("imported.yaml"), yaml).unwrap();
        let mut pdfs = Vec::new();
        for (input, out) in [(file.to_str().unwrap(), "direct"), ("imported.yaml", "imported")] {
            let build = rescc(dir.path(), &["build", input, "-o", out, "--format", "pdf"]);
            assert_eq!(build.status.code(), Some(0), "{}: {}", case.file, stderr(&build));
            pdfs.push(std::fs::read(dir.path().join(out).join(format!("{}.pdf", case.stem))).unwrap());
        }
        assert!(pdfs[0] == pdfs[1], "{}: the import builds a different PDF", case.file);
    }
}

#[test]
fn the_format_is_named_in_the_import() {
    for (file, format) in [
        ("jsonresume/resume.yaml", "JSON Resume"),
        ("rendercv/Sam_Okafor_CV.yaml", "RenderCV"),
        ("yamlresume/resume.yml", "YAMLResume"),
    ] {
        let out = rescc(&fixture(""), &["import", file]);
        let first = stdout(&out).lines().next().unwrap_or_default().to_string();
        assert_eq!(first, format!("# Imported from {file} ({format}) by `rescc import`."));
    }
    let out = rescc(&fixture(""), &["import", "example.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("error: `example.yaml` is already a rescc resume"), "{}", stderr(&out));
}

#[test]
fn a_json_file_in_capitals_is_json() {
    let (dir, _) = common::staged("jsonresume/sample.json");
    std::fs::rename(dir.path().join("sample.json"), dir.path().join("RESUME.JSON")).unwrap();
    let out = rescc(dir.path(), &["build", "RESUME.JSON", "--format", "txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("out/Richard_Hendriks_Resume.txt").is_file());
}

#[test]
fn design_options_with_no_rescc_meaning_are_named_and_paper_is_kept() {
    let out = rescc(&fixture("rendercv"), &["import", "Sam_Okafor_CV.yaml"]);
    let yaml = stdout(&out);
    for line in [
        "# not mapped: cv.photo (a photo invites bias and confuses ATS parsers)",
        "# not mapped: design.theme (RenderCV's styling: rescc's look comes from `layout.template`)",
        "# not mapped: locale (RenderCV's wording of dates and phrases; rescc writes dates in English)",
        "layout:",
        "  paper: a4",
    ] {
        assert!(yaml.lines().any(|l| l == line), "missing {line:?} in:\n{yaml}");
    }
    let v1 = stdout(&rescc(&fixture("rendercv"), &["import", "Noor_Haddad_v1_CV.yaml"]));
    assert!(v1.contains("layout:\n  paper: letter\n  font_size: \"10\"\n"), "{v1}");
}

/// The diagnostics a file gets that are about its format (rule findings left out), as printed.
fn format_diagnostics(file: &str) -> String {
    let out = rescc(&fixture("jsonresume/leniency"), &["check", file]);
    let err = stderr(&out);
    let mut kept = vec![format!("exit {}", out.status.code().unwrap_or(-1))];
    let mut keep = false;
    for line in err.lines() {
        if line.starts_with("warning") || line.starts_with("error") {
            keep =
                !line.starts_with("warning[") && !line.starts_with("error[") && !line.starts_with("error: the input");
        }
        let count =
            line.split_once(' ').is_some_and(|(n, rest)| n.parse::<u32>().is_ok() && rest.starts_with("warning"));
        if keep && !line.trim().is_empty() && !count {
            kept.push(line.to_string());
        }
    }
    kept.join("\n")
}

#[test]
fn each_leniency_rule_says_what_it_did() {
    for file in [
        "empty-entries.json",
        "list-markers.json",
        "non-web-links.json",
        "misspelt-key.json",
        "impossible-date.json",
        "duplicate-key.json",
        "syntax-error.json",
        "comments.json",
        "meta-rescc-invalid.json",
        "neither.json",
        "neither.yaml",
    ] {
        insta::assert_snapshot!(format!("leniency@{file}"), format_diagnostics(file));
    }
}

/// The rescc YAML a leniency fixture imports to.
fn imported(file: &str) -> String {
    let out = rescc(&fixture("jsonresume/leniency"), &["import", file]);
    assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
    stdout(&out)
}

#[test]
fn what_the_lenient_reading_keeps() {
    let yaml = imported("skill-group-without-name.json");
    assert!(yaml.contains("  - group: Skills\n    items: [Go, PostgreSQL, Redis]\n"), "{yaml}");
    let yaml = imported("summary-list.json");
    let summary = "summary: |-\n  - Backend engineer with 6 years of Go and PostgreSQL\n  - Runs services handling \
                   9,000 requests a second\n  - Mentors 4 engineers\n";
    assert!(yaml.contains(summary), "{yaml}");
    assert!(yaml.contains("    context: Payments platform for 300 merchants.\n"), "{yaml}");
    assert!(yaml.contains("      - Migrated 30 cron jobs to a queue, ending 6 weekly paging incidents.\n"), "{yaml}");
    let yaml = imported("dates.json");
    for dates in [
        "    start: 2022-12\n    end: present\n",
        "    start: 2020-09-28\n    end: 2022-11\n",
        "    start: \"2020\"\n    end: 2020-05\n",
        "    start: 2021-09\n    end: present\n",
        "    date: 2023-09\n",
    ] {
        assert!(yaml.contains(dates), "{dates:?} in:\n{yaml}");
    }
    let yaml = imported("misspelt-key.json");
    assert!(yaml.contains("    role: Backend Engineer\n"), "{yaml}");
    assert!(yaml.contains("      - Migrated 30 cron jobs to a queue"), "the misspelt key's bullets are kept:\n{yaml}");
    let yaml = imported("meta-rescc.json");
    assert!(yaml.contains("layout:\n  template: compact\n  paper: a4\n  font_size: 10.5\n  max_pages: 1\n"), "{yaml}");
    assert!(yaml.contains("checks:\n  skills-focus: \"off\"\n"), "{yaml}");
}

#[test]
fn diagnostics_speak_the_files_own_keys() {
    let tmp = tempfile::tempdir().unwrap();
    for (file, text, said, never) in [
        (
            "resume.json",
            r#"{"basics": {"name": "Ada Okoro"}, "work": [{"name": "Kestrel Labs", "position": "Engineer", "startDate": "2021-03"}]}"#,
            "add `basics.email`",
            "`contact.email`",
        ),
        (
            "cv.yaml",
            "cv:\n  name: Ada Okoro\n  sections:\n    experience:\n      - company: Kestrel Labs\n        position: Engineer\n        start_date: 2021-03\n",
            "add `cv.email`",
            "`contact.email`",
        ),
        (
            "resume.yml",
            "content:\n  basics:\n    name: Ada Okoro\n  work:\n    - name: Kestrel Labs\n      position: Engineer\n      startDate: 2021-03\n",
            "add `content.basics.email`",
            "`contact.email`",
        ),
    ] {
        std::fs::write(tmp.path().join(file), text).unwrap();
        let out = rescc(tmp.path(), &["check", file]);
        let err = stderr(&out);
        assert!(err.contains(said) && !err.contains(never), "{file}:\n{err}");
    }
}

#[test]
fn a_markdown_list_in_a_summary_keeps_its_lines() {
    let (dir, file) = common::staged("jsonresume/leniency/summary-list.json");
    let out = rescc(dir.path(), &["build", file.to_str().unwrap(), "--format", "pdf,docx,txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = [
        "Backend engineer with 6 years of Go and PostgreSQL",
        "Runs services handling 9,000 requests a second",
        "Mentors 4 engineers",
    ];
    let txt = std::fs::read_to_string(dir.path().join("out/Ada_Okoro_Resume.txt")).unwrap();
    assert!(txt.contains(&format!("SUMMARY\n{}\n", lines.join("\n"))), "{txt}");
    let docx = common::part(&std::fs::read(dir.path().join("out/Ada_Okoro_Resume.docx")).unwrap(), "word/document.xml");
    let broken = format!("{}</w:t><w:br/><w:t xml:space=\"preserve\">{}", lines[0], lines[1]);
    assert!(docx.contains(&broken), "{docx}");
    if have("pdftotext") {
        let pdf = pdftotext(&dir.path().join("out/Ada_Okoro_Resume.pdf"));
        assert!(pdf.contains(&lines.join("\n")), "{pdf}");
    }
}
