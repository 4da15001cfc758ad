use crate::context::DockerfileContext;
use crate::dockerfile::model::CopySource;
use crate::engine::Diagnostics;
use crate::rules::binaries::{copy_paths, go_flag_value, same_path, stage_chain};
use crate::rules::run_commands::insert_after;
use crate::rules::toolchain::{env_value, stage_run_scripts};

declare_rule! {
    /// ## What it does
    /// Checks `go build` whose binary reaches the final image (built in the final stage or a
    /// stage it is built `FROM`, or written with `-o` in a stage the image copies that path
    /// from, directly or after a `cp`/`mv`) for
    /// `-ldflags` with both `-s` and `-w`, in any quoting and order:
    /// `-ldflags="-s -w"`, `-ldflags '-w -s -X main.version=1.2'`, `--ldflags=-s\ -w`.
    ///
    /// A value the rule cannot read (`-ldflags "$LDFLAGS"` with an unknown value, or
    /// `-ldflags` set through `GOFLAGS`) is not reported, and neither is `go build ./...`
    /// without `-o`, which only checks that the packages compile.
    ///
    /// ## Why is this bad?
    /// Without `-s` (drop the symbol table) and `-w` (drop DWARF debug information), the
    /// binary carries debugging data a production container never uses. Seed
    /// `001_44158710fcc909dd.txt` added `-ldflags="-s -w"` to all its Go builds and measured
    /// binaries 20-30% smaller, which is most of a distroless image's size. Stack traces keep
    /// their function names and lines: they come from other tables.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 GOOS=linux go build -o /out/server .
    ///
    /// FROM gcr.io/distroless/static-debian12:nonroot
    /// COPY --from=build /out/server /server
    /// ENTRYPOINT ["/server"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM golang:1.22 AS build
    /// WORKDIR /src
    /// COPY . .
    /// RUN CGO_ENABLED=0 GOOS=linux go build -ldflags="-s -w" -o /out/server .
    ///
    /// FROM gcr.io/distroless/static-debian12:nonroot
    /// COPY --from=build /out/server /server
    /// ENTRYPOINT ["/server"]
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`
    /// - [go command: build flags](https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies)
    /// - [go tool link: `-s`, `-w`](https://pkg.go.dev/cmd/link)
    pub static RULE = {
        code: "BL1401",
        name: "go-build-no-strip",
        severity: Info,
        tags: ["size"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt"],
        check: Dockerfile(check),
    }
}

/// Whether the file `output`, written in stage `stage` (not one the final stage is built on),
/// is copied into a stage that reaches the final one, directly or after a `cp`/`mv`.
fn output_copied(ctx: &DockerfileContext, stage: usize, output: &str, reaching: &[usize]) -> bool {
    let mut paths = vec![output.to_string()];
    for s in &ctx.model.stages {
        if !stage_chain(ctx, s).iter().any(|c| c.index == stage) {
            continue;
        }
        for run in stage_run_scripts(ctx, s) {
            for command in &run.script.script.commands {
                if !matches!(command.program(), Some("cp" | "mv" | "install")) {
                    continue;
                }
                let args: Vec<&str> = command
                    .args()
                    .iter()
                    .map(|w| w.as_str())
                    .filter(|a| !a.starts_with('-'))
                    .collect();
                if let Some((dest, sources)) = args.split_last() {
                    if sources.iter().any(|src| same_path(src, output)) {
                        paths.push(dest.to_string());
                    }
                }
            }
        }
    }
    ctx.model.copy_edges.iter().any(|edge| {
        let CopySource::Stage(from) = edge.source else {
            return false;
        };
        if !reaching.contains(&edge.stage)
            || !stage_chain(ctx, &ctx.model.stages[from])
                .iter()
                .any(|c| c.index == stage)
        {
            return false;
        }
        copy_paths(&ctx.ast.instructions[edge.instruction]).is_some_and(|(sources, _)| {
            sources.iter().any(|source| {
                let copied = ctx.model.expand_at(edge.instruction, &source.value).value;
                paths.iter().any(|p| same_path(&copied, p))
            })
        })
    })
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let reaching = ctx.model.stages_reaching_final();
    let image: Vec<usize> = ctx
        .model
        .final_stage()
        .map(|f| stage_chain(ctx, f).iter().map(|s| s.index).collect())
        .unwrap_or_default();
    for &stage_index in &reaching {
        let stage = &ctx.model.stages[stage_index];
        for run in stage_run_scripts(ctx, stage) {
            for command in &run.script.script.commands {
                if !command.invokes(&["go", "build"]) {
                    continue;
                }
                let Some(tool) = command.tool() else { continue };
                let args = tool.args;
                let output = go_flag_value(args, "o");
                if output.is_none() && args.iter().any(|w| w.as_str().ends_with("/...")) {
                    continue;
                }
                // Built in a stage the image only copies from: is this output what it copies?
                if let Some((_, path)) = output {
                    if !image.contains(&stage_index)
                        && !output_copied(ctx, stage_index, path, &reaching)
                    {
                        continue;
                    }
                }
                let goflags = env_value(ctx, run.index, run.script, command, "GOFLAGS");
                if goflags.is_some_and(|f| f.is_empty() || f.contains("ldflags")) {
                    continue;
                }
                let Some(build) = args.iter().position(|w| w.as_str() == "build") else {
                    continue;
                };
                let go_word = command.program_index().and_then(|i| command.words.get(i));
                let start = go_word.map_or(args[build].span.start, |w| w.span.start);
                let span = run.script.span(&(start..args[build].span.end));
                match go_flag_value(args, "ldflags") {
                    None => {
                        let build_span = run.script.span(&args[build].span);
                        let finding = out.report(
                            &RULE,
                            span,
                            "`go build` keeps the symbol table and debug information in the binary",
                        );
                        finding.help(
                            "add `-ldflags=\"-s -w\"`: `go build -ldflags=\"-s -w\" -o /out/server .`",
                        );
                        if let Some(edit) =
                            insert_after(ctx, build_span, &args[build], " -ldflags=\"-s -w\"")
                        {
                            finding.fix("add -ldflags=\"-s -w\"", vec![edit]);
                        }
                    }
                    Some((word, value)) => {
                        let missing_in = |value: &str| -> Vec<&'static str> {
                            let flags: Vec<&str> = value.split_whitespace().collect();
                            ["-s", "-w"]
                                .into_iter()
                                .filter(|f| !flags.contains(f))
                                .collect()
                        };
                        let mut value = value.to_string();
                        if word.has_expansion && !missing_in(&value).is_empty() {
                            let expanded = ctx.model.expand_at(run.index, &value);
                            if !expanded.is_known() || expanded.value.contains(['$', '`']) {
                                continue;
                            }
                            value = expanded.value;
                        }
                        let missing = missing_in(&value);
                        let flags: Vec<&str> = value.split_whitespace().collect();
                        if missing.is_empty() {
                            continue;
                        }
                        out.report(
                            &RULE,
                            run.script.span(&word.span),
                            format!(
                                "`-ldflags` lacks `{}`, so the binary keeps debugging data",
                                missing.join("` and `")
                            ),
                        )
                        .help(format!(
                            "add `{}` to the linker flags: `-ldflags=\"-s -w{}\"`",
                            missing.join(" "),
                            flags
                                .iter()
                                .filter(|f| !matches!(**f, "-s" | "-w"))
                                .map(|f| format!(" {f}"))
                                .collect::<String>()
                        ));
                    }
                }
            }
        }
    }
}
