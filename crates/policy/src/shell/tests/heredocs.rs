use super::*;

#[test]
fn seed_python_heredoc_with_body_removed() {
    let text = "HF_HOME=/tmp/hf_cache NLTK_DATA=/tmp/nltk_cache python - <<'PY' && cp -r /tmp/hf_cache /root/.cache/huggingface && cp -r /tmp/nltk_cache /root/nltk_data";
    let script = parse(text);
    assert!(script.complete);
    assert_eq!(script.commands.len(), 3);
    let python = &script.commands[0];
    let assignments: Vec<_> = python.assignments.iter().map(Word::as_str).collect();
    assert_eq!(
        assignments,
        ["HF_HOME=/tmp/hf_cache", "NLTK_DATA=/tmp/nltk_cache"]
    );
    assert_eq!(python.program(), Some("python"));
    assert_eq!(python.args()[0].value, "-");
    let heredoc = python.heredocs().next().expect("a heredoc");
    assert_eq!(
        heredoc,
        &Redirect::Heredoc {
            fd: None,
            delimiter: "PY".into(),
            quoted: true,
            strip_tabs: false,
            index: 0,
            body: None,
            span: text.find("<<").unwrap()..text.find(" &&").unwrap(),
        }
    );
    for cp in &script.commands[1..] {
        assert_eq!(cp.program(), Some("cp"));
        assert_eq!(cp.connector, Some(Connector::And));
    }
    assert_eq!(script.commands[2].words[3].value, "/root/nltk_data");
}

#[test]
fn body_inside_the_text() {
    let text = "cat <<EOF > /etc/x.conf\nline $HOME\n&& not a command\nEOF\necho after";
    let script = parse(text);
    assert!(script.complete);
    assert_eq!(argvs(&script), [vec!["cat"], vec!["echo", "after"]]);
    let Redirect::Heredoc { body, quoted, .. } = &script.commands[0].redirects[0] else {
        panic!("expected a heredoc");
    };
    assert!(!quoted);
    assert_eq!(
        raw(text, body.as_ref().unwrap()),
        "line $HOME\n&& not a command\n"
    );
    assert_eq!(
        script.commands[0].redirects[1].target().unwrap().value,
        "/etc/x.conf"
    );
}

#[test]
fn two_heredocs_on_one_line_and_tab_stripping() {
    let text = "paste <<A <<-\"B\"\n1\nA\n\t2\n\tB\nls";
    let script = parse(text);
    assert!(script.complete);
    let bodies: Vec<_> = script.commands[0]
        .heredocs()
        .map(|h| match h {
            Redirect::Heredoc {
                body,
                index,
                strip_tabs,
                quoted,
                ..
            } => (
                raw(text, body.as_ref().unwrap()),
                *index,
                *strip_tabs,
                *quoted,
            ),
            Redirect::File { .. } => unreachable!(),
        })
        .collect();
    assert_eq!(bodies, [("1\n", 0, false, false), ("\t2\n", 1, true, true)]);
    assert_eq!(argvs(&script)[1], ["ls"]);
}

#[test]
fn a_lone_marker_is_a_heredoc_script() {
    assert_eq!(parse("<<EOF").heredoc_script(), Some(0));
    assert_eq!(parse("<<-'EOF'\n").heredoc_script(), Some(0));
    assert_eq!(parse("python <<EOF").heredoc_script(), None);
    assert_eq!(parse("<<A && <<B").heredoc_script(), None);
}

#[test]
fn heredoc_inside_a_substitution() {
    let text = "x=$(cat <<EOF\n$(not run)\nEOF\n) && echo \"$x\"";
    let script = parse(text);
    assert!(script.complete);
    assert_eq!(argvs(&script), [vec![], vec!["cat"], vec!["echo", "$x"]]);
}

#[test]
fn absent_body_leaves_the_next_lines_as_commands() {
    let script = parse("cat <<EOF\necho next");
    assert!(script.complete);
    assert_eq!(argvs(&script), [vec!["cat"], vec!["echo", "next"]]);
}

#[test]
fn heredoc_after_a_loop_belongs_to_no_command() {
    let script = parse("while read l; do echo $l; done <<EOF\na\nEOF\nls");
    assert!(script.complete);
    assert_eq!(
        argvs(&script),
        [vec!["read", "l"], vec!["echo", "$l"], vec!["ls"]]
    );
}
