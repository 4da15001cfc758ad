//! `docs/rules.md` and `docs/parity.md` are generated from the rules' metadata; these tests fail
//! when the committed files are stale. Regenerate with
//! `cargo run -p ballast -- rules --format markdown > docs/rules.md` and
//! `cargo run -p ballast -- rules --format parity > docs/parity.md`.

use ballast_policy::docs;
use std::path::Path;

fn committed(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_default()
}

#[test]
fn rules_md_is_fresh() {
    assert!(
        committed("rules.md") == docs::rules_markdown(),
        "docs/rules.md is stale: regenerate it with `cargo run -p ballast -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn parity_md_is_fresh() {
    assert!(
        committed("parity.md") == docs::parity_markdown(),
        "docs/parity.md is stale: regenerate it with `cargo run -p ballast -- rules --format parity > docs/parity.md`"
    );
}

#[test]
fn every_hadolint_rule_and_buildkit_check_is_covered_or_explained() {
    let missing: Vec<_> = docs::parity()
        .into_iter()
        .filter(|row| row.rule.is_none() && row.note.is_none())
        .map(|row| row.code)
        .collect();
    assert!(
        missing.is_empty(),
        "no ballast rule or reason for: {missing:?}"
    );
}
