//! Heredoc markers (`<<EOF`, `<<-EOF`, `<<'EOF'`, `2<<EOF`) on a RUN/COPY/ADD line, found like
//! BuildKit's `heredocsFromLine`: the whole logical line is split into shell words (quotes and
//! `\` escapes kept, whatever the escape directive says) and each word is matched against
//! `^(\d*)<<(-?)([^<]*)$`.

/// A heredoc marker; `start..end` is the marker word in the logical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    pub name: String,
    /// False when part of the delimiter was quoted.
    pub expand: bool,
    /// `<<-`: leading tabs are stripped from the body and the terminator line.
    pub chomp: bool,
    pub start: usize,
    pub end: usize,
}

/// The heredoc markers of a logical line, in order.
pub(crate) fn markers(line: &str) -> Vec<Marker> {
    if !line.contains("<<") {
        return Vec::new();
    }
    // An unterminated quote makes BuildKit's lexer fail: no heredocs at all then.
    let Some(words) = raw_words(line) else {
        return Vec::new();
    };
    words
        .into_iter()
        .filter_map(|(start, end)| marker(&line[start..end], start, end))
        .collect()
}

fn marker(word: &str, start: usize, end: usize) -> Option<Marker> {
    let after_digits = word.trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = after_digits.strip_prefix("<<")?;
    let (chomp, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if rest.is_empty() || rest.contains('<') {
        return None;
    }
    let name = unquoted(rest)?;
    let quotes = |s: &str| s.chars().filter(|&c| c == '\'' || c == '"').count();
    Some(Marker {
        expand: quotes(&name) == quotes(rest),
        name,
        chomp,
        start,
        end,
    })
}

/// Splits at unquoted whitespace, keeping quotes and escapes; `None` on an unterminated quote.
fn raw_words(line: &str) -> Option<Vec<(usize, usize)>> {
    let mut words = Vec::new();
    let mut chars = line.char_indices();
    let mut start: Option<usize> = None;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                words.push((s, i));
            }
            continue;
        }
        start.get_or_insert(i);
        match c {
            '\\' => {
                chars.next();
            }
            '\'' => {
                chars.by_ref().find(|&(_, c)| c == '\'')?;
            }
            '"' => loop {
                match chars.next()? {
                    (_, '"') => break,
                    (_, '\\') => {
                        chars.next();
                    }
                    _ => {}
                }
            },
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, line.len()));
    }
    Some(words)
}

/// The delimiter once quotes and escapes are processed (one word, or `None`).
fn unquoted(raw: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '\'' => {
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    out.push(c);
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '"' => break,
                        '\\' => match chars.clone().next() {
                            Some(n @ ('"' | '\\' | '$' | '`')) => {
                                out.push(n);
                                chars.next();
                            }
                            _ => out.push('\\'),
                        },
                        c => out.push(c),
                    }
                }
            }
            c if c.is_whitespace() => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(line: &str) -> Vec<(String, bool, bool)> {
        markers(line)
            .into_iter()
            .map(|m| (m.name, m.expand, m.chomp))
            .collect()
    }

    #[test]
    fn finds_several_markers_with_quoting_and_chomp() {
        assert_eq!(
            names("COPY <<A <<-\"B\" 2<<'C' /dst"),
            vec![
                ("A".into(), true, false),
                ("B".into(), false, true),
                ("C".into(), false, false)
            ]
        );
        assert_eq!(
            names("RUN python - <<'PY' && cp a b"),
            vec![("PY".into(), false, false)]
        );
    }

    #[test]
    fn ignores_non_markers() {
        assert!(names("RUN cat<<EOF").is_empty());
        assert!(names("RUN echo '<<EOF'").is_empty());
        assert!(names("RUN echo \"unterminated <<EOF").is_empty());
        assert!(names("RUN a <<").is_empty());
        assert!(names("RUN a <<<word").is_empty());
    }

    #[test]
    fn marker_span_covers_the_word() {
        let m = &markers("RUN x <<-EOF y")[0];
        assert_eq!((m.start, m.end), (6, 12));
    }
}
