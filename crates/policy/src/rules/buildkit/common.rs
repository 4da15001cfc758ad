//! Helpers shared by the BuildKit build checks: variable references with their offsets, the
//! stages a stage inherits from, image reference and platform validation as BuildKit does them.

use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Flag, Word};
use crate::dockerfile::model::{Base, Stage};
use crate::span::Span;

/// A `$NAME` or `${NAME...}` reference in a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VarRef {
    pub name: String,
    /// Byte range of the name in the text.
    pub name_start: usize,
    pub name_end: usize,
    /// `${NAME:-word}`, `${NAME+word}`...: a default or alternative is given.
    pub has_modifier: bool,
}

/// The variable references of `text` as BuildKit's word lexer sees them: nothing in single
/// quotes, nothing after an escape character. References inside a `${A:-$B}` default are
/// listed too.
pub fn var_refs(text: &str, escape: char) -> Vec<VarRef> {
    let mut refs = Vec::new();
    scan(text, 0, escape, &mut refs);
    refs
}

fn scan(text: &str, base: usize, escape: char, refs: &mut Vec<VarRef>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_double = false;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        if c == escape {
            i += c.len_utf8();
            i += text[i..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        match c {
            '\'' if !in_double => {
                i += 1;
                while i < text.len() && bytes[i] != b'\'' {
                    i += 1;
                }
                i += 1;
            }
            '"' => {
                in_double = !in_double;
                i += 1;
            }
            '$' => {
                i += 1;
                if bytes.get(i) == Some(&b'{') {
                    let start = i + 1;
                    let end = name_end(text, start);
                    let Some(close) = matching_brace(&text[start..]) else {
                        continue;
                    };
                    if end > start && end <= start + close {
                        refs.push(VarRef {
                            name: text[start..end].to_string(),
                            name_start: base + start,
                            name_end: base + end,
                            has_modifier: end < start + close,
                        });
                        // The default or alternative word may use variables too.
                        let modifier = &text[end..start + close];
                        let skip = modifier.len()
                            - modifier.trim_start_matches([':', '-', '+', '?']).len();
                        scan(&modifier[skip..], base + end + skip, escape, refs);
                    }
                    i = start + close + 1;
                } else {
                    let end = name_end(text, i);
                    if end > i {
                        refs.push(VarRef {
                            name: text[i..end].to_string(),
                            name_start: base + i,
                            name_end: base + end,
                            has_modifier: false,
                        });
                    }
                    i = end.max(i);
                }
            }
            _ => i += c.len_utf8(),
        }
    }
}

fn name_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    // A name starts with a letter or underscore; `$1` and `$@` are not Dockerfile variables.
    if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return start;
    }
    start
        + rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
}

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

/// The source span of `start..end` in a word's value, when the value is the word's source text
/// verbatim; the whole word otherwise.
pub fn span_in_word(ctx: &DockerfileContext, word: &Word, start: usize, end: usize) -> Span {
    if ctx.text(word.span) == word.value && end <= word.value.len() {
        Span::new(word.span.start + start, word.span.start + end)
    } else {
        word.span
    }
}

/// The stages `stage` is built on, nearest first (not `stage` itself).
pub fn ancestors<'a>(stages: &'a [Stage], stage: &Stage) -> Vec<&'a Stage> {
    let mut chain = Vec::new();
    let mut base = &stage.base;
    while let Base::Stage(parent) = base {
        let Some(parent) = stages.get(*parent) else {
            break;
        };
        chain.push(parent);
        base = &parent.base;
    }
    chain
}

/// The `AS name` word of a stage's FROM.
pub fn stage_name_word<'a>(ctx: &'a DockerfileContext, stage: &Stage) -> Option<&'a Word> {
    match &ctx.ast.instructions.get(stage.from)?.args {
        Args::From { name, .. } => name.as_ref(),
        _ => None,
    }
}

/// The stages whose FROM has a `--platform` flag with a value: the stage, the flag and its value.
pub fn platform_flags<'a>(
    ctx: &'a DockerfileContext,
) -> impl Iterator<Item = (&'a Stage, &'a Flag, &'a str)> + 'a {
    ctx.model.stages.iter().filter_map(move |stage| {
        let flag = ctx.ast.instructions[stage.from].flag("platform")?;
        Some((stage, flag, flag.value.as_deref()?))
    })
}

/// The stages named with `AS name`: the stage, its name word and the name lower-cased.
pub fn named_stages<'a>(
    ctx: &'a DockerfileContext,
) -> impl Iterator<Item = (&'a Stage, &'a Word, String)> + 'a {
    ctx.model.stages.iter().filter_map(move |stage| {
        let name = stage_name_word(ctx, stage)?;
        Some((stage, name, name.value.to_ascii_lowercase()))
    })
}

/// The closest of `options` to `name`, for "did you mean" hints.
pub fn suggest<'a>(name: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for option in options {
        if option == name {
            continue;
        }
        let distance = if option.eq_ignore_ascii_case(name) {
            0
        } else {
            strsim::osa_distance(name, option)
        };
        let limit = (name.len() / 3).clamp(1, 3);
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, option));
        }
    }
    best.map(|(_, option)| option)
}

/// Whether BuildKit accepts `text` as an image reference (`reference.ParseNormalizedNamed`).
pub fn is_valid_reference(text: &str) -> bool {
    if text.is_empty() || text.len() == 64 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let (rest, digest) = match text.split_once('@') {
        Some((rest, digest)) => (rest, Some(digest)),
        None => (text, None),
    };
    if digest.is_some_and(|d| !is_valid_digest(d)) {
        return false;
    }
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if tag.is_some_and(|t| !is_valid_tag(t)) || name.is_empty() || name.len() > 255 {
        return false;
    }
    let (domain, path) = match name.split_once('/') {
        Some((first, path))
            if first.contains(['.', ':'])
                || first == "localhost"
                || first.bytes().any(|b| b.is_ascii_uppercase()) =>
        {
            (Some(first), path)
        }
        _ => (None, name),
    };
    if domain.is_some_and(|d| !is_valid_domain(d)) {
        return false;
    }
    !path.is_empty() && path.split('/').all(is_valid_path_component)
}

fn is_valid_tag(tag: &str) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = tag.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 128
        && word(bytes[0])
        && bytes.iter().all(|&b| word(b) || b == b'.' || b == b'-')
}

fn is_valid_digest(digest: &str) -> bool {
    let Some((algorithm, encoded)) = digest.split_once(':') else {
        return false;
    };
    !algorithm.is_empty()
        && algorithm.starts_with(|c: char| c.is_ascii_alphabetic())
        && algorithm
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'+' | b'.'))
        && encoded.len() >= 32
        && encoded
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'=' | b'_' | b'-'))
}

fn is_valid_domain(domain: &str) -> bool {
    let port_ok = |port: Option<&str>| {
        port.is_none_or(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    if let Some(inner) = domain.strip_prefix('[') {
        let Some((ip, rest)) = inner.split_once(']') else {
            return false;
        };
        let port = match rest {
            "" => None,
            _ => match rest.strip_prefix(':') {
                Some(port) => Some(port),
                None => return false,
            },
        };
        return !ip.is_empty()
            && ip.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
            && port_ok(port);
    }
    let (host, port) = match domain.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (domain, None),
    };
    port_ok(port)
        && !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// `[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`
fn is_valid_path_component(component: &str) -> bool {
    let bytes = component.as_bytes();
    let alnum = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit();
    if bytes.is_empty() || !alnum(bytes[0]) || !alnum(bytes[bytes.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        if alnum(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !alnum(bytes[i]) {
            i += 1;
        }
        let separator = &component[start..i];
        let ok = separator == "."
            || separator == "_"
            || separator == "__"
            || separator.bytes().all(|b| b == b'-');
        if !ok {
            return false;
        }
    }
    true
}

/// The OS and architecture of a platform string, normalised as containerd does
/// (`linux/x86_64` is `linux`/`amd64`). `None` when it does not parse.
pub fn parse_platform(text: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = text.split('/').collect();
    let valid = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
    };
    if parts.is_empty() || parts.len() > 3 || !parts.iter().all(|p| valid(p)) {
        return None;
    }
    let os = parts[0].to_ascii_lowercase();
    let os = if os == "macos" {
        "darwin".to_string()
    } else {
        os
    };
    if parts.len() == 1 {
        if KNOWN_OS.contains(&os.as_str()) {
            // containerd fills in the architecture of the machine running the build.
            return Some((os, "amd64".to_string()));
        }
        let arch = normalize_arch(&os)?;
        return Some(("linux".to_string(), arch));
    }
    let arch = normalize_arch(&parts[1].to_ascii_lowercase())
        .unwrap_or_else(|| parts[1].to_ascii_lowercase());
    Some((os, arch))
}

const KNOWN_OS: &[&str] = &[
    "aix",
    "android",
    "darwin",
    "dragonfly",
    "freebsd",
    "hurd",
    "illumos",
    "ios",
    "js",
    "linux",
    "nacl",
    "netbsd",
    "openbsd",
    "plan9",
    "solaris",
    "windows",
    "zos",
];

fn normalize_arch(arch: &str) -> Option<String> {
    let normalized = match arch {
        "i386" | "i686" | "x86" | "386" => "386",
        "x86_64" | "x86-64" | "amd64" => "amd64",
        "aarch64" | "arm64" => "arm64",
        "armhf" | "armel" | "arm" => "arm",
        "ppc64le" | "s390x" | "riscv64" | "mips64" | "mips64le" | "loong64" | "ppc64" | "wasm"
        | "mips" | "mipsle" => arch,
        _ => return None,
    };
    Some(normalized.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variable_references_with_offsets() {
        let refs = var_refs("a$B-${C:-$D}'$E'\\$F\"$G\"", '\\');
        let names: Vec<&str> = refs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["B", "C", "D", "G"]);
        assert_eq!((refs[0].name_start, refs[0].name_end), (2, 3));
        assert!(refs[1].has_modifier && !refs[0].has_modifier);
        assert_eq!(&"a$B-${C:-$D}"[refs[2].name_start..refs[2].name_end], "D");
        assert!(var_refs("$1 $@ ${}", '\\').is_empty());
    }

    #[test]
    fn validates_references_like_buildkit() {
        for ok in [
            "alpine",
            "alpine:3.21",
            "python:3.12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "ghcr.io/astral-sh/uv:0.5",
            "localhost:5000/team/app",
            "my_org/app__x",
        ] {
            assert!(is_valid_reference(ok), "{ok}");
        }
        for bad in [
            "",
            "alpine:",
            "Alpine",
            "busybox:-slim",
            "/app",
            "app/",
            "a..b",
            ":3.12",
        ] {
            assert!(!is_valid_reference(bad), "{bad}");
        }
    }

    #[test]
    fn parses_platforms() {
        assert_eq!(
            parse_platform("linux/x86_64"),
            Some(("linux".into(), "amd64".into()))
        );
        assert_eq!(
            parse_platform("arm64"),
            Some(("linux".into(), "arm64".into()))
        );
        assert_eq!(parse_platform("linux/arm/v7").unwrap().1, "arm");
        assert_eq!(parse_platform("nonsense"), None);
        assert_eq!(parse_platform("linux//x"), None);
    }
}
