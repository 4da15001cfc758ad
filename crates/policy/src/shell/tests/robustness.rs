use super::*;
use proptest::prelude::*;

#[test]
fn unbalanced_quotes_are_incomplete() {
    for text in [
        "echo 'abc",
        "echo \"abc",
        "echo \"$(ls)",
        "echo $'x",
        "echo \"a\\",
    ] {
        let script = parse(text);
        assert!(!script.complete, "{text:?}");
        assert!(script.commands.iter().all(|c| c.span.end <= text.len()));
    }
}

fn assert_well_formed(text: &str) {
    let script = parse(text);
    let check = |span: &std::ops::Range<usize>| {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{span:?} in {text:?}"
        );
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    };
    for (i, command) in script.commands.iter().enumerate() {
        check(&command.span);
        command
            .assignments
            .iter()
            .chain(&command.words)
            .for_each(|w| check(&w.span));
        for redirect in &command.redirects {
            check(&redirect.span());
            if let Redirect::Heredoc {
                body: Some(body), ..
            } = redirect
            {
                check(body);
            }
        }
        let _ = (
            command.program(),
            command.tool(),
            command.subcommand(),
            command.args(),
        );
        let _ = command.has_flag(Some('y'), Some("yes"));
        let _ = command.positional_args().count();
        let _ = (script.pipefail_before(i), script.failure_ignored(i));
        assert!(command.pipeline_index < command.pipeline_len);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_text_parses_without_panic(text in "\\PC{0,80}") {
        assert_well_formed(&text);
    }

    #[test]
    fn shell_like_text_parses_without_panic(
        text in "([a-z$=\\-]{1,4}|[ \t\n]|[;&|<>()`'\"\\\\{}#!]|<<-?E|\nE\n|\\$\\(|\\$\\{|\\$\\(\\(|é){0,40}"
    ) {
        assert_well_formed(&text);
    }
}
