//! Every rule has fixtures under `tests/fixtures/<rule-name>/`: entries whose name starts with
//! `fires` must produce at least one finding of that rule, entries starting with `near-miss` none.
//! An entry is a single file (checked as the kind its name says, a Dockerfile by default) or a
//! folder checked as a whole workspace. The rule's findings in each entry are snapshotted (only
//! that rule's, so a new rule elsewhere never changes another rule's snapshots).
//!
//! The bad and good examples in each rule's own docs are checked the same way, so the docs
//! cannot drift from what the rule does; an example may carry its configuration as a
//! ```` ```yaml .ballast.yaml ```` block before `Use instead:`, used for both halves.
//!
//! Fixtures are checked with the default configuration, unless their folder has a
//! `ballast.yaml`: then that configuration is used for every fixture of the folder.

mod common;

use ballast_policy::rules::{self, ExampleFile, Rule};
use ballast_policy::{check, Config, FileKind, Report, SourceFile};
use std::fs;
use std::path::{Path, PathBuf};

/// A fixture folder's own configuration.
const CONFIG_FILE: &str = "ballast.yaml";

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Loads a fixture entry as source files with paths relative to the entry.
fn load(entry: &Path) -> Vec<SourceFile> {
    if entry.is_file() {
        let name = entry.file_name().unwrap().to_string_lossy().into_owned();
        let mut file = SourceFile::new(name, fs::read_to_string(entry).unwrap());
        if file.kind().is_none() {
            file.kind = Some(FileKind::Dockerfile);
        }
        return vec![file];
    }
    common::load_tree(entry)
}

fn render(report: &Report) -> String {
    render_only(report, None)
}

fn render_only(report: &Report, rule: Option<&Rule>) -> String {
    let mut out = String::new();
    let wanted = |code: &str| rule.is_none_or(|r| r.meta.code == code);
    for f in report.findings.iter().filter(|f| wanted(f.code)) {
        let l = &f.location;
        out.push_str(&format!(
            "{}:{}:{}-{}:{} {} [{}] {}: {}\n",
            l.file,
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            f.code,
            f.rule,
            f.severity,
            f.message
        ));
        if let Some(help) = &f.help {
            out.push_str(&format!("    help: {help}\n"));
        }
        for r in &f.related {
            let rl = &r.location;
            out.push_str(&format!(
                "    related {}:{}:{}: {}\n",
                rl.file, rl.line, rl.column, r.message
            ));
        }
    }
    out
}

fn count(report: &Report, rule: &Rule) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.code == rule.meta.code)
        .count()
}

#[test]
fn every_rule_has_fixtures_that_fire_and_near_misses_that_do_not() {
    let mut problems = Vec::new();
    for rule in rules::all() {
        let dir = fixtures_root().join(rule.meta.name);
        let Ok(entries) = fs::read_dir(&dir) else {
            problems.push(format!(
                "{}: no fixtures in {}",
                rule.meta.name,
                dir.display()
            ));
            continue;
        };
        let config = match fs::read_to_string(dir.join(CONFIG_FILE)) {
            Ok(text) => ballast_policy::config::file::parse(CONFIG_FILE, &text)
                .unwrap_or_else(|e| panic!("{}: {e:?}", rule.meta.name)),
            Err(_) => Config::default(),
        };
        let mut entries: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
        entries.sort();
        let (mut fires, mut near_misses) = (0, 0);
        for entry in entries {
            let name = entry.file_name().unwrap().to_string_lossy().into_owned();
            if name.contains(".snap") || name == CONFIG_FILE {
                continue;
            }
            let report = check(&load(&entry), &config);
            let found = count(&report, rule);
            if name.starts_with("fires") {
                fires += 1;
                if found == 0 {
                    problems.push(format!(
                        "{}: {name} should fire but did not",
                        rule.meta.name
                    ));
                }
            } else if name.starts_with("near-miss") {
                near_misses += 1;
                if found != 0 {
                    problems.push(format!(
                        "{}: {name} must not fire but did:\n{}",
                        rule.meta.name,
                        render(&report)
                    ));
                }
            } else {
                problems.push(format!(
                    "{}: {name} is neither fires* nor near-miss*",
                    rule.meta.name
                ));
                continue;
            }
            insta::with_settings!({
                snapshot_path => dir.clone(),
                prepend_module_to_snapshot => false,
                omit_expression => true,
            }, {
                insta::assert_snapshot!(name.clone(), render_only(&report, Some(rule)));
            });
        }
        if rule.meta.name != "syntax-error" && (fires == 0 || near_misses == 0) {
            problems.push(format!(
                "{}: needs at least one fires* and one near-miss* fixture",
                rule.meta.name
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_documents_an_example_that_fires_and_a_fix_that_does_not() {
    // An example's `.ballast.yaml` block is its configuration, not a file to check.
    let config_of = |example: &[ExampleFile]| -> Config {
        example
            .iter()
            .find(|f| f.path == ".ballast.yaml")
            .map(|f| ballast_policy::config::file::parse(&f.path, &f.contents).unwrap())
            .unwrap_or_default()
    };
    let as_files = |example: Vec<ExampleFile>| -> Vec<SourceFile> {
        example
            .into_iter()
            .filter(|f| f.path != ".ballast.yaml")
            .map(|f| {
                let mut file = SourceFile::new(f.path, f.contents);
                if file.kind().is_none() {
                    file.kind = Some(FileKind::Dockerfile);
                }
                file
            })
            .collect()
    };
    let mut problems = Vec::new();
    for rule in rules::all() {
        let meta = &rule.meta;
        let (bad, good) = (meta.bad_example(), meta.good_example());
        if bad.is_empty() || good.is_empty() {
            problems.push(format!(
                "{}: docs need an Example and a Use instead block",
                meta.name
            ));
            continue;
        }
        let config = config_of(&bad);
        if count(&check(&as_files(bad), &config), rule) == 0 {
            problems.push(format!(
                "{}: the documented example does not fire",
                meta.name
            ));
        }
        let fixed = check(&as_files(good), &config);
        if count(&fixed, rule) != 0 {
            problems.push(format!(
                "{}: the documented fix still fires:\n{}",
                meta.name,
                render(&fixed)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
