use super::*;

#[test]
fn apt_get_chain() {
    let text = "apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*";
    let script = parse(text);
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [
            vec!["apt-get", "update"],
            vec![
                "apt-get",
                "install",
                "-y",
                "--no-install-recommends",
                "curl"
            ],
            vec!["rm", "-rf", "/var/lib/apt/lists/*"],
        ]
    );
    let connectors: Vec<_> = script.commands.iter().map(|c| c.connector).collect();
    assert_eq!(
        connectors,
        [None, Some(Connector::And), Some(Connector::And)]
    );
    assert_eq!(
        raw(text, &script.commands[2].span),
        "rm -rf /var/lib/apt/lists/*"
    );
    let install = &script.commands[1];
    assert!(install.invokes(&["apt-get", "install"]));
    assert!(install.has_flag(Some('y'), Some("yes")));
    assert!(install.has_flag(None, Some("no-install-recommends")));
    // One `&&` list, three pipelines of one command each.
    assert!(script.commands.iter().all(|c| c.and_or == install.and_or));
    assert!(script.commands.iter().all(|c| c.pipeline_len == 1));
}

#[test]
fn every_connector() {
    let script = parse("a; b || c | d & e\nf |& g");
    assert!(script.complete);
    let connectors: Vec<_> = script.commands.iter().map(|c| c.connector).collect();
    assert_eq!(
        connectors,
        [
            None,
            Some(Connector::Sequence),
            Some(Connector::Or),
            Some(Connector::Pipe),
            Some(Connector::Background),
            Some(Connector::Sequence),
            Some(Connector::Pipe),
        ]
    );
}

#[test]
fn pipelines_have_ids_positions_and_lengths() {
    let script = parse("curl -fsSL x | tar -xz -C / | cat && echo done");
    let c = &script.commands;
    assert_eq!((c[0].pipeline_index, c[0].pipeline_len), (0, 3));
    assert_eq!((c[2].pipeline_index, c[2].pipeline_len), (2, 3));
    assert_eq!(c[0].pipeline, c[2].pipeline);
    assert_ne!(c[0].pipeline, c[3].pipeline);
    assert_eq!(c[3].pipeline_len, 1);
    assert_eq!(c[0].and_or, c[3].and_or);
}

#[test]
fn a_compound_command_is_one_pipeline_element() {
    let script = parse("ls | while read f; do rm \"$f\"; done");
    assert!(script.complete);
    let ls = &script.commands[0];
    assert_eq!((ls.pipeline_len, ls.depth), (2, 0));
    let rm = script.commands_named("rm").next().unwrap();
    assert_eq!(rm.depth, 1);
}

#[test]
fn newlines_after_operators_continue_the_list() {
    let script = parse("a &&\n  b |\n c\n\n d");
    assert!(script.complete);
    let connectors: Vec<_> = script.commands.iter().map(|c| c.connector).collect();
    assert_eq!(
        connectors,
        [
            None,
            Some(Connector::And),
            Some(Connector::Pipe),
            Some(Connector::Sequence)
        ]
    );
}

#[test]
fn background_jobs() {
    let script = parse("dockerd &\nsleep 1 & wait");
    assert!(script.complete);
    let connectors: Vec<_> = script.commands.iter().map(|c| c.connector).collect();
    assert_eq!(
        connectors,
        [
            None,
            Some(Connector::Background),
            Some(Connector::Background)
        ]
    );
    assert!(!parse("& ls").complete);
    assert!(!parse("a && && b").complete);
}

#[test]
fn negation() {
    let script = parse("! grep -q x f && echo missing");
    assert!(script.commands[0].negated);
    assert!(!script.commands[1].negated);
    assert_eq!(script.commands[0].words[0].value, "grep");
}

#[test]
fn empty_and_blank_scripts() {
    for text in ["", "   ", "\n\n", "# only a comment", "\\\n"] {
        let script = parse(text);
        assert!(script.complete, "{text:?}");
        assert!(script.commands.is_empty(), "{text:?}");
    }
}
