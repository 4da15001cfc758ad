use super::labels;
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that label keys follow Docker's recommended format: lower-case letters, digits,
    /// `.` and `-`; starting with a letter and ending with a letter or digit; no `..` or `--`;
    /// not in the namespaces Docker reserves (`com.docker.`, `io.docker.`,
    /// `org.dockerproject.`).
    ///
    /// ## Why is this bad?
    /// Tools that read labels (registries, scanners, `docker inspect --format`) expect
    /// reverse-DNS keys such as `org.opencontainers.image.source`; `Maintainer` or `my_label`
    /// are easy to misspell in queries and may clash with the reserved namespaces.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL Maintainer="team@example.com"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.authors="team@example.com"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3048](https://github.com/hadolint/hadolint/wiki/DL3048)
    /// - [Docker object labels: key format recommendations](https://docs.docker.com/engine/manage-resources/labels/#key-format-recommendations)
    pub static RULE = {
        code: "BL1364",
        name: "label-invalid-key",
        severity: Info,
        tags: ["style", "maintainability"],
        aliases: ["DL3048"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// Why a key is invalid, if it is.
fn problem(key: &str) -> Option<&'static str> {
    let first = key.bytes().next()?;
    let last = key.bytes().last()?;
    if !first.is_ascii_lowercase() {
        return Some("must start with a lower-case letter");
    }
    if !(last.is_ascii_lowercase() || last.is_ascii_digit()) {
        return Some("must end with a lower-case letter or a digit");
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        return Some("may only contain lower-case letters, digits, `.` and `-`");
    }
    if key.contains("..") || key.contains("--") {
        return Some("must not contain `..` or `--`");
    }
    if ["com.docker.", "io.docker.", "org.dockerproject."]
        .iter()
        .any(|ns| key.starts_with(ns))
    {
        return Some("uses a namespace reserved by Docker");
    }
    None
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (_, key, kv) in labels(ctx) {
        let Some(problem) = problem(&key) else {
            continue;
        };
        out.report(&RULE, kv.key.span, format!("label key `{key}` {problem}"))
            .help("use a reverse-DNS key in lower case, e.g. `org.opencontainers.image.authors`");
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    /// hadolint's DL3048 cases.
    #[test]
    fn hadolint_cases() {
        for bad in [
            "com.docker.label",
            "io.docker.label",
            "org.dockerproject.label",
            "invalid$character",
            ".invalid",
            "-invalid",
            "1invalid",
            "invalid..character",
            "invalid--character",
            "Maintainer",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
        for ok in ["org.valid-key.label3", "validlabel"] {
            assert_eq!(problem(ok), None, "{ok}");
        }
    }
}
