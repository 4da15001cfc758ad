//! `$VAR` / `${VAR}` / `${VAR:-default}` expansion as the Dockerfile word processor does it, for
//! the variables whose values the model knows.

/// What a variable is to the expander.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value<'a> {
    /// Declared with a value known from the Dockerfile.
    Known(&'a str),
    /// Declared (an `ARG` without default, a predefined platform ARG): set at build time.
    Unknown,
    /// Not declared in scope.
    Undefined,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Expanded {
    /// The text with known variables substituted and quotes removed. An unknown variable stays as
    /// written (`${VERSION}`).
    pub value: String,
    /// Variables whose values are not known here, in order of use.
    pub unknown: Vec<String>,
    /// Variables used but never declared.
    pub undefined: Vec<String>,
}

impl Expanded {
    /// True when every variable used had a known value.
    pub fn is_known(&self) -> bool {
        self.unknown.is_empty() && self.undefined.is_empty()
    }
}

/// Expands `text` with `lookup`. `escape` is the Dockerfile's escape character.
pub fn expand<'a>(text: &str, escape: char, lookup: impl Fn(&str) -> Value<'a>) -> Expanded {
    expand_with(text, escape, &lookup)
}

type Lookup<'l, 'a> = &'l dyn Fn(&str) -> Value<'a>;

fn expand_with(text: &str, escape: char, lookup: Lookup<'_, '_>) -> Expanded {
    let mut out = Expanded::default();
    let mut chars = text.char_indices().peekable();
    let mut in_double = false;
    while let Some((i, c)) = chars.next() {
        match c {
            _ if c == escape => match chars.next() {
                Some((_, next)) => out.value.push(next),
                None => out.value.push(c),
            },
            '\'' if !in_double => {
                for (_, q) in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    out.value.push(q);
                }
            }
            '"' => in_double = !in_double,
            '$' => {
                let rest = &text[i + 1..];
                let consumed = expand_variable(rest, escape, lookup, &mut out);
                if consumed == 0 {
                    out.value.push('$');
                }
                for _ in 0..rest[..consumed].chars().count() {
                    chars.next();
                }
            }
            _ => out.value.push(c),
        }
    }
    out
}

/// Expands the variable reference at the start of `rest` (just after `$`); returns how many
/// bytes of `rest` it used (0 when `$` is literal).
fn expand_variable(rest: &str, escape: char, lookup: Lookup<'_, '_>, out: &mut Expanded) -> usize {
    if let Some(braced) = rest.strip_prefix('{') {
        let Some(close) = matching_brace(braced) else {
            return 0;
        };
        let inner = &braced[..close];
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let (name, modifier) = inner.split_at(name_len);
        if name.is_empty() {
            return 0;
        }
        let value = lookup(name);
        substitute(name, modifier, value, escape, lookup, out);
        return close + 2;
    }
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    if name_len == 0 {
        return 0;
    }
    let name = &rest[..name_len];
    substitute(name, "", lookup(name), escape, lookup, out);
    name_len
}

fn substitute<'a>(
    name: &str,
    modifier: &str,
    value: Value<'a>,
    escape: char,
    lookup: Lookup<'_, 'a>,
    out: &mut Expanded,
) {
    let (op, word) = split_modifier(modifier);
    let is_set = !matches!(value, Value::Undefined);
    let is_non_empty = match value {
        Value::Known(v) => !v.is_empty(),
        Value::Unknown => true,
        Value::Undefined => false,
    };
    let use_word = |out: &mut Expanded| {
        let inner = expand_with(word, escape, lookup);
        out.value.push_str(&inner.value);
        out.unknown.extend(inner.unknown);
        out.undefined.extend(inner.undefined);
    };
    let use_value = |out: &mut Expanded| match value {
        Value::Known(v) => out.value.push_str(v),
        Value::Unknown => {
            out.value.push_str(&format!("${{{name}}}"));
            out.unknown.push(name.to_string());
        }
        Value::Undefined => out.undefined.push(name.to_string()),
    };
    match op {
        // An unknown value might be empty at build time; assume the common case that a declared
        // build argument is passed, so `:-` keeps the variable.
        ":-" if !is_non_empty => use_word(out),
        "-" if !is_set => use_word(out),
        ":+" => {
            if is_non_empty {
                use_word(out)
            }
        }
        "+" => {
            if is_set {
                use_word(out)
            }
        }
        _ => use_value(out),
    }
}

fn split_modifier(modifier: &str) -> (&str, &str) {
    for op in [":-", ":+", ":?", "-", "+", "?"] {
        if let Some(word) = modifier.strip_prefix(op) {
            return (op, word);
        }
    }
    ("", "")
}

/// The index of the `}` closing a `${` whose body starts `text`.
fn matching_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Value<'static> {
        match name {
            "VERSION" => Value::Known("3.12"),
            "EMPTY" => Value::Known(""),
            "TARGETARCH" => Value::Unknown,
            _ => Value::Undefined,
        }
    }

    #[test]
    fn substitutes_known_values_in_every_syntax() {
        assert_eq!(expand("python:$VERSION", '\\', vars).value, "python:3.12");
        assert_eq!(
            expand("python:${VERSION}-slim", '\\', vars).value,
            "python:3.12-slim"
        );
        assert_eq!(expand("${MISSING:-3.11}", '\\', vars).value, "3.11");
        assert_eq!(expand("${EMPTY:-x}", '\\', vars).value, "x");
        assert_eq!(expand("${EMPTY-x}", '\\', vars).value, "");
        assert_eq!(expand("${VERSION:+set}", '\\', vars).value, "set");
        assert_eq!(expand("${MISSING:+set}", '\\', vars).value, "");
        assert_eq!(expand("${MISSING:-${VERSION}}", '\\', vars).value, "3.12");
    }

    #[test]
    fn reports_unknown_and_undefined_variables() {
        let e = expand("img-${TARGETARCH}:$NOPE", '\\', vars);
        assert_eq!(e.value, "img-${TARGETARCH}:");
        assert_eq!(e.unknown, ["TARGETARCH"]);
        assert_eq!(e.undefined, ["NOPE"]);
        assert!(!e.is_known());
    }

    #[test]
    fn honours_quotes_and_escapes() {
        assert_eq!(expand("'$VERSION'", '\\', vars).value, "$VERSION");
        assert_eq!(expand("\"$VERSION\"", '\\', vars).value, "3.12");
        assert_eq!(expand("\\$VERSION", '\\', vars).value, "$VERSION");
        assert_eq!(expand("`$VERSION", '`', vars).value, "$VERSION");
        assert_eq!(expand("cost: $", '\\', vars).value, "cost: $");
        assert_eq!(expand("${unclosed", '\\', vars).value, "${unclosed");
    }
}
