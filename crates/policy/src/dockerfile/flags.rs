//! Builder flags (`--name=value`) in front of an instruction's arguments, split like
//! BuildKit's `extractBuilderFlags`: quotes are removed, `\` escapes the next byte, a `--` word
//! ends the flags.

/// A flag word with its byte range in the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawFlag {
    /// The flag as BuildKit keeps it, e.g. `--mount=type=cache` (quotes removed).
    pub word: String,
    pub start: usize,
    pub end: usize,
    /// Offset of the first `=` in the text, if the flag has a value.
    pub equals_at: Option<usize>,
}

/// Go's `unicode.IsSpace` on a single byte below 0x80.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ')
}

#[derive(PartialEq)]
enum Phase {
    Spaces,
    Word,
    Quote(u8),
}

/// Returns the flags and the offset at which the arguments start (`line.len()` when none).
pub(crate) fn extract_builder_flags(line: &str) -> (Vec<RawFlag>, usize) {
    let bytes = line.as_bytes();
    let mut flags = Vec::new();
    let mut word: Vec<u8> = Vec::new();
    let mut word_start = 0;
    let mut equals_at = None;
    let mut phase = Phase::Spaces;
    let mut pos = 0;
    let finish = |word: &mut Vec<u8>, start: usize, end: usize, eq: Option<usize>| RawFlag {
        word: String::from_utf8_lossy(&std::mem::take(word)).into_owned(),
        start,
        end,
        equals_at: eq,
    };
    while pos <= bytes.len() {
        let at_end = pos == bytes.len();
        let ch = bytes.get(pos).copied().unwrap_or(0);
        if phase == Phase::Spaces {
            if at_end {
                break;
            }
            if is_space(ch) {
                pos += 1;
                continue;
            }
            if ch != b'-' || bytes.get(pos + 1) != Some(&b'-') {
                return (flags, pos);
            }
            phase = Phase::Word;
            word_start = pos;
            equals_at = None;
        }
        if at_end {
            if word != b"--" {
                flags.push(finish(&mut word, word_start, pos, equals_at));
            }
            break;
        }
        match phase {
            Phase::Word => {
                if is_space(ch) {
                    phase = Phase::Spaces;
                    if word == b"--" {
                        return (flags, pos);
                    }
                    flags.push(finish(&mut word, word_start, pos, equals_at));
                    pos += 1;
                    continue;
                }
                if ch == b'\'' || ch == b'"' {
                    phase = Phase::Quote(ch);
                    pos += 1;
                    continue;
                }
            }
            Phase::Quote(quote) => {
                if ch == quote {
                    phase = Phase::Word;
                    pos += 1;
                    continue;
                }
            }
            Phase::Spaces => {
                pos += 1;
                continue;
            }
        }
        // A character of the word, quoted or not.
        let mut take = ch;
        if ch == b'\\' {
            if pos + 1 == bytes.len() {
                // A trailing backslash is dropped, and ends an open quote.
                phase = Phase::Word;
                pos += 1;
                continue;
            }
            pos += 1;
            take = bytes[pos];
        }
        if take == b'=' && equals_at.is_none() {
            equals_at = Some(pos);
        }
        word.push(take);
        pos += 1;
    }
    (flags, bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> (Vec<String>, &str) {
        let (flags, rest) = extract_builder_flags(line);
        (flags.into_iter().map(|f| f.word).collect(), &line[rest..])
    }

    #[test]
    fn splits_flags_and_stops_at_first_argument() {
        assert_eq!(
            words("--from=build --link a b"),
            (vec!["--from=build".into(), "--link".into()], "a b")
        );
        assert_eq!(
            words("--doit=true -- foo"),
            (vec!["--doit=true".into()], " foo")
        );
        assert_eq!(words("-- foo"), (vec![], " foo"));
        assert_eq!(words("--a=\"x y\" z"), (vec!["--a=x y".into()], "z"));
        assert_eq!(words("--only"), (vec!["--only".into()], ""));
        assert_eq!(words("-x"), (vec![], "-x"));
    }

    #[test]
    fn records_where_the_value_starts() {
        let (flags, _) = extract_builder_flags("--mount=type=cache x");
        assert_eq!(flags[0].equals_at, Some(7));
        assert_eq!((flags[0].start, flags[0].end), (0, 18));
    }
}
