//! Feeds arbitrary text to the Dockerfile parser: it must not panic, and every span it returns
//! must lie inside the source on character boundaries.

#![no_main]

use ballast_policy::dockerfile::{dump, parse};
use ballast_policy::span::Span;
use libfuzzer_sys::fuzz_target;

fn check(source: &str, span: Span) {
    assert!(span.start <= span.end && span.end <= source.len());
    assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let ast = parse(source);
    for inst in &ast.instructions {
        check(source, inst.span);
        check(source, inst.keyword_span);
        inst.flags.iter().for_each(|f| check(source, f.span));
        for heredoc in &inst.heredocs {
            check(source, heredoc.span);
            check(source, heredoc.marker_span);
            check(source, heredoc.body.source_span(0, heredoc.body.text.len()));
        }
        let _ = inst.mounts();
    }
    ast.errors.iter().for_each(|e| check(source, e.span));
    ast.comments.iter().for_each(|c| check(source, c.span));
    let _ = dump(&ast, source);
});
