//! End-to-end tests of `parse`: the tricky parts of BuildKit's grammar, with spans checked
//! against the source.

use super::ast::{Args, CommandForm, Instruction, Keyword};
use super::parse;
use crate::span::{LineIndex, Position, Span};

fn text(source: &str, span: Span) -> &str {
    &source[span.start..span.end]
}

fn at(source: &str, offset: usize) -> (usize, usize) {
    let Position { line, column } = LineIndex::new(source).position(source, offset);
    (line, column)
}

fn shell(inst: &Instruction) -> &super::ast::SourceText {
    match &inst.args {
        Args::Command(CommandForm::Shell(text)) => text,
        other => panic!("not shell form: {other:?}"),
    }
}

/// The tag-generator RUN of seed 000: cache mounts, a heredoc marker followed by `&& \` and
/// continued `cp -r` lines, then the Python body.
const SEED: &str = r#"FROM python:3.11-slim
RUN --mount=type=cache,target=/tmp/hf_cache \
    --mount=type=cache,target=/tmp/nltk_cache \
    HF_HOME=/tmp/hf_cache NLTK_DATA=/tmp/nltk_cache python - <<'PY' && \
    cp -r /tmp/hf_cache /root/.cache/huggingface && \
    cp -r /tmp/nltk_cache /root/nltk_data
import nltk
nltk.download('punkt')
from sentence_transformers import SentenceTransformer
SentenceTransformer('paraphrase-multilingual-MiniLM-L12-v2')
PY
CMD ["python", "main.py"]
"#;

#[test]
fn seed_tag_generator_run_with_mounts_and_heredoc() {
    let ast = parse(SEED);
    assert!(ast.errors.is_empty(), "{:?}", ast.errors);
    assert_eq!(ast.instructions.len(), 3);
    let run = &ast.instructions[1];
    assert_eq!(run.keyword, Keyword::Run);

    let mounts = run.mounts();
    assert_eq!(mounts.len(), 2);
    assert_eq!(mounts[0].kind(), "cache");
    assert_eq!(mounts[0].target(), Some("/tmp/hf_cache"));
    assert_eq!(mounts[1].target(), Some("/tmp/nltk_cache"));
    assert_eq!(at(SEED, run.flags[1].span.start), (3, 5));
    assert_eq!(
        text(SEED, run.flags[1].value_span.unwrap()),
        "type=cache,target=/tmp/nltk_cache"
    );

    let command = shell(run);
    assert_eq!(
        command.text,
        "HF_HOME=/tmp/hf_cache NLTK_DATA=/tmp/nltk_cache python - <<'PY' &&     \
         cp -r /tmp/hf_cache /root/.cache/huggingface &&     cp -r /tmp/nltk_cache /root/nltk_data"
    );
    // A word on a continuation line maps back to its own line and column.
    let cp = command.text.find("cp -r /tmp/nltk").unwrap();
    let span = command.source_span(cp, cp + 5);
    assert_eq!(text(SEED, span), "cp -r");
    assert_eq!(at(SEED, span.start), (6, 5));

    let [heredoc] = run.heredocs.as_slice() else {
        panic!("one heredoc expected: {:?}", run.heredocs)
    };
    assert_eq!(heredoc.delimiter, "PY");
    assert!(!heredoc.expand);
    assert_eq!(text(SEED, heredoc.marker_span), "<<'PY'");
    assert_eq!(at(SEED, heredoc.marker_span.start), (4, 62));
    assert!(heredoc
        .body
        .text
        .starts_with("import nltk\nnltk.download('punkt')\n"));
    assert!(heredoc
        .body
        .text
        .ends_with("SentenceTransformer('paraphrase-multilingual-MiniLM-L12-v2')\n"));
    let call = heredoc.body.text.find("SentenceTransformer(").unwrap();
    assert_eq!(at(SEED, heredoc.body.source_offset(call)), (10, 1));
    assert_eq!(at(SEED, run.span.end), (11, 3));
    assert_eq!(ast.instructions[2].keyword, Keyword::Cmd);
}

#[test]
fn backtick_escape_directive_changes_continuations() {
    let source = "# escape=`\nFROM a\nRUN echo \\ `\n  two\nRUN dir c:\\\n";
    let ast = parse(source);
    assert!(ast.errors.is_empty(), "{:?}", ast.errors);
    assert_eq!(ast.escape, '`');
    assert_eq!(ast.directives[0].name, "escape");
    assert_eq!(shell(&ast.instructions[1]).text, "echo \\   two");
    assert_eq!(shell(&ast.instructions[2]).text, "dir c:\\");
}

#[test]
fn directives_only_count_at_the_top_and_once() {
    let late = parse("FROM a\n# escape=`\nRUN x \\\n y\n");
    assert_eq!(late.escape, '\\');
    assert!(late.directives.is_empty());
    assert_eq!(late.comments.len(), 1);

    let source = "# syntax=a\n# SYNTAX=b\nFROM a\n";
    let twice = parse(source);
    assert_eq!(twice.errors.len(), 1);
    assert_eq!(text(source, twice.errors[0].span), "# SYNTAX=b");
    assert_eq!(twice.instructions.len(), 1);
}

#[test]
fn several_heredocs_on_one_line_read_in_order() {
    let source = "FROM a\nCOPY <<A <<-\"B\" /dst/\nfirst\nA\n\tsecond\n\t\tmore\n\tB\nRUN x\n";
    let ast = parse(source);
    assert!(ast.errors.is_empty(), "{:?}", ast.errors);
    let copy = &ast.instructions[1];
    assert_eq!(copy.heredocs.len(), 2);
    assert_eq!(copy.heredocs[0].body.text, "first\n");
    assert!(copy.heredocs[0].expand);
    let second = &copy.heredocs[1];
    assert!(second.strip_tabs && !second.expand);
    assert_eq!(second.body.text, "second\nmore\n");
    let more = second.body.text.find("more").unwrap();
    assert_eq!(
        text(
            source,
            Span::new(
                second.body.source_offset(more),
                second.body.source_offset(more) + 4
            )
        ),
        "more"
    );
    assert_eq!(ast.instructions[2].keyword, Keyword::Run);
}

#[test]
fn unterminated_heredoc_is_reported_at_its_marker_and_parsing_goes_on() {
    let source = "FROM a\nRUN cat <<EOF\nRUN echo next\n";
    let ast = parse(source);
    assert_eq!(ast.errors.len(), 1);
    assert_eq!(text(source, ast.errors[0].span), "<<EOF");
    assert_eq!(ast.instructions.len(), 3);
}

#[test]
fn heredocs_only_for_shell_form_run_copy_add() {
    let ast = parse("FROM a\nRUN [\"cat\", \"<<EOF\"]\nENV a=<<EOF\n");
    assert!(ast.errors.is_empty(), "{:?}", ast.errors);
    assert!(ast.instructions.iter().all(|i| i.heredocs.is_empty()));
}

#[test]
fn comment_and_empty_lines_inside_a_continuation() {
    let source = "FROM a\nRUN apt-get update && \\\n  # install\n\n  pip install uv\n";
    let ast = parse(source);
    let run = &ast.instructions[1];
    let command = shell(run);
    assert_eq!(command.text, "apt-get update &&   pip install uv");
    assert_eq!(ast.comments.len(), 1);
    assert_eq!(ast.comments[0].text, "install");
    assert_eq!(ast.empty_continuation_lines, vec![Span::new(43, 43)]);
    let pip = command.text.find("pip install uv").unwrap();
    let span = command.source_span(pip, pip + "pip install uv".len());
    assert_eq!(text(source, span), "pip install uv");
    assert_eq!(at(source, span.start), (5, 3));
}

#[test]
fn crlf_and_bom_keep_spans_on_the_original_source() {
    let source = "\u{feff}FROM a AS b\r\nrun echo \\\r\n  é && true\r\n";
    let ast = parse(source);
    assert!(ast.errors.is_empty(), "{:?}", ast.errors);
    let from = &ast.instructions[0];
    assert_eq!(from.keyword_span, Span::new(3, 7));
    let Args::From {
        name: Some(name), ..
    } = &from.args
    else {
        panic!("{:?}", from.args)
    };
    assert_eq!(text(source, name.span), "b");
    let run = &ast.instructions[1];
    assert_eq!(text(source, run.keyword_span), "run");
    let command = shell(run);
    assert_eq!(command.text, "echo   é && true");
    let t = command.text.find("true").unwrap();
    assert_eq!(text(source, command.source_span(t, t + 4)), "true");
    assert_eq!(at(source, run.span.end), (3, 12));
}

#[test]
fn json_that_is_not_an_array_of_strings_falls_back_or_fails() {
    let source = "FROM a\nHEALTHCHECK CMD [\"/app\", \"-health\"] || exit 1\nCMD [\"a\", 1]\n";
    let ast = parse(source);
    let Args::Healthcheck(super::ast::HealthcheckArgs::Cmd(CommandForm::Shell(cmd))) =
        &ast.instructions[1].args
    else {
        panic!("{:?}", ast.instructions[1].args)
    };
    assert_eq!(cmd.text, "[\"/app\", \"-health\"] || exit 1");
    assert_eq!(ast.errors.len(), 1);
    assert_eq!(text(source, ast.errors[0].span), "[\"a\", 1]");
}

#[test]
fn exec_form_words_point_at_their_json_strings() {
    let source = "FROM a\nENTRYPOINT [\"tini\", \"--\"]\n";
    let ast = parse(source);
    let Args::Command(CommandForm::Exec { args, .. }) = &ast.instructions[1].args else {
        panic!()
    };
    assert_eq!(args[1].value, "--");
    assert_eq!(text(source, args[1].span), "\"--\"");
}

#[test]
fn flags_env_arg_and_onbuild() {
    let source = "FROM --platform=$BUILDPLATFORM golang AS build\n\
                  COPY --from=build --chown=1:1 --link /a /b\n\
                  ENV A=1 B=\"two words\"\n\
                  ARG X Y=2\n\
                  ONBUILD RUN echo hi\n";
    let ast = parse(source);
    assert!(ast.errors.is_empty(), "{:?}", ast.errors);
    let copy = &ast.instructions[1];
    assert_eq!(
        copy.flag("from").and_then(|f| f.value.as_deref()),
        Some("build")
    );
    assert_eq!(copy.flag("link").map(|f| f.value.is_none()), Some(true));
    assert_eq!(
        text(source, copy.flag("chown").unwrap().span),
        "--chown=1:1"
    );
    let Args::KeyValues(pairs) = &ast.instructions[2].args else {
        panic!()
    };
    assert_eq!(pairs[1].value.value, "\"two words\"");
    assert_eq!(text(source, pairs[1].key.span), "B");
    let Args::Arg(decls) = &ast.instructions[3].args else {
        panic!()
    };
    assert_eq!(
        decls[1].default.as_ref().map(|d| d.value.as_str()),
        Some("2")
    );
    let Args::Onbuild(inner) = &ast.instructions[4].args else {
        panic!()
    };
    assert_eq!(inner.keyword, Keyword::Run);
    assert_eq!(text(source, inner.keyword_span), "RUN");
}

#[test]
fn rejected_instructions_are_errors_at_the_exact_span() {
    let cases = [
        ("FROM a\nFRUM b\n", "FRUM"),
        ("FROM a\nENV PATH\n", "PATH"),
        ("FROM a\nONBUILD ONBUILD RUN x\n", "ONBUILD"),
        ("FROM a\nONBUILD FROM b\n", "FROM"),
        (
            "FROM a\nRUN --mount=type=cache,target x\n",
            "type=cache,target",
        ),
        ("FROM a b\n", "a b"),
        ("# escape=x\nFROM a\n", "# escape=x"),
    ];
    for (source, expected) in cases {
        let ast = parse(source);
        assert_eq!(ast.errors.len(), 1, "{source:?}: {:?}", ast.errors);
        let span = ast.errors[0].span;
        assert_eq!(text(source, span), expected, "{source:?}");
    }
    // The rest of the file is still parsed.
    assert_eq!(parse("FROM a\nFRUM b\nRUN c\n").instructions.len(), 2);
}

#[test]
fn continuation_at_end_of_file_and_keywords_in_any_case() {
    let ast = parse("from a\nRun something \\");
    assert!(ast.errors.is_empty(), "{:?}", ast.errors);
    assert_eq!(shell(&ast.instructions[1]).text, "something");
    assert_eq!(ast.instructions[0].keyword, Keyword::From);
}

#[test]
fn many_unterminated_heredocs_stay_linear() {
    let source = "FROM a\n".to_string() + &"RUN cat <<EOF\n".repeat(20_000);
    let ast = parse(&source);
    assert_eq!(ast.errors.len(), 20_000);
    assert_eq!(ast.instructions.len(), 20_001);
}
