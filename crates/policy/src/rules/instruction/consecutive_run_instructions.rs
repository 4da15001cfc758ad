use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Flag, Keyword};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks for `RUN` instructions that directly follow another `RUN` with the same flags,
    /// when both run a single command.
    ///
    /// ## Why is this bad?
    /// Each `RUN` makes a layer: files deleted in a later one still weigh in the earlier one,
    /// and every layer costs a little at push, pull and build time. Short consecutive commands
    /// usually belong together.
    ///
    /// As in hadolint, a `RUN` that chains commands (`&&`, `;`) is taken as a deliberate split,
    /// and so are `RUN`s with different `--mount`, `--network` or `--security` flags.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app/data
    /// RUN chown 10001 /app/data
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM debian:12
    /// RUN mkdir -p /app/data && chown 10001 /app/data
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3059](https://github.com/hadolint/hadolint/wiki/DL3059)
    /// - [Best practices: minimize the number of layers](https://docs.docker.com/build/building/best-practices/#run)
    pub static RULE = {
        code: "BL1358",
        name: "consecutive-run-instructions",
        severity: Info,
        tags: ["size", "speed"],
        aliases: ["DL3059"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// The flags of a RUN as a comparable list: lower-cased names and values.
type FlagKey<'a> = Vec<(String, Option<&'a str>)>;

fn flag_key(flags: &[Flag]) -> FlagKey<'_> {
    let mut key: Vec<_> = flags
        .iter()
        .map(|f| (f.name.to_ascii_lowercase(), f.value.as_deref()))
        .collect();
    key.sort();
    key
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    // The RUN the next one is compared with: (its flags, its number of commands).
    let mut previous: Option<(FlagKey, usize)> = None;
    for (i, ins) in ctx.ast.instructions.iter().enumerate() {
        if ins.keyword != Keyword::Run {
            previous = None;
            continue;
        }
        let flags = flag_key(&ins.flags);
        let scripts = ctx.model.scripts(i);
        let commands = if scripts.is_empty() {
            1
        } else {
            scripts.iter().map(|s| s.script.commands.len()).sum()
        };
        match &previous {
            Some((prev_flags, prev_commands))
                if *prev_flags == flags && commands <= 1 && *prev_commands <= 1 =>
            {
                out.report(
                    &RULE,
                    ins.keyword_span,
                    "this RUN directly follows another single-command RUN, adding a layer of its own",
                )
                .help("join the commands into one RUN with `&&`");
            }
            _ => previous = Some((flags, commands)),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Config, SourceFile};

    fn count(body: &str) -> usize {
        let file = format!("FROM a:1\n{body}\n");
        check(&[SourceFile::new("Dockerfile", file)], &Config::default())
            .findings
            .iter()
            .filter(|f| f.rule == super::RULE.meta.name)
            .count()
    }

    /// hadolint's DL3059 cases.
    #[test]
    fn hadolint_cases() {
        for ok in [
            "RUN /foo.sh",
            "RUN /foo.sh\nWORKDIR /\nRUN /bar.sh",
            "# a comment\nRUN /foo.sh",
            "RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh",
            "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh",
            "RUN foo && bar\nRUN foobar",
            "RUN foo; bar\nRUN foobar",
            "RUN foobar\nRUN foo && bar",
            "RUN foobar\nRUN foo; bar",
            "RUN foo && bar\nRUN foo; bar",
        ] {
            assert_eq!(count(ok), 0, "{ok}");
        }
        for bad in [
            "RUN /foo.sh\nRUN /bar.sh",
            "RUN /foo.sh\n# a comment\n# another comment\nRUN /bar.sh",
            "RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh",
            "RUN foo && bar\nRUN foo\nRUN bar",
        ] {
            assert_eq!(count(bad), 1, "{bad}");
        }
    }
}
