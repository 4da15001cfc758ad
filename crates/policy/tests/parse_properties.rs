//! Property tests: `parse` never panics, and every span it returns lies inside the source on
//! character boundaries, for arbitrary text and for Dockerfile-shaped text.

use ballast_policy::dockerfile::ast::{
    Args, CommandForm, Dockerfile, HealthcheckArgs, Instruction, SourceText, Word,
};
use ballast_policy::dockerfile::{dump, parse};
use ballast_policy::span::Span;
use proptest::prelude::*;

fn check_span(source: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what}: reversed {span:?}");
    assert!(
        span.end <= source.len(),
        "{what}: {span:?} past {}",
        source.len()
    );
    assert!(
        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
        "{what}: {span:?} splits a character"
    );
}

fn check_text(source: &str, text: &SourceText, what: &str) {
    for &(t, s) in &text.segments {
        assert!(t <= text.text.len(), "{what}: segment text offset");
        assert!(s <= source.len(), "{what}: segment source offset");
    }
    let (mut start, end) = (0, text.text.len());
    while start < end {
        let next = start + text.text[start..].chars().next().map_or(1, char::len_utf8);
        check_span(source, text.source_span(start, next), what);
        start = next;
    }
}

fn check_words(source: &str, words: &[Word], what: &str) {
    words.iter().for_each(|w| check_span(source, w.span, what));
}

fn check_command(source: &str, form: &CommandForm) {
    match form {
        CommandForm::Exec { args, span } => {
            check_span(source, *span, "exec");
            check_words(source, args, "exec arg");
        }
        CommandForm::Shell(text) => check_text(source, text, "shell"),
    }
}

fn check_instruction(source: &str, inst: &Instruction) {
    check_span(source, inst.span, "instruction");
    check_span(source, inst.keyword_span, "keyword");
    for flag in &inst.flags {
        check_span(source, flag.span, "flag");
        if let Some(v) = flag.value_span {
            check_span(source, v, "flag value");
        }
    }
    for heredoc in &inst.heredocs {
        check_span(source, heredoc.span, "heredoc");
        check_span(source, heredoc.marker_span, "marker");
        check_text(source, &heredoc.body, "heredoc body");
    }
    let _ = inst.mounts();
    match &inst.args {
        Args::Command(form) | Args::Healthcheck(HealthcheckArgs::Cmd(form)) => {
            check_command(source, form)
        }
        Args::Healthcheck(HealthcheckArgs::Other { kind, rest }) => {
            check_span(source, kind.span, "kind");
            rest.iter().for_each(|r| check_span(source, r.span, "rest"));
        }
        Args::From {
            image,
            as_keyword,
            name,
        } => [Some(image), as_keyword.as_ref(), name.as_ref()]
            .into_iter()
            .flatten()
            .for_each(|w| check_span(source, w.span, "from")),
        Args::KeyValues(pairs) => pairs.iter().for_each(|p| {
            check_span(source, p.key.span, "key");
            check_span(source, p.value.span, "value");
        }),
        Args::Arg(decls) => decls.iter().for_each(|d| {
            check_span(source, d.span, "arg");
            check_span(source, d.name.span, "arg name");
        }),
        Args::Copy { paths: words, .. } | Args::Words(words) => check_words(source, words, "word"),
        Args::Onbuild(inner) => check_instruction(source, inner),
        Args::Healthcheck(HealthcheckArgs::None) | Args::Invalid => {}
    }
}

fn check(source: &str) -> Dockerfile {
    let ast = parse(source);
    ast.instructions
        .iter()
        .for_each(|i| check_instruction(source, i));
    ast.errors
        .iter()
        .for_each(|e| check_span(source, e.span, "error"));
    ast.comments
        .iter()
        .for_each(|c| check_span(source, c.span, "comment"));
    ast.directives
        .iter()
        .for_each(|d| check_span(source, d.span, "directive"));
    ast.empty_continuation_lines
        .iter()
        .for_each(|s| check_span(source, *s, "empty line"));
    let _ = dump(&ast, source);
    ast
}

/// Pieces Dockerfiles are made of, including the awkward ones.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "FROM ",
            "RUN ",
            "run ",
            "COPY ",
            "ADD ",
            "ENV ",
            "LABEL ",
            "ARG ",
            "CMD ",
            "ENTRYPOINT ",
            "HEALTHCHECK ",
            "ONBUILD ",
            "SHELL ",
            "EXPOSE ",
            "VOLUME ",
            "USER ",
            "WORKDIR ",
            "STOPSIGNAL ",
            "MAINTAINER ",
            "AS ",
            "CMD ",
            "NONE",
            "--mount=type=cache,target=/x ",
            "--mount=\"type=bind\",src=a ",
            "--from=b ",
            "--link ",
            "-- ",
            "--",
            "\\",
            "`",
            "\\\n",
            "`\n",
            "\n",
            "\r\n",
            "\r",
            "\t",
            " ",
            "<<EOF",
            "<<-EOF",
            "<<'EOF'",
            "<<\"E F\"",
            "2<<X",
            "EOF",
            "\tEOF",
            "X",
            "<<",
            "#",
            "# escape=`\n",
            "# syntax=x\n",
            "# check=skip=all\n",
            "'",
            "\"",
            "[",
            "]",
            ",",
            "[\"a\", \"b\"]",
            "[1]",
            "=",
            "a=b ",
            "\u{feff}",
            "é",
            "日本",
            "😀",
            "\u{a0}",
            "\u{85}",
            "\u{0}",
            "$VAR",
            "${A:-b}",
        ])
        .prop_map(str::to_string),
        "[a-z/._=-]{1,8}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn dockerfile_shaped() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..60).prop_map(|parts| parts.concat())
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        check(&source);
    }

    #[test]
    fn dockerfile_shaped_text_keeps_spans_valid(source in dockerfile_shaped()) {
        check(&source);
    }

    #[test]
    fn a_bom_only_shifts_spans(source in dockerfile_shaped()) {
        let source = source.trim_start_matches('\u{feff}');
        let plain = check(source);
        let with_bom = format!("\u{feff}{source}");
        let shifted = check(&with_bom);
        prop_assert_eq!(plain.instructions.len(), shifted.instructions.len());
        for (a, b) in plain.instructions.iter().zip(&shifted.instructions) {
            prop_assert_eq!(a.span.start + 3, b.span.start);
        }
    }
}
