use super::*;

#[test]
fn commands_inside_dollar_parens_are_emitted_in_source_order() {
    let text = "echo \"$(curl -s $(cat url))\" && ls";
    let script = parse(text);
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [
            vec!["echo", "$(curl -s $(cat url))"],
            vec!["curl", "-s", "$(cat url)"],
            vec!["cat", "url"],
            vec!["ls"]
        ]
    );
    let flags: Vec<_> = script
        .commands
        .iter()
        .map(|c| (c.in_substitution, c.depth))
        .collect();
    assert_eq!(flags, [(false, 0), (true, 1), (true, 2), (false, 0)]);
    assert_eq!(raw(text, &script.commands[2].span), "cat url");
    assert_eq!(script.commands[3].connector, Some(Connector::And));
}

#[test]
fn backticks_are_substitutions() {
    let text = "echo `uname -m` `echo \\`id\\``";
    let script = parse(text);
    assert!(script.complete);
    let inner: Vec<_> = script
        .commands
        .iter()
        .filter(|c| c.in_substitution)
        .collect();
    assert_eq!(inner.len(), 3);
    assert_eq!(raw(text, &inner[0].span), "uname -m");
    // Escaped backticks are parsed from an unescaped copy: spans cover the whole word.
    assert!(inner.iter().any(|c| c.words[0].value == "id"));
}

#[test]
fn arithmetic_runs_no_command() {
    let script = parse("echo $(( (1+2) * 3 ))");
    assert!(script.complete);
    assert_eq!(script.commands.len(), 1);
}

#[test]
fn process_substitution() {
    let script = parse("diff <(sort a) <(sort b)");
    assert!(script.complete);
    assert_eq!(argvs(&script)[0], ["diff", "<(sort a)", "<(sort b)"]);
    assert_eq!(
        script.commands.iter().filter(|c| c.in_substitution).count(),
        2
    );
}

#[test]
fn case_inside_substitution() {
    let script = parse("x=$(case a in a) echo 1;; esac) && echo $x");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [vec![], vec!["echo", "1"], vec!["echo", "$x"]]
    );
    assert_eq!(
        script.commands[0].assignments[0].value,
        "x=$(case a in a) echo 1;; esac)"
    );
}

#[test]
fn substitution_contents_are_lexed_like_the_script() {
    let script = parse("v=$(uname -m 2>&1 | tr -d ')' # a comment )\n) \"${x//\\}/y}\" \"#no\"");
    assert!(script.complete, "{:?}", argvs(&script));
    assert_eq!(
        argvs(&script),
        [
            vec![r"${x//\}/y}", "#no"],
            vec!["uname", "-m"],
            vec!["tr", "-d", ")"]
        ]
    );
    assert_eq!(script.commands[1].pipeline_len, 2);
    assert_eq!(script.commands[0].assignments.len(), 1);
}

#[test]
fn unclosed_substitutions_are_incomplete() {
    for text in ["echo $(ls", "echo `ls", "echo ${x", "echo $((1+2)"] {
        assert!(!parse(text).complete, "{text:?}");
    }
}

#[test]
fn deep_nesting_gives_up_without_overflow() {
    let text = format!("{}x{}", "$(".repeat(500), ")".repeat(500));
    let script = parse(&text);
    assert!(!script.complete);
}
