use super::labels;
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks label values against the kind of value they must hold: the kinds given in
    /// `required-labels` (`text`, `url`, `email`, `rfc3339`, `semver`, `hash`, `spdx`) and,
    /// for OCI labels not configured there, the kind the OCI annotation spec gives them
    /// (`org.opencontainers.image.created` is an RFC 3339 time; `.url`, `.source` and
    /// `.documentation` are URLs; `.licenses` is an SPDX expression). An empty value is
    /// reported for every label with a kind.
    ///
    /// ## Why is this bad?
    /// Labels are read by machines: a registry links `source`, a scanner reads `licenses`, a
    /// dashboard sorts by `created`. A value in the wrong format is silently dropped, or
    /// breaks the tool.
    ///
    /// hadolint has one code per kind (DL3051 empty, DL3052 URL, DL3053 RFC 3339, DL3054 SPDX,
    /// DL3055 git hash, DL3056 semver, DL3058 email), all the same check on a different
    /// format, so ballast has one rule that names the kind in its message. hadolint only checks
    /// configured labels; ballast also checks the OCI labels above by default, as their
    /// format is fixed by the spec. A `spdx` value is checked for the syntax of an SPDX
    /// expression (identifiers joined by `AND`, `OR`, `WITH`, parentheses), not against
    /// the SPDX license list. Values that use build arguments whose value is not known are
    /// not checked.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.created="last tuesday" \
    ///       org.opencontainers.image.source="github.com/example/api"
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// LABEL org.opencontainers.image.created="2025-01-14T09:30:00Z" \
    ///       org.opencontainers.image.source="https://github.com/example/api"
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3051](https://github.com/hadolint/hadolint/wiki/DL3051),
    ///   [DL3052](https://github.com/hadolint/hadolint/wiki/DL3052),
    ///   [DL3053](https://github.com/hadolint/hadolint/wiki/DL3053),
    ///   [DL3054](https://github.com/hadolint/hadolint/wiki/DL3054),
    ///   [DL3055](https://github.com/hadolint/hadolint/wiki/DL3055),
    ///   [DL3056](https://github.com/hadolint/hadolint/wiki/DL3056),
    ///   [DL3058](https://github.com/hadolint/hadolint/wiki/DL3058)
    /// - [OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)
    pub static RULE = {
        code: "BL1367",
        name: "label-invalid-value",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// The kinds the OCI annotation spec fixes, for labels the configuration does not mention.
const OCI_KINDS: &[(&str, &str)] = &[
    ("org.opencontainers.image.created", "rfc3339"),
    ("org.opencontainers.image.url", "url"),
    ("org.opencontainers.image.source", "url"),
    ("org.opencontainers.image.documentation", "url"),
    ("org.opencontainers.image.licenses", "spdx"),
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (i, key, kv) in labels(ctx) {
        let configured = ctx.config.required_labels.iter().find(|r| r.name == key);
        let kind = match configured {
            Some(label) => label.kind.as_deref().unwrap_or("text"),
            None => match OCI_KINDS.iter().find(|(name, _)| *name == key) {
                Some((_, kind)) => kind,
                None => continue,
            },
        };
        let expanded = ctx.model.expand_at(i, &kv.value.value);
        if !expanded.is_known() {
            continue;
        }
        let value = expanded.value.as_str();
        let (message, help) = if value.trim().is_empty() {
            (
                format!("label `{key}` is empty"),
                format!("give `{key}` a value"),
            )
        } else if valid(kind, value) {
            continue;
        } else {
            (
                format!("label `{key}` is not a valid {}", describe(kind)),
                format!("write {}", example(kind)),
            )
        };
        out.report(&RULE, kv.value.span, message).help(help);
    }
}

fn describe(kind: &str) -> &'static str {
    match kind {
        "url" => "URL",
        "email" => "email address (RFC 5322)",
        "rfc3339" => "RFC 3339 time",
        "semver" => "semantic version",
        "hash" => "git commit hash",
        "spdx" => "SPDX license expression",
        _ => "value",
    }
}

fn example(kind: &str) -> &'static str {
    match kind {
        "url" => "an absolute URL with its scheme, e.g. `https://github.com/org/repo`",
        "email" => "an address such as `team@example.com`",
        "rfc3339" => "a time such as `2025-01-14T09:30:00Z`",
        "semver" => "a version such as `1.4.2` or `2.0.0-rc.1`",
        "hash" => "the 40 (or 7) lower-case hexadecimal digits of the commit",
        "spdx" => "an SPDX expression such as `MIT` or `Apache-2.0 OR MIT`",
        _ => "a value",
    }
}

pub(crate) fn valid(kind: &str, value: &str) -> bool {
    match kind {
        "url" => is_url(value),
        "email" => is_email(value),
        "rfc3339" => is_rfc3339(value),
        "semver" => is_semver(value),
        "hash" => {
            (value.len() == 40 || value.len() == 7)
                && value
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        }
        "spdx" => is_spdx_expression(value),
        _ => true,
    }
}

/// An absolute URI: a scheme, `:`, and no characters a URI cannot hold.
fn is_url(value: &str) -> bool {
    let Some((scheme, rest)) = value.split_once(':') else {
        return false;
    };
    let scheme_ok = scheme
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    scheme_ok
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"<>\"{}|\\^`".contains(&b))
}

fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    let atext = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&b);
    let local_ok = !local.is_empty()
        && local
            .split('.')
            .all(|part| !part.is_empty() && part.bytes().all(atext));
    let domain_ok = !domain.is_empty()
        && domain.split('.').all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    local_ok && domain_ok
}

fn digits(text: &str, n: usize) -> Option<u32> {
    (text.len() == n && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`; `t`, `z` and a space separator are allowed.
fn is_rfc3339(value: &str) -> bool {
    if value.len() < 20 || !value.is_ascii() {
        return false;
    }
    let (date, rest) = value.split_at(10);
    let sep = rest.as_bytes()[0];
    if !matches!(sep, b'T' | b't' | b' ') {
        return false;
    }
    let rest = &rest[1..];
    let date_ok = date.as_bytes()[4] == b'-'
        && date.as_bytes()[7] == b'-'
        && digits(&date[0..4], 4).is_some()
        && digits(&date[5..7], 2).is_some_and(|m| (1..=12).contains(&m))
        && digits(&date[8..10], 2).is_some_and(|d| (1..=31).contains(&d));
    if !date_ok || rest.len() < 9 {
        return false;
    }
    let (time, mut zone) = rest.split_at(8);
    let time_ok = time.as_bytes()[2] == b':'
        && time.as_bytes()[5] == b':'
        && digits(&time[0..2], 2).is_some_and(|h| h < 24)
        && digits(&time[3..5], 2).is_some_and(|m| m < 60)
        && digits(&time[6..8], 2).is_some_and(|s| s <= 60);
    if let Some(frac) = zone.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        zone = &frac[n..];
    }
    let zone_ok = zone.eq_ignore_ascii_case("z")
        || (zone.len() == 6
            && matches!(zone.as_bytes()[0], b'+' | b'-')
            && zone.as_bytes()[3] == b':'
            && digits(&zone[1..3], 2).is_some_and(|h| h < 24)
            && digits(&zone[4..6], 2).is_some_and(|m| m < 60));
    time_ok && zone_ok
}

/// Semantic Versioning 2.0.0.
fn is_semver(value: &str) -> bool {
    let (rest, build) = match value.split_once('+') {
        Some((rest, build)) => (rest, Some(build)),
        None => (value, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((core, pre)) => (core, Some(pre)),
        None => (rest, None),
    };
    let numeric = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let ident =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| numeric(p))
        && pre.is_none_or(|pre| {
            pre.split('.')
                .all(|id| ident(id) && (!id.bytes().all(|b| b.is_ascii_digit()) || numeric(id)))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

/// The syntax of an SPDX license expression.
fn is_spdx_expression(value: &str) -> bool {
    let spaced = value.replace('(', " ( ").replace(')', " ) ");
    let mut depth = 0i32;
    // Whether a license (or a closed group) is expected next.
    let mut expect_license = true;
    let mut after_with = false;
    for token in spaced.split_whitespace() {
        match token {
            "(" if expect_license => depth += 1,
            ")" if !expect_license => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            "AND" | "OR" if !expect_license => expect_license = true,
            "WITH" if !expect_license && !after_with => {
                expect_license = true;
                after_with = true;
                continue;
            }
            id if expect_license && is_license_id(id) => expect_license = false,
            _ => return false,
        }
        after_with = false;
    }
    depth == 0 && !expect_license
}

fn is_license_id(id: &str) -> bool {
    let id = id.strip_suffix('+').unwrap_or(id);
    !id.is_empty()
        && !matches!(id, "AND" | "OR" | "WITH")
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.' || b == b':')
}

#[cfg(test)]
mod tests {
    use super::valid;

    #[test]
    fn formats() {
        for (kind, good, bad) in [
            ("url", "https://github.com/org/repo", "github.com/org/repo"),
            ("email", "team.a@example.com", "team at example.com"),
            ("rfc3339", "2025-01-14T09:30:00.5+01:00", "2025-01-14 09:30"),
            ("semver", "2.0.0-rc.1+build.5", "v2.0"),
            ("hash", "0123abc", "0123ABC"),
            ("spdx", "(MIT OR Apache-2.0) AND BSD-3-Clause", "Apache 2.0"),
            (
                "spdx",
                "GPL-2.0-or-later WITH Classpath-exception-2.0",
                "MIT OR",
            ),
        ] {
            assert!(valid(kind, good), "{kind}: {good}");
            assert!(!valid(kind, bad), "{kind}: {bad}");
        }
        assert!(!valid("semver", "01.2.3"));
        assert!(!valid("rfc3339", "2025-13-14T09:30:00Z"));
    }
}
