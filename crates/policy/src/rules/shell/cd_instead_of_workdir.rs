use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::run_commands::run_commands;

declare_rule! {
    /// ## What it does
    /// Checks for `cd` in `RUN`.
    ///
    /// ## Why is this bad?
    /// A `cd` lasts until the end of its `RUN`: the next instruction starts again in the
    /// working directory, which surprises readers and breaks when steps are moved around.
    /// `WORKDIR` changes the directory for every following instruction, creates it if needed,
    /// and shows up in the image's configuration. For a one-off directory, many tools take
    /// one as an option (`make -C dir`, `git -C dir`, `tar -C dir`).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.23
    /// COPY . /src
    /// RUN cd /src && go build -o /out/app ./cmd/app
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.23
    /// WORKDIR /src
    /// COPY . .
    /// RUN go build -o /out/app ./cmd/app
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3003](https://github.com/hadolint/hadolint/wiki/DL3003)
    /// - [Dockerfile reference: WORKDIR](https://docs.docker.com/reference/dockerfile/#workdir)
    pub static RULE = {
        code: "BL1201",
        name: "cd-instead-of-workdir",
        severity: Warning,
        tags: ["maintainability"],
        aliases: ["DL3003"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_commands(ctx) {
        if run.command.program() != Some("cd") {
            continue;
        }
        let Some(word) = run.program_word() else {
            continue;
        };
        let target = run.command.args().first().map(|w| w.value.as_str());
        let help = match target {
            Some(dir) if !dir.starts_with('-') => format!("use `WORKDIR {dir}` before this RUN"),
            _ => "use `WORKDIR <dir>` before this RUN".to_string(),
        };
        out.report(
            &RULE,
            run.span(word),
            "`cd` only lasts until the end of this RUN",
        )
        .help(help);
    }
}
