use super::*;

fn file(redirect: &Redirect) -> (Option<u32>, &str, &str) {
    match redirect {
        Redirect::File { fd, op, target, .. } => (*fd, op.as_str(), target.as_str()),
        Redirect::Heredoc { .. } => panic!("not a file redirect: {redirect:?}"),
    }
}

#[test]
fn file_redirects_with_descriptors() {
    let text = "cmd >out 2>&1 <in >>log 3<>rw &>all &>>both 2>/dev/null >|clob <<<word";
    let c = only(text);
    assert_eq!(c.words.len(), 1);
    let all: Vec<_> = c.redirects.iter().map(file).collect();
    assert_eq!(
        all,
        [
            (None, ">", "out"),
            (Some(2), ">&", "1"),
            (None, "<", "in"),
            (None, ">>", "log"),
            (Some(3), "<>", "rw"),
            (None, "&>", "all"),
            (None, "&>>", "both"),
            (Some(2), ">", "/dev/null"),
            (None, ">|", "clob"),
            (None, "<<<", "word"),
        ]
    );
    assert_eq!(raw(text, &c.redirects[1].span()), "2>&1");
}

#[test]
fn unquoted_version_specifier_is_a_redirect() {
    let c = only("pip install pkg>=1.0");
    let args: Vec<_> = c.words.iter().map(Word::as_str).collect();
    assert_eq!(args, ["pip", "install", "pkg"]);
    assert_eq!(file(&c.redirects[0]), (None, ">", "=1.0"));
    // Quoted, it is an argument.
    let quoted = only("pip install 'pkg>=1.0'");
    assert!(quoted.redirects.is_empty());
    assert_eq!(quoted.words[2].value, "pkg>=1.0");
}

#[test]
fn digits_not_followed_by_a_redirect_are_words() {
    let c = only("sleep 10 2");
    assert_eq!(c.words.len(), 3);
    assert!(c.redirects.is_empty());
}

#[test]
fn a_redirect_may_come_first() {
    let c = only(">/dev/null 2>&1 command -v curl");
    assert_eq!(c.words[0].value, "command");
    assert_eq!(c.redirects.len(), 2);
    assert_eq!(c.span.start, 0);
}

#[test]
fn a_redirect_without_target_is_incomplete() {
    assert!(!parse("echo >").complete);
    assert!(!parse("echo > && ls").complete);
    // The `)` still closes the substitution.
    let script = parse("echo $(ls >) && pwd");
    assert!(!script.complete);
    assert_eq!(
        argvs(&script),
        [vec!["echo", "$(ls >)"], vec!["ls"], vec!["pwd"]]
    );
    assert_eq!(script.commands[2].depth, 0);
}
