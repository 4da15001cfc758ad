//! Parser directives (`# syntax=`, `# escape=`, `# check=`), recognised only at the top of the
//! file, like BuildKit's `DirectiveParser`.

/// The directives BuildKit knows; any other `# key=value` line ends the directive block.
const KNOWN: [&str; 3] = ["syntax", "escape", "check"];

/// A recognised directive line: the lower-cased name and the byte range of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DirectiveMatch {
    pub name: String,
    pub value: std::ops::Range<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct DirectiveParser {
    done: bool,
    seen: [bool; KNOWN.len()],
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DirectiveLine {
    /// Not a directive; the directive block may have ended.
    None,
    Directive(DirectiveMatch),
    /// A directive given twice (BuildKit rejects the file).
    Duplicate(String),
}

impl DirectiveParser {
    /// Looks at one line (left-trimmed, without its terminator). The first line that is not a
    /// known directive ends the block, as in BuildKit.
    pub fn parse_line(&mut self, line: &str) -> DirectiveLine {
        if self.done {
            return DirectiveLine::None;
        }
        let Some(found) = match_directive(line) else {
            self.done = true;
            return DirectiveLine::None;
        };
        let Some(index) = KNOWN.iter().position(|k| *k == found.name) else {
            self.done = true;
            return DirectiveLine::None;
        };
        if std::mem::replace(&mut self.seen[index], true) {
            return DirectiveLine::Duplicate(found.name);
        }
        DirectiveLine::Directive(found)
    }
}

/// Go's `\s`: tab, LF, FF, CR, space (not VT).
fn is_go_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` without a regex engine.
fn match_directive(line: &str) -> Option<DirectiveMatch> {
    let bytes = line.as_bytes();
    let skip_space = |mut i: usize| {
        while i < bytes.len() && is_go_space(bytes[i]) {
            i += 1;
        }
        i
    };
    if bytes.first() != Some(&b'#') {
        return None;
    }
    let name_start = skip_space(1);
    if !bytes.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let mut name_end = name_start + 1;
    while name_end < bytes.len() && bytes[name_end].is_ascii_alphanumeric() {
        name_end += 1;
    }
    let eq = skip_space(name_end);
    if bytes.get(eq) != Some(&b'=') {
        return None;
    }
    let after_eq = eq + 1;
    if after_eq >= bytes.len() {
        return None;
    }
    let value_start = skip_space(after_eq);
    let mut value_end = bytes.len();
    while value_end > value_start && is_go_space(bytes[value_end - 1]) {
        value_end -= 1;
    }
    // `.+?` needs one character: with only spaces left, the greedy `\s*` gives one back.
    let value = if value_start == value_end {
        bytes.len() - 1..bytes.len()
    } else {
        value_start..value_end
    };
    Some(DirectiveMatch {
        name: line[name_start..name_end].to_ascii_lowercase(),
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(line: &str) -> Option<(String, String)> {
        match_directive(line).map(|m| (m.name, line[m.value].to_string()))
    }

    #[test]
    fn matches_buildkit_directive_syntax() {
        assert_eq!(value("# escape=`"), Some(("escape".into(), "`".into())));
        assert_eq!(
            value("#Syntax = docker/dockerfile:1  "),
            Some(("syntax".into(), "docker/dockerfile:1".into()))
        );
        assert_eq!(value("# escape= "), Some(("escape".into(), " ".into())));
        assert_eq!(value("# escape="), None);
        assert_eq!(value("# 1x=a"), None);
        assert_eq!(value("# comment"), None);
    }

    #[test]
    fn block_ends_at_first_other_line_and_duplicates_are_reported() {
        let mut p = DirectiveParser::default();
        assert!(matches!(
            p.parse_line("# ESCAPE=`"),
            DirectiveLine::Directive(_)
        ));
        assert_eq!(
            p.parse_line("# escape=\\"),
            DirectiveLine::Duplicate("escape".into())
        );
        assert!(matches!(
            p.parse_line("# check=skip=all"),
            DirectiveLine::Directive(_)
        ));
        assert_eq!(p.parse_line("# unknown=x"), DirectiveLine::None);
        assert_eq!(p.parse_line("# syntax=x"), DirectiveLine::None);
    }
}
