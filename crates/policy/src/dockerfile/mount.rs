//! `RUN --mount=...`: the flag value is one CSV record (quoted fields allowed, as Go's
//! `encoding/csv` reads it) of `key=value` fields, checked like BuildKit's `ParseMount`.

use super::ast::{Instruction, Keyword, Mount};
use crate::span::Span;

const MOUNT_TYPES: [&str; 5] = ["bind", "cache", "tmpfs", "secret", "ssh"];

/// Keys that may stand alone (booleans).
const BARE_KEYS: [&str; 4] = ["readonly", "ro", "readwrite", "rw"];

const VALUED_KEYS: [&str; 16] = [
    "type",
    "from",
    "source",
    "src",
    "target",
    "dst",
    "destination",
    "id",
    "sharing",
    "mode",
    "uid",
    "gid",
    "required",
    "size",
    "env",
    "readonly",
];

/// Parses a mount flag value. `span` is the flag's span, kept on the result.
pub(crate) fn parse_mount(value: &str, span: Span) -> Result<Mount, String> {
    let fields = split_csv_record(value)?;
    let mut options = Vec::with_capacity(fields.len());
    for field in fields {
        let (key, value) = match field.split_once('=') {
            Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
            None => (field.to_ascii_lowercase(), None),
        };
        let known = match value {
            None if !BARE_KEYS.contains(&key.as_str()) => {
                return Err(format!("invalid field '{field}' must be a key=value pair"));
            }
            None => true,
            Some(_) => VALUED_KEYS.contains(&key.as_str()) || BARE_KEYS.contains(&key.as_str()),
        };
        if !known {
            return Err(format!("unexpected key '{key}' in '{field}'"));
        }
        if key == "type" {
            let kind = value.as_deref().unwrap_or_default();
            if !MOUNT_TYPES.contains(&kind.to_ascii_lowercase().as_str()) {
                return Err(format!("unsupported mount type {kind:?}"));
            }
        }
        options.push((key, value));
    }
    Ok(Mount { options, span })
}

/// One record of Go's `encoding/csv` with default settings: `,` separates fields, a field that
/// starts with `"` is quoted (`""` is a literal quote), a quote elsewhere is an error.
fn split_csv_record(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut rest = line;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut field = String::new();
            let mut chars = quoted.char_indices();
            let after = loop {
                match chars.next() {
                    Some((i, '"')) => {
                        if quoted[i + 1..].starts_with('"') {
                            field.push('"');
                            chars.next();
                        } else {
                            break &quoted[i + 1..];
                        }
                    }
                    Some((_, c)) => field.push(c),
                    None => return Err("extraneous or missing \" in quoted-field".into()),
                }
            };
            fields.push(field);
            match after.strip_prefix(',') {
                Some(next) => rest = next,
                None if after.is_empty() => return Ok(fields),
                None => return Err("extraneous or missing \" in quoted-field".into()),
            }
        } else {
            let (field, next) = match rest.find(',') {
                Some(i) => (&rest[..i], Some(&rest[i + 1..])),
                None => (rest, None),
            };
            if field.contains('"') {
                return Err("bare \" in non-quoted-field".into());
            }
            fields.push(field.to_string());
            match next {
                Some(next) => rest = next,
                None => return Ok(fields),
            }
        }
    }
}

impl Instruction {
    /// The `--mount` flags of a RUN, parsed. Malformed mounts were reported as syntax errors
    /// when parsing and are left out here.
    pub fn mounts(&self) -> Vec<Mount> {
        let run = match (&self.keyword, &self.args) {
            (Keyword::Onbuild, super::ast::Args::Onbuild(inner)) => inner.as_ref(),
            _ => self,
        };
        if run.keyword != Keyword::Run {
            return Vec::new();
        }
        run.flags
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case("mount"))
            .filter_map(|f| parse_mount(f.value.as_deref().unwrap_or_default(), f.span).ok())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_options_with_lowercased_keys_and_quotes() {
        let m = parse_mount(r#"Type=cache,"target=/a,b",ro"#, Span::new(0, 1)).unwrap();
        assert_eq!(m.kind(), "cache");
        assert_eq!(m.target(), Some("/a,b"));
        assert_eq!(m.options[2], ("ro".to_string(), None));
        assert_eq!(
            parse_mount("target=/x", Span::new(0, 1)).unwrap().kind(),
            "bind"
        );
    }

    #[test]
    fn rejects_malformed_mounts() {
        assert!(parse_mount("type=cache,target", Span::new(0, 1)).is_err());
        assert!(parse_mount("type=nope", Span::new(0, 1)).is_err());
        assert!(parse_mount("type=cache,tar\"get=/x", Span::new(0, 1)).is_err());
        assert!(parse_mount("\"type=cache", Span::new(0, 1)).is_err());
        assert!(parse_mount("type=cache,,target=/x", Span::new(0, 1)).is_err());
        assert!(parse_mount("color=red", Span::new(0, 1)).is_err());
    }
}
