use super::{basename, copy_paths, is_archive, path_text};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::Keyword;
use crate::engine::Diagnostics;
use crate::shell::Command;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks for a local archive copied into the image with `COPY` and unpacked by a later
    /// `RUN tar -x ...` (or `unzip`, `gunzip`...) in the same stage.
    ///
    /// ## Why is this bad?
    /// The archive stays in the `COPY` layer for ever: deleting it in the `RUN` does not make
    /// the image smaller, so the image carries the files twice. `ADD` unpacks a local tar
    /// archive in one layer.
    ///
    /// As hadolint, the archive is recognised by its file name (`.tar`, `.tar.gz`, `.tgz`,
    /// `.xz`...) and matched by its base name among the unpacking command's arguments; ballast
    /// also knows tar's old-style options (`tar xzf vendor.tar.gz`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// COPY vendor.tar.gz /tmp/
    /// RUN tar -xzf /tmp/vendor.tar.gz -C /opt && rm /tmp/vendor.tar.gz
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// ADD vendor.tar.gz /opt/
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3010](https://github.com/hadolint/hadolint/wiki/DL3010)
    /// - [Dockerfile reference: ADD](https://docs.docker.com/reference/dockerfile/#add)
    pub static RULE = {
        code: "BL1351",
        name: "archive-extracted-after-copy",
        severity: Info,
        tags: ["size"],
        aliases: ["DL3010"],
        seeds: [],
        check: Dockerfile(check),
    }
}

const UNPACKERS: &[&str] = &[
    "unzip",
    "gunzip",
    "bunzip2",
    "unlzma",
    "unxz",
    "zgz",
    "uncompress",
    "zcat",
    "gzcat",
];

fn extracts(command: &Command) -> bool {
    match command.program() {
        Some("tar") => command.args().iter().enumerate().any(|(i, w)| {
            let a = w.as_str();
            let short = a.starts_with('-') && !a.starts_with("--") && a.contains('x');
            // Old-style bundled options: `tar xzf file`.
            let bundled = i == 0 && a.bytes().all(|b| b.is_ascii_alphabetic()) && a.contains('x');
            a == "--extract" || a == "--get" || short || bundled
        }),
        Some(program) => UNPACKERS.contains(&program),
        None => false,
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in &ctx.model.stages {
        // Archives copied so far in this stage: (base name, where it was copied).
        let mut archives: Vec<(String, Span)> = Vec::new();
        let mut reported: Vec<bool> = Vec::new();
        for (i, ins) in stage.instructions(ctx.ast) {
            match ins.keyword {
                Keyword::Copy if ins.flag("from").is_none() => {
                    let Some((sources, dest)) = copy_paths(ins) else {
                        continue;
                    };
                    let dest_text = path_text(ctx, dest);
                    if is_archive(&dest_text) {
                        archives.push((basename(&dest_text).to_string(), dest.span));
                    } else {
                        for source in sources {
                            let text = path_text(ctx, source);
                            if is_archive(&text) {
                                archives.push((basename(&text).to_string(), source.span));
                            }
                        }
                    }
                    reported.resize(archives.len(), false);
                }
                Keyword::Run => {
                    for script in ctx.model.scripts(i) {
                        for command in script.script.commands.iter().filter(|c| extracts(c)) {
                            for word in command
                                .args()
                                .iter()
                                .filter(|w| !w.as_str().starts_with('-'))
                            {
                                let name = basename(word.as_str());
                                for (k, (archive, span)) in archives.iter().enumerate() {
                                    if archive == name && !reported[k] {
                                        reported[k] = true;
                                        out.report(
                                            &RULE,
                                            *span,
                                            format!("`{archive}` is copied in and then unpacked by RUN, so the image keeps both"),
                                        )
                                        .help("use `ADD <archive> <dir>/` to unpack a local tar archive in one layer")
                                        .related(script.span(&word.span), "unpacked here");
                                    }
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
