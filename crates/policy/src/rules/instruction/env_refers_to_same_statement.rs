use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, KeyValue, Keyword};
use crate::engine::Diagnostics;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks `ENV` instructions where a value refers to a variable that the same instruction
    /// defines (`ENV HOME=/app PATH=$HOME/bin:$PATH`) and that was not defined before.
    ///
    /// ## Why is this bad?
    /// All values of one `ENV` are expanded with the variables as they were before the
    /// instruction, so `$HOME` above is empty: `PATH` becomes `/bin:...`, not `/app/bin:...`.
    /// Split the instruction so the definition comes first.
    ///
    /// A variable referring to its own earlier value (`ENV PATH=/app/bin:$PATH`) is fine. hadolint
    /// counts any ARG or ENV seen earlier in the file as defined; ballast counts those in
    /// scope in the stage, as BuildKit does.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// ENV APP_HOME=/app PATH=$APP_HOME/bin:$PATH
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// ENV APP_HOME=/app
    /// ENV PATH=$APP_HOME/bin:$PATH
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3044](https://github.com/hadolint/hadolint/wiki/DL3044)
    /// - [Dockerfile reference: ENV](https://docs.docker.com/reference/dockerfile/#env)
    pub static RULE = {
        code: "BL1357",
        name: "env-refers-to-same-statement",
        severity: Error,
        tags: ["correctness"],
        aliases: ["DL3044"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The byte offset of a reference to `name` in `text`: `$name` not followed by a name
/// character, or `${name}` / `${name:-...}` and the other modifiers.
fn find_reference(text: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find('$') {
        let at = from + found;
        let rest = &text[at + 1..];
        if let Some(after) = rest.strip_prefix(name) {
            if after.bytes().next().is_none_or(|c| !is_name_char(c)) {
                return Some(at);
            }
        } else if let Some(after) = rest.strip_prefix('{').and_then(|r| r.strip_prefix(name)) {
            if matches!(
                after.bytes().next(),
                Some(b'}' | b':' | b'-' | b'+' | b'?' | b'=')
            ) {
                return Some(at);
            }
        }
        from = at + 1;
    }
    None
}

/// The span of `len` bytes at `offset` in a value, when the value is written in one piece.
fn span_in(ctx: &DockerfileContext, kv: &KeyValue, offset: usize, len: usize) -> Span {
    if ctx.text(kv.value.span) == kv.value.value {
        Span::new(
            kv.value.span.start + offset,
            kv.value.span.start + offset + len,
        )
    } else {
        kv.value.span
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (i, ins) in ctx.ast.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Env {
            continue;
        }
        let Args::KeyValues(pairs) = &ins.args else {
            continue;
        };
        for (d, defined) in pairs.iter().enumerate() {
            let name = defined.key.value.as_str();
            if name.is_empty() || ctx.model.variable_at(i, name).is_some() {
                continue;
            }
            for (u, user) in pairs.iter().enumerate() {
                if u == d {
                    continue;
                }
                let Some(at) = find_reference(&user.value.value, name) else {
                    continue;
                };
                let len = if user.value.value[at + 1..].starts_with('{') {
                    user.value.value[at..]
                        .find('}')
                        .map_or(name.len() + 2, |e| e + 1)
                } else {
                    name.len() + 1
                };
                out.report(
                    &RULE,
                    span_in(ctx, user, at, len),
                    format!("`{name}` is defined by this same ENV, so it is not set yet when this value is expanded"),
                )
                .help(format!("define `{name}` in an ENV of its own before this one"))
                .related(defined.key.span, "defined here");
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Config, SourceFile};

    fn fires(body: &str) -> bool {
        let file = format!("FROM a:1\n{body}\n");
        check(&[SourceFile::new("Dockerfile", file)], &Config::default())
            .findings
            .iter()
            .any(|f| f.rule == super::RULE.meta.name)
    }

    /// hadolint's DL3044 cases.
    #[test]
    fn hadolint_cases() {
        for ok in [
            "ENV BLA=\"blubb\"\nENV BLUBB=\"${BLA}/blubb\"",
            "ENV BLA=\"blubb\" BLUBB=\"${FOOBLA}/blubb\"",
            "ENV BLA=\"blubb\" BLUBB=\"${BLAFOO}/blubb\"",
            "ENV BLA=\"blubb\" BLUBB=\"$FOOBLA/blubb\"",
            "ENV BLA=\"blubb\" BLUBB=\"$BLAFOO/blubb\"",
            "ENV BLA=\"blubb\" BLUBB=\"BLA/$BLAFOO/BLA\"",
            "ARG BLA\nENV BLA=${BLA}",
            "ENV BLA blubb\nENV BLA=${BLA} X=$BLA",
            "ENV PATH=/bla:${PATH}",
            "ENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}",
        ] {
            assert!(!fires(ok), "{ok}");
        }
        for bad in [
            "ENV BLA=\"blubb\" BLUBB=\"$BLA/$BLAFOO/blubb\"",
            "ENV PATH=/bla:${PATH} PATH=/blubb:${PATH}",
            "ENV BLA=\"blubb\" BLUBB=\"${BLA}/blubb\"",
            "ENV BLA=\"blubb\" BLUBB=\"$BLA/blubb\"",
            "ENV BLA=\"blubb\" BLUBB=\"$BLA\"",
            "ENV BLA=\"blubb\" BLUBB=\"${BLA:-x}\"",
        ] {
            assert!(fires(bad), "{bad}");
        }
    }
}
