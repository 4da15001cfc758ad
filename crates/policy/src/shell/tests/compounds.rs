use super::*;

#[test]
fn if_condition_and_bodies_are_commands() {
    let script = parse("if apt-get update; then echo ok; elif false; then :; else exit 1; fi");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [
            vec!["apt-get", "update"],
            vec!["echo", "ok"],
            vec!["false"],
            vec![":"],
            vec!["exit", "1"],
        ]
    );
    assert!(script.commands.iter().all(|c| c.depth == 1));
    assert!(script.commands.iter().all(|c| c.connector.is_none()));
}

#[test]
fn reserved_words_only_in_command_position() {
    let script = parse("echo if then fi done");
    assert_eq!(argvs(&script), [["echo", "if", "then", "fi", "done"]]);
    // A quoted reserved word is a program name.
    assert_eq!(argvs(&parse("'if' x")), [["if", "x"]]);
}

#[test]
fn for_loop_header_is_not_a_command() {
    let script = parse("for p in a b c; do pip install \"$p\"; done && echo ok");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [vec!["pip", "install", "$p"], vec!["echo", "ok"]]
    );
    assert_eq!(script.commands[0].depth, 1);
    assert_eq!(script.commands[1].connector, Some(Connector::And));
}

#[test]
fn until_and_select_loops() {
    let script = parse("until curl -f x; do sleep 1; done\nselect o in a b; do break; done");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [vec!["curl", "-f", "x"], vec!["sleep", "1"], vec!["break"]]
    );
}

#[test]
fn nested_loops_and_arithmetic_for() {
    let script = parse("for ((i=0; i<3; i++)); do while true; do break; done; done");
    assert!(script.complete);
    assert_eq!(argvs(&script), [vec!["true"], vec!["break"]]);
    assert_eq!(script.commands[1].depth, 2);
}

#[test]
fn case_patterns_are_not_commands() {
    let text = "case \"$ARCH\" in\n  amd64|x86_64) A=x64 ;;\n  (arm64) A=arm ; echo arm ;;\n  *) exit 1\nesac; echo $A";
    let script = parse(text);
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [
            vec![],
            vec![],
            vec!["echo", "arm"],
            vec!["exit", "1"],
            vec!["echo", "$A"]
        ]
    );
    assert_eq!(script.commands[0].assignments[0].value, "A=x64");
    assert_eq!(script.commands[1].depth, 1);
    assert_eq!(script.commands[2].connector, Some(Connector::Sequence));
    assert_eq!(script.commands[4].depth, 0);
}

#[test]
fn subshells_and_groups() {
    let script = parse("(cd /tmp && make) && { echo a; echo b; } > log 2>&1");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [
            vec!["cd", "/tmp"],
            vec!["make"],
            vec!["echo", "a"],
            vec!["echo", "b"]
        ]
    );
    assert!(script.commands.iter().all(|c| c.depth == 1));
    // The redirects after `}` belong to the group, not to `echo b`.
    assert!(script.commands[3].redirects.is_empty());
}

#[test]
fn functions_are_not_commands_but_their_bodies_are() {
    let script = parse("f() { echo hi; }\nfunction g { ls; }\nfunction h() { pwd; }\nf");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [vec!["echo", "hi"], vec!["ls"], vec!["pwd"], vec!["f"]]
    );
}

#[test]
fn double_brackets_keep_operators_as_words() {
    let script = parse("[[ -f a && $x < 3 ]] && echo yes");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [
            vec!["[[", "-f", "a", "&&", "$x", "<", "3", "]]"],
            vec!["echo", "yes"]
        ]
    );
}

#[test]
fn unclosed_compounds_are_incomplete() {
    for text in [
        "if true; then echo",
        "(echo a",
        "{ echo a;",
        "echo a)",
        "while x; do y",
    ] {
        assert!(!parse(text).complete, "{text:?}");
    }
}
