use super::{basename, is_archive, path_text, with_triggers};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `ADD` instructions whose sources are all local files or folders: no URL, no git
    /// repository, no archive for `ADD` to unpack.
    ///
    /// ## Why is this bad?
    /// `ADD` does more than copy: it downloads URLs, clones git repositories and unpacks local
    /// tar archives. Used for a plain file it tells the reader to expect one of those, and the
    /// day someone drops a `.tar.gz` into the folder it silently unpacks it instead of copying
    /// it. `COPY` does exactly what it says.
    ///
    /// hadolint only knows `http://` and `https://` sources as remote; ballast also accepts
    /// `git@...` sources and `ADD --checksum` / `--keep-git-dir`, which only make sense for a
    /// download, so these do not fire.
    ///
    /// The fix (rewrite `ADD` to `COPY`) is offered when no source could be an archive without
    /// saying so: `ADD` recognises archives by their content, so an extension-less file is left
    /// to you.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// ADD config.yaml /etc/app/config.yaml
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// COPY config.yaml /etc/app/config.yaml
    /// ADD https://example.com/tool.tar.gz /opt/
    /// ADD vendor.tar.gz /opt/vendor/
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3020](https://github.com/hadolint/hadolint/wiki/DL3020)
    /// - [Dockerfile reference: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
    pub static RULE = {
        code: "BL1350",
        name: "add-instead-of-copy",
        severity: Error,
        tags: ["correctness", "maintainability"],
        aliases: ["DL3020"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// Flags only a download takes.
const REMOTE_FLAGS: &[&str] = &["checksum", "keep-git-dir"];

fn is_remote(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    ["http://", "https://", "git@", "git://", "ssh://"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Could `ADD` take this source for an archive although its name does not say so?
fn could_be_archive(path: &str) -> bool {
    let name = basename(path);
    !(path.ends_with('/') || name == "." || name == ".." || name.contains('.'))
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (_, ins) in with_triggers(&ctx.ast.instructions) {
        if ins.keyword != Keyword::Add || REMOTE_FLAGS.iter().any(|f| ins.flag(f).is_some()) {
            continue;
        }
        let Args::Copy { paths, .. } = &ins.args else {
            continue;
        };
        let Some((_, sources)) = paths.split_last() else {
            continue;
        };
        let texts: Vec<String> = sources.iter().map(|w| path_text(ctx, w)).collect();
        if texts.is_empty() && ins.heredocs.is_empty() {
            continue;
        }
        if texts.iter().any(|t| is_remote(t) || is_archive(t)) {
            continue;
        }
        let report = out
            .report(
                &RULE,
                ins.keyword_span,
                "ADD copies only local files and folders here, which is what COPY is for",
            )
            .help("use COPY; keep ADD for URLs, git sources and archives to unpack");
        let certain = texts
            .iter()
            .all(|t| !could_be_archive(t) && !t.contains('$'));
        if certain {
            let replacement = if ctx.text(ins.keyword_span) == "add" {
                "copy"
            } else {
                "COPY"
            };
            report.fix(
                "replace ADD with COPY",
                vec![(ins.keyword_span, replacement.to_string())],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Config, SourceFile};

    /// The replacement offered for each finding of the rule, `None` when no fix is offered.
    fn fixes(dockerfile: &str) -> Vec<Option<String>> {
        check(
            &[SourceFile::new("Dockerfile", dockerfile)],
            &Config::default(),
        )
        .findings
        .into_iter()
        .filter(|f| f.rule == super::RULE.meta.name)
        .map(|f| f.fix.map(|fix| fix.edits[0].replacement.clone()))
        .collect()
    }

    #[test]
    fn the_fix_keeps_the_keyword_case_and_needs_certainty() {
        assert_eq!(
            fixes("FROM a:1\nADD app.py /app/\nadd src/ /src/\nADD . /w\n"),
            [
                Some("COPY".into()),
                Some("copy".into()),
                Some("COPY".into())
            ]
        );
        // Extension-less files may be archives ADD would unpack; variables may be anything.
        assert_eq!(
            fixes("FROM a:1\nARG F\nADD bin/server /usr/bin/\nADD $F /x/\n"),
            [None, None]
        );
    }
}
