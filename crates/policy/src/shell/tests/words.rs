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
