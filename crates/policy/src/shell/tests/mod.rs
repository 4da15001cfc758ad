//! Unit tests, one file per construct; `robustness` holds the property tests.

use super::*;

mod compounds;
mod heredocs;
mod inline_scripts;
mod lists;
mod queries;
mod redirects;
mod robustness;
mod substitutions;
mod words;

/// The argv of every command, as plain strings.
fn argvs(script: &Script) -> Vec<Vec<&str>> {
    script
        .commands
        .iter()
        .map(|c| c.words.iter().map(Word::as_str).collect())
        .collect()
}

fn only(text: &str) -> Command {
    let script = parse(text);
    assert!(script.complete, "{text:?} should parse completely");
    assert_eq!(script.commands.len(), 1, "{text:?}: {:?}", argvs(&script));
    script.commands.into_iter().next().unwrap()
}

fn raw<'t>(text: &'t str, span: &std::ops::Range<usize>) -> &'t str {
    &text[span.clone()]
}
