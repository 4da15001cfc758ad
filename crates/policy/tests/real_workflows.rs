//! Workflows shaped like those of public projects (`tests/fixtures/real-workflows/`, see its
//! README) parse, are recognised, and draw no finding from any workspace rule.

mod common;

use ballast_policy::workspace::{Origin, WorkspaceContext};
use ballast_policy::{check, rules, Config, FileKind};
use std::fs;
use std::path::{Path, PathBuf};

use common::load_tree as load;

#[test]
fn real_workflows_parse_and_draw_no_false_positive() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-workflows");
    let mut projects: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    projects.sort();
    assert!(projects.len() >= 3, "expected at least three projects");
    for project in projects {
        let files = load(&project);
        let config = Config::default();
        // Not vacuous: the workflows' builds are in the graph, with their gha caches.
        let workspace = WorkspaceContext::new(&files, &config);
        let step_builds: Vec<_> = workspace
            .builds
            .iter()
            .filter(|b| matches!(b.origin, Origin::Step { .. }))
            .collect();
        assert!(
            step_builds
                .iter()
                .any(|b| b.cache_to.iter().any(|(c, _)| c.contains("type=gha"))),
            "{}: no build writing the gha cache found",
            project.display()
        );
        let report = check(&files, &config);
        let workflows = report
            .files
            .iter()
            .filter(|f| f.kind == FileKind::Workflow)
            .count();
        assert!(
            workflows > 0,
            "{}: no workflow recognised",
            project.display()
        );
        let wrong: Vec<String> = report
            .findings
            .iter()
            .filter(|f| {
                f.rule == "syntax-error" && !f.location.file.ends_with("Dockerfile")
                    || rules::find(f.rule)
                        .is_some_and(|r| matches!(r.check, rules::Check::Workspace(_)))
            })
            .map(|f| {
                format!(
                    "{}:{} {} {}",
                    f.location.file, f.location.line, f.rule, f.message
                )
            })
            .collect();
        assert!(
            wrong.is_empty(),
            "{}:\n{}",
            project.display(),
            wrong.join("\n")
        );
    }
}
