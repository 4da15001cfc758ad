//! Word helpers: BuildKit's argument splitting (quotes kept) and shell-lexer style unquoting
//! for rules that need the value a word stands for.

use std::ops::Range;

/// A word found by [`parse_words`]: `value` is `text[start..value_end]` (BuildKit drops only an
/// escape character that ends the text); `start..end` is the whole word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WordRange {
    pub start: usize,
    pub value_end: usize,
    pub end: usize,
}

/// BuildKit's `parseWords` (ENV, LABEL, ARG): splits at unquoted whitespace, keeping quotes and
/// escape characters in the words.
pub(crate) fn parse_words(text: &str, escape: char) -> Vec<WordRange> {
    #[derive(PartialEq)]
    enum Phase {
        Spaces,
        Word,
        Quote(char),
    }
    let mut words = Vec::new();
    let mut phase = Phase::Spaces;
    let mut start = 0;
    let mut value_end = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((pos, ch)) = chars.next() {
        let next_pos = pos + ch.len_utf8();
        let at_last = next_pos == text.len();
        match phase {
            Phase::Spaces | Phase::Word => {
                if ch.is_whitespace() {
                    if phase == Phase::Word && value_end > start {
                        words.push(WordRange {
                            start,
                            value_end,
                            end: pos,
                        });
                    }
                    phase = Phase::Spaces;
                    continue;
                }
                if phase == Phase::Spaces {
                    // The first character of a word.
                    start = pos;
                    value_end = pos;
                }
                phase = word_step(
                    ch,
                    at_last,
                    escape,
                    &mut chars,
                    &mut value_end,
                    next_pos,
                    Phase::Word,
                );
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                }
                if ch == escape && quote != '\'' {
                    if at_last {
                        phase = Phase::Word;
                        continue;
                    }
                    if let Some((p, c)) = chars.next() {
                        value_end = p + c.len_utf8();
                    }
                    continue;
                }
                value_end = next_pos;
            }
        }
    }
    if phase != Phase::Spaces && value_end > start {
        words.push(WordRange {
            start,
            value_end,
            end: text.len(),
        });
    }
    return words;

    /// One character of an unquoted word.
    fn word_step(
        ch: char,
        at_last: bool,
        escape: char,
        chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
        value_end: &mut usize,
        next_pos: usize,
        phase: Phase,
    ) -> Phase {
        let mut phase = phase;
        if ch == '\'' || ch == '"' {
            phase = Phase::Quote(ch);
        }
        if ch == escape {
            if at_last {
                return phase;
            }
            // The escape and the next character are both kept, whatever it is.
            if let Some((p, c)) = chars.next() {
                *value_end = p + c.len_utf8();
            }
            return phase;
        }
        *value_end = next_pos;
        phase
    }
}

/// BuildKit's `reWhitespace` (`[\t\v\f\r ]+`).
pub(crate) fn is_token_space(c: char) -> bool {
    matches!(c, '\t' | '\x0b' | '\x0c' | '\r' | ' ')
}

/// Splits at runs of `[\t\v\f\r ]` (EXPOSE, FROM, COPY shell form, ...); `text` is trimmed.
pub(crate) fn split_whitespace_delimited(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_token_space(c), start) {
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// The value a word stands for once the Dockerfile shell lexer removes quotes and escapes
/// (no variable expansion): `'...'` is literal, in `"..."` the escape character only escapes
/// `"`, `$` and itself, elsewhere it escapes any character.
pub fn unquote(word: &str, escape: char) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => out.extend(chars.by_ref().take_while(|&c| c != '\'')),
            '"' => {
                while let Some(c) = chars.next() {
                    if c == '"' {
                        break;
                    }
                    if c == escape {
                        let rest = chars.clone().next();
                        match rest {
                            Some(n) if n == '"' || n == '$' || n == escape => {
                                out.push(n);
                                chars.next();
                            }
                            _ => out.push(c),
                        }
                        continue;
                    }
                    out.push(c);
                }
            }
            c if c == escape => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Splits shell-form text into unquoted words at unquoted whitespace, with each word's byte
/// range in `text` (e.g. the paths of `COPY a "b c" /d`).
pub fn split_shell_words(text: &str, escape: char) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        if start.is_none() {
            if c.is_whitespace() {
                continue;
            }
            start = Some(i);
        }
        match quote {
            Some(q) if c == q => quote = None,
            Some('"') if c == escape => escaped = true,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == escape => escaped = true,
            None if c.is_whitespace() => {
                if let Some(s) = start.take() {
                    out.push((unquote(&text[s..i], escape), s..i));
                }
            }
            None => {}
        }
    }
    if let Some(s) = start {
        out.push((unquote(&text[s..], escape), s..text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str, escape: char) -> Vec<&str> {
        parse_words(text, escape)
            .into_iter()
            .map(|w| &text[w.start..w.value_end])
            .collect()
    }

    #[test]
    fn parse_words_keeps_quotes_and_escapes() {
        assert_eq!(
            words(r#"abc="123 456" def"#, '\\'),
            vec![r#"abc="123 456""#, "def"]
        );
        assert_eq!(
            words(r"name=value\ value2 x", '\\'),
            vec![r"name=value\ value2", "x"]
        );
        assert_eq!(words(r"a 'b\' c", '\\'), vec!["a", r"'b\'", "c"]);
        assert_eq!(words("a\\", '\\'), vec!["a"]);
        assert_eq!(words("é=ü `x", '`'), vec!["é=ü", "`x"]);
    }

    #[test]
    fn whitespace_split_uses_buildkit_set() {
        let text = "a\tb  c\u{a0}d";
        let parts: Vec<_> = split_whitespace_delimited(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(parts, vec!["a", "b", "c\u{a0}d"]);
    }

    #[test]
    fn unquote_and_split_shell_words() {
        assert_eq!(
            unquote(r#""a \"b\" \n" 'c\' d\ e"#, '\\'),
            "a \"b\" \\n c\\ d e"
        );
        let split = split_shell_words(r#"COPY "a b" c\ d /x"#, '\\');
        let values: Vec<_> = split.iter().map(|(v, _)| v.as_str()).collect();
        assert_eq!(values, vec!["COPY", "a b", "c d", "/x"]);
        assert_eq!(split[1].1, 5..10);
    }
}
