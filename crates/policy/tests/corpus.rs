//! Every Dockerfile of the shared corpus (files named `*Dockerfile`; the LICENSE beside them is
//! not one) parses without a syntax error.

mod common;

use ballast_policy::dockerfile::parse;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("corpus folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.to_string_lossy().ends_with("Dockerfile") {
            out.push(path);
        }
    }
}

#[test]
fn corpus_parses_without_syntax_errors() {
    let mut files = Vec::new();
    collect(&common::shared_dir().join("corpus/dockerfiles"), &mut files);
    files.sort();
    assert!(files.len() >= 200, "corpus has {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).expect("utf-8 Dockerfile");
        let ast = parse(&source);
        for error in &ast.errors {
            let line = source[..error.span.start].matches('\n').count() + 1;
            failures.push(format!("{}:{line}: {}", file.display(), error.message));
        }
        assert!(!ast.instructions.is_empty(), "{}", file.display());
    }
    assert!(
        failures.is_empty(),
        "syntax errors:\n{}",
        failures.join("\n")
    );
}
