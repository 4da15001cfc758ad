use super::with_triggers;
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `USER` instructions that name the user (`USER app`) instead of giving a numeric
    /// UID (`USER 10001` or `USER 10001:10001`).
    ///
    /// ## Why is this bad?
    /// Kubernetes' `runAsNonRoot` cannot verify a user name and refuses to start the pod, and
    /// a name only means something inside the image's `/etc/passwd`: the host, volumes and
    /// policies see UIDs.
    ///
    /// hadolint fires on `USER $APP_UID`; ballast expands build arguments and stays silent
    /// when the value is not known, since it may well be a number.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN adduser -D -u 10001 app
    /// USER app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN adduser -D -u 10001 app
    /// USER 10001
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3066](https://github.com/hadolint/hadolint/wiki/DL3066)
    /// - [Kubernetes: runAsNonRoot](https://kubernetes.io/docs/tasks/configure-pod-container/security-context/)
    pub static RULE = {
        code: "BL1354",
        name: "non-numeric-user",
        severity: Info,
        tags: ["security"],
        aliases: ["DL3066"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (i, ins) in with_triggers(&ctx.ast.instructions) {
        if ins.keyword != Keyword::User {
            continue;
        }
        let Args::Words(words) = &ins.args else {
            continue;
        };
        let Some(word) = words.first() else { continue };
        let expanded = ctx.model.expand_at(i, &word.value);
        if !expanded.is_known() {
            continue;
        }
        let user = expanded.value.split(':').next().unwrap_or("");
        if user.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        out.report(
            &RULE,
            word.span,
            format!("`USER {user}` names the user, which only the image's /etc/passwd can resolve"),
        )
        .help("use the numeric UID (and GID), e.g. `USER 10001:10001`");
    }
}
