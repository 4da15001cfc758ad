use crate::engine::{Diagnostics, FileKind};
use crate::span::Span;
use crate::workspace::WorkspaceContext;

declare_rule! {
    /// ## What it does
    /// Reports `DOCKER_BUILDKIT=0` in a workflow, an action, a Compose file, a script or a
    /// Makefile.
    ///
    /// ## Why is this bad?
    /// It switches back to the legacy builder, deprecated since Docker 23: no cache mounts, no
    /// secrets, no parallel stages, no cache export, and Dockerfiles that use BuildKit syntax
    /// fail to build.
    ///
    /// ## Example
    /// ```sh scripts/build.sh
    /// export DOCKER_BUILDKIT=0
    /// docker build -t app .
    /// ```
    /// ```dockerfile Dockerfile
    /// FROM alpine:3.21
    /// ```
    ///
    /// Use instead:
    /// ```sh scripts/build.sh
    /// docker build -t app .
    /// ```
    /// ```dockerfile Dockerfile
    /// FROM alpine:3.21
    /// ```
    ///
    /// ## References
    /// - [BuildKit](https://docs.docker.com/build/buildkit/)
    /// - [Legacy builder deprecation](https://docs.docker.com/engine/deprecated/#legacy-builder-for-linux-images)
    /// - Seed `000_4342dac09d359873.txt`: BuildKit is the default builder since Docker 23.
    pub static RULE = {
        code: "BL4008",
        name: "buildkit-disabled",
        severity: Warning,
        tags: ["ci", "buildkit"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt"],
        check: Workspace(check),
    }
}

fn check(ctx: &WorkspaceContext, diagnostics: &mut Diagnostics) {
    for (file, kind) in ctx.files.iter().zip(&ctx.kinds) {
        let scanned = matches!(
            kind,
            Some(
                FileKind::Workflow
                    | FileKind::Action
                    | FileKind::Compose
                    | FileKind::Script
                    | FileKind::Makefile
            )
        );
        if !scanned {
            continue;
        }
        for span in disabling_assignments(&file.contents) {
            diagnostics
                .report_in(&RULE, &file.path, span, "`DOCKER_BUILDKIT=0` turns BuildKit off and builds with the deprecated legacy builder")
                .help("remove it; if a build fails under BuildKit, fix what fails");
        }
    }
}

/// Every `DOCKER_BUILDKIT=0`, `DOCKER_BUILDKIT: 0` or `DOCKER_BUILDKIT: "false"` outside a
/// comment.
fn disabling_assignments(text: &str) -> Vec<Span> {
    const NAME: &str = "DOCKER_BUILDKIT";
    let mut found = Vec::new();
    for (at, _) in text.match_indices(NAME) {
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        if text[line_start..at].contains('#') {
            continue;
        }
        let rest = &text[at + NAME.len()..];
        let rest_trimmed = rest.trim_start_matches(['"', '\'']);
        let Some(value) = rest_trimmed
            .strip_prefix('=')
            .or_else(|| rest_trimmed.strip_prefix(':'))
        else {
            continue;
        };
        let value = value.trim_start_matches([' ', '\t', '"', '\'']);
        let word: String = value
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if word == "0" || word.eq_ignore_ascii_case("false") {
            let end = text.len() - value.len() + word.len();
            found.push(Span::new(at, end));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::disabling_assignments;

    #[test]
    fn finds_shell_and_yaml_forms_but_not_comments_or_one() {
        let text = "export DOCKER_BUILDKIT=0\nenv:\n  DOCKER_BUILDKIT: \"0\"\n# DOCKER_BUILDKIT=0\nDOCKER_BUILDKIT=1 docker build .\nDOCKER_BUILDKIT=01\n";
        let spans = disabling_assignments(text);
        let found: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(found, ["DOCKER_BUILDKIT=0", "DOCKER_BUILDKIT: \"0"]);
    }
}
