use super::*;

/// The argv of every command, as plain strings.
fn argvs(script: &Script) -> Vec<Vec<&str>> {
    script
        .commands
        .iter()
        .map(|c| c.words.iter().map(Word::as_str).collect())
        .collect()
}

fn only(text: &str) -> Command {
    let script = parse(text);
    assert!(script.complete, "{text:?} should parse completely");
    assert_eq!(script.commands.len(), 1, "{text:?}: {:?}", argvs(&script));
    script.commands.into_iter().next().unwrap()
}

fn raw<'t>(text: &'t str, span: &std::ops::Range<usize>) -> &'t str {
    &text[span.clone()]
}

mod words {
    use super::*;

    #[test]
    fn quotes_are_removed_and_flagged() {
        let c = only(r#"echo 'a b' "c d" e\ f plain"#);
        let values: Vec<_> = c.words.iter().map(Word::as_str).collect();
        assert_eq!(values, ["echo", "a b", "c d", "e f", "plain"]);
        assert!(c.words[1].quoted && c.words[2].quoted && c.words[3].quoted);
        assert!(c.words[4].is_plain());
    }

    #[test]
    fn spans_cover_the_raw_text_with_quotes() {
        let text = r#"echo "x y"z"#;
        let c = only(text);
        assert_eq!(raw(text, &c.words[1].span), r#""x y"z"#);
        assert_eq!(c.words[1].value, "x yz");
        assert_eq!(c.span, 0..text.len());
    }

    #[test]
    fn double_quotes_process_only_their_escapes() {
        let c = only(r#"echo "a\"b\\c\$d\n""#);
        assert_eq!(c.words[1].value, r#"a"b\c$d\n"#);
    }

    #[test]
    fn expansions_are_kept_as_written() {
        let script = parse(r#"echo $HOME "${A:-"x y"}" $(date +%s) `id -u` $((1 + 2)) $1"#);
        assert!(script.complete);
        assert_eq!(script.commands.len(), 3, "two substitutions, no arithmetic");
        let c = &script.commands[0];
        let values: Vec<_> = c.words[1..].iter().map(Word::as_str).collect();
        assert_eq!(
            values,
            [
                "$HOME",
                r#"${A:-"x y"}"#,
                "$(date +%s)",
                "`id -u`",
                "$((1 + 2))",
                "$1"
            ]
        );
        assert!(c.words[1..].iter().all(|w| w.has_expansion));
        assert!(!c.words[0].has_expansion);
    }

    #[test]
    fn a_lone_dollar_is_literal() {
        let c = only("echo $ a$");
        assert_eq!(c.words[1].value, "$");
        assert_eq!(c.words[2].value, "a$");
        assert!(!c.words[1].has_expansion);
    }

    #[test]
    fn line_continuations_join_words_and_lines() {
        let script = parse("apt-get install \\\n  -y \\\r\n  cu\\\nrl");
        assert!(script.complete);
        assert_eq!(argvs(&script), [["apt-get", "install", "-y", "curl"]]);
    }

    #[test]
    fn comments_start_only_at_word_start() {
        let script = parse("echo a#b # comment && rm x\nls");
        assert_eq!(argvs(&script), [vec!["echo", "a#b"], vec!["ls"]]);
    }

    #[test]
    fn non_ascii_text_keeps_char_boundaries() {
        let text = "echo héllo 'ü' \\é";
        let c = only(text);
        assert_eq!(c.words[1].value, "héllo");
        assert_eq!(c.words[2].value, "ü");
        assert_eq!(c.words[3].value, "é");
        assert_eq!(raw(text, &c.words[3].span), "\\é");
    }

    #[test]
    fn ansi_c_quotes_are_quoted() {
        let c = only(r"printf $'a\tb'");
        assert_eq!(c.words[1].value, r"a\tb");
        assert!(c.words[1].quoted);
    }
}

mod lists {
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
}

mod compounds {
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
}

mod substitutions {
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
        let script =
            parse("v=$(uname -m 2>&1 | tr -d ')' # a comment )\n) \"${x//\\}/y}\" \"#no\"");
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
}

mod redirects {
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
}

mod heredocs {
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
}

mod inline_scripts {
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
                Redirect::Heredoc { body, index, .. } => {
                    (raw(text, body.as_ref().unwrap()), *index)
                }
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
}

mod queries {
    use super::*;

    #[test]
    fn program_skips_wrappers() {
        let cases = [
            ("sudo -E apt-get install x", "apt-get"),
            ("sudo -u app /usr/local/bin/pip install x", "pip"),
            (
                "env -i DEBIAN_FRONTEND=noninteractive apt-get install x",
                "apt-get",
            ),
            ("nice -n 10 make", "make"),
            ("exec gunicorn app", "gunicorn"),
            ("command -v curl", "command"),
            ("command curl x", "curl"),
            ("time cargo build", "cargo"),
            ("timeout -s KILL 30 curl x", "curl"),
            ("xargs -r -n1 rm -f", "rm"),
            ("gosu app node server.js", "node"),
            ("sudo", "sudo"),
            ("exec", "exec"),
        ];
        for (text, program) in cases {
            assert_eq!(only(text).program(), Some(program), "{text:?}");
        }
        let sudo = only("sudo apt-get install x");
        assert!(sudo.wrapped_by("sudo"));
        assert!(!only("apt-get install sudo").wrapped_by("sudo"));
        assert_eq!(sudo.args()[0].value, "install");
    }

    #[test]
    fn tools_are_normalized() {
        let cases = [
            ("pip3 install uv", "pip"),
            ("pip3.11 install uv", "pip"),
            ("python -m pip install uv", "pip"),
            ("python3.12 -u -m pip install uv", "pip"),
            ("/usr/bin/python3 -mpip install uv", "pip"),
            ("python3 script.py", "python"),
            ("uv pip install x", "uv"),
        ];
        for (text, tool) in cases {
            let c = only(text);
            assert_eq!(c.tool().map(|t| t.name), Some(tool), "{text:?}");
        }
        let c = only("python3 -m pip install --no-cache-dir uv");
        assert!(c.invokes(&["pip", "install"]));
        assert!(c.positional_args().any(|w| w.value == "uv"));
        assert!(c.has_flag(None, Some("no-cache-dir")));
        assert!(!only("python -c 'import pip' install").invokes(&["pip", "install"]));
    }

    #[test]
    fn invokes_skips_options_between_subcommands() {
        assert!(only("uv pip install --system x").invokes(&["uv", "pip", "install"]));
        assert!(only("uv --directory /app pip install x").invokes(&["uv", "pip", "install"]));
        assert!(
            only("apt-get -o Acquire::Retries=3 -qq install x").invokes(&["apt-get", "install"])
        );
        assert!(!only("apt-get update install").invokes(&["apt-get", "install"]));
        assert!(!only("uv sync").invokes(&["uv", "pip"]));
        assert!(!only("echo pip install").invokes(&["pip", "install"]));
        assert!(!only("uv").invokes(&["uv", "sync"]));
        assert!(!only("uv sync").invokes(&[]));
    }

    #[test]
    fn flags_short_long_combined_and_valued() {
        let c = only("apt-get install -qy --no-install-recommends --target-release=bookworm -o Dpkg::Use-Pty=0 x -- -z");
        assert!(c.has_flag(Some('y'), Some("yes")));
        assert!(c.has_flag(Some('q'), None));
        assert!(c.has_flag(None, Some("--no-install-recommends")));
        assert!(!c.has_flag(None, Some("no-install")));
        assert!(!c.has_flag(Some('z'), None), "after --");
        assert_eq!(
            c.option_value(None, Some("target-release")),
            Some("bookworm")
        );
        assert_eq!(c.option_value(Some('o'), None), Some("Dpkg::Use-Pty=0"));
        assert_eq!(c.flag_word(Some('y'), None).unwrap().value, "-qy");
        assert_eq!(c.subcommand(), Some("install"));
        let positional: Vec<_> = c.positional_args().map(Word::as_str).collect();
        assert_eq!(positional, ["install", "x", "-z"]);
        assert_eq!(
            only("useradd -ms /bin/bash -u1000 app").option_value(Some('u'), None),
            Some("1000")
        );
    }

    #[test]
    fn rule_questions() {
        assert!(only("uv sync --no-dev").invokes(&["uv", "sync"]));
        assert!(!only("uv sync --no-dev").has_flag(None, Some("frozen")));
        assert!(only("deno run -A main.ts").has_flag(Some('A'), Some("allow-all")));
        assert!(only("deno run --allow-all main.ts").has_flag(Some('A'), Some("allow-all")));
        assert!(!only("deno run --allow-net main.ts").has_flag(Some('A'), Some("allow-all")));
        assert!(!only("useradd -m app").has_flag(Some('l'), Some("no-log-init")));
        let script = parse("cd /app && make");
        assert_eq!(script.commands_named("cd").count(), 1);
        assert_eq!(
            parse("pip3 install x; python -m pip list")
                .commands_named("pip")
                .count(),
            2
        );
    }

    #[test]
    fn pipefail_and_errexit() {
        let script = parse("set -euo pipefail; curl x | sh");
        assert!(script.pipefail_before(1));
        assert!(script.option_set_before(1, "errexit"));
        assert!(script.option_set_before(1, "nounset"));
        assert!(!script.pipefail_before(0));
        let script = parse("set -o pipefail && set +o pipefail; a | b");
        assert!(!script.pipefail_before(2));
        let script = parse("(set -o pipefail); a | b");
        assert!(!script.pipefail_before(1));
        let script = parse("set -ex; a | b");
        assert!(!script.pipefail_before(1));
        assert!(script.option_set_before(1, "xtrace"));
    }

    #[test]
    fn failures_hidden_by_fallbacks() {
        let script = parse("make test || true");
        assert!(script.failure_ignored(0));
        assert!(script.fallback(0).unwrap().is_noop_success());
        let script = parse("a && b || : ; c");
        assert!(script.failure_ignored(0) && script.failure_ignored(1));
        assert!(!script.failure_ignored(3));
        assert!(parse("a || exit 0").failure_ignored(0));
        assert!(!parse("a || exit 1").failure_ignored(0));
        assert!(!parse("a || echo failed >&2 && exit 1").failure_ignored(0));
        assert_eq!(
            parse("a || echo failed").fallback(0).unwrap().words[0].value,
            "echo"
        );
        assert!(parse("a; exit 0").failure_ignored(0));
        assert!(!parse("set -e; a; exit 0").failure_ignored(1));
        assert!(!parse("a; b").failure_ignored(0));
        assert!(!parse("a && true").failure_ignored(0));
        assert!(!parse("(a || true) && b").failure_ignored(2));
    }
}

mod robustness {
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
}
