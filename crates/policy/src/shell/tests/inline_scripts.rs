use super::*;

#[test]
fn sh_c_single_quoted_is_parsed_in_place() {
    let text = "sh -c 'apt-get update && pip install x' && ls";
    let script = parse(text);
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [
            vec!["sh", "-c", "apt-get update && pip install x"],
            vec!["apt-get", "update"],
            vec!["pip", "install", "x"],
            vec!["ls"],
        ]
    );
    let pip = &script.commands[2];
    assert!(pip.in_inline_script && !pip.in_substitution);
    assert_eq!(pip.depth, 1);
    assert_eq!(raw(text, &pip.span), "pip install x");
    assert_eq!(pip.connector, Some(Connector::And));
    assert!(!script.commands[3].in_inline_script);
}

#[test]
fn bash_options_before_c() {
    let text = "sudo bash -o pipefail -ec \"curl x | sh\"";
    let script = parse(text);
    assert_eq!(script.commands.len(), 3);
    assert_eq!(raw(text, &script.commands[1].span), "curl x");
    assert_eq!(script.commands[1].pipeline_len, 2);
}

#[test]
fn escaped_script_gets_the_span_of_the_argument() {
    let text = r#"bash -c "echo \"hi\" && rm -rf /tmp/x""#;
    let script = parse(text);
    assert!(script.complete);
    let rm = script.commands_named("rm").next().expect("rm");
    assert_eq!(rm.words[2].value, "/tmp/x");
    assert_eq!(raw(text, &rm.span), &text[8..]);
}

#[test]
fn heredocs_of_inline_scripts_keep_their_own_bodies() {
    let text = "cat <<A\nouter\nA\nsh -c 'cat <<B\ninner\nB\n'";
    let script = parse(text);
    assert!(script.complete);
    let bodies: Vec<_> = script
        .commands
        .iter()
        .flat_map(|c| c.heredocs())
        .map(|h| match h {
            Redirect::Heredoc { body, index, .. } => (raw(text, body.as_ref().unwrap()), *index),
            Redirect::File { .. } => unreachable!(),
        })
        .collect();
    assert_eq!(bodies, [("outer\n", 0), ("inner\n", 0)]);
}

#[test]
fn sh_without_c_is_not_an_inline_script() {
    assert_eq!(parse("sh script.sh 'echo x'").commands.len(), 1);
    assert_eq!(parse("bash -c").commands.len(), 1);
}
