use super::common::{ancestors, span_in_word, suggest, var_refs};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Instruction, Keyword, Word};
use crate::dockerfile::model::{Base, PREDEFINED_ARGS};
use crate::engine::Diagnostics;
use std::collections::HashSet;

declare_rule! {
    /// ## What it does
    /// Checks variables used in instructions Docker expands (`ENV`, `LABEL`, `ARG` defaults,
    /// `COPY`/`ADD`, `WORKDIR`, `USER`, `VOLUME`, `EXPOSE`, `STOPSIGNAL`, `RUN --mount`) that are
    /// not declared with `ARG` or `ENV` before their use in the stage or the stages it is built
    /// on.
    ///
    /// ## Why is this bad?
    /// An undeclared variable expands to an empty string without any error: `COPY app
    /// $APP_HOME/` copies to `/`, `ENV PATH=$VENV/bin:$PATH` puts `/bin` first. The classic
    /// cause is a global `ARG` (declared before the first `FROM`): it is only visible in `FROM`
    /// lines until the stage declares it again with `ARG NAME`. Typos (`$APP_HOEM`) are the
    /// other one.
    ///
    /// What BuildKit knows and this rule cannot: the environment of a base image pulled from a
    /// registry. Stages built on such an image are only checked for names the Dockerfile itself
    /// gives a meaning to (global `ARG`s, BuildKit's platform arguments) and for names close to a
    /// declared variable, which are most likely typos. `PATH` is always set. A variable used with
    /// a fallback (`${NAME:-default}`, `${NAME:+alt}`) is taken as deliberate. Shell-form `RUN`,
    /// `CMD` and `ENTRYPOINT` are expanded by the shell at run time and are not checked.
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG APP_HOME=/srv/app
    /// FROM python:3.12-slim
    /// WORKDIR $APP_HOME
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG APP_HOME=/srv/app
    /// FROM python:3.12-slim
    /// ARG APP_HOME
    /// WORKDIR $APP_HOME
    /// ```
    ///
    /// ## References
    /// - [UndefinedVar](https://docs.docker.com/reference/build-checks/undefined-var/)
    /// - [Variable scope](https://docs.docker.com/reference/dockerfile/#scope)
    pub static RULE = {
        code: "BL1319",
        name: "undefined-var",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["UndefinedVar"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let stages = &ctx.model.stages;
    let globals: HashSet<&str> = ctx
        .model
        .global_args
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    for stage in stages {
        let inherited: HashSet<&str> = ancestors(stages, stage)
            .iter()
            .flat_map(|s| s.variables.iter().map(|v| v.name.as_str()))
            .collect();
        let image_env = matches!(
            ctx.model.root_base(stage),
            Base::Image(_) | Base::Unresolved(_)
        );
        for (i, ins) in stage.instructions(ctx.ast) {
            let mut reported = HashSet::new();
            for (word, earlier) in expanded_words(ins) {
                for var in var_refs(&word.value, ctx.ast.escape) {
                    let name = var.name.as_str();
                    if var.has_modifier || name == "PATH" || reported.contains(name) {
                        continue;
                    }
                    let declared_here = stage
                        .variables
                        .iter()
                        .any(|v| v.instruction < i && v.name == name);
                    if declared_here || inherited.contains(name) || earlier.contains(&name) {
                        continue;
                    }
                    let in_scope = stage
                        .variables
                        .iter()
                        .filter(|v| v.instruction < i)
                        .map(|v| v.name.as_str())
                        .chain(inherited.iter().copied())
                        .chain(earlier.iter().copied());
                    let hint = suggest(name, in_scope);
                    let global = globals.contains(name);
                    let predefined = PREDEFINED_ARGS.contains(&name);
                    if image_env && !global && !predefined && hint.is_none() {
                        // Possibly set by the base image's environment.
                        continue;
                    }
                    reported.insert(name.to_string());
                    let mut message = format!("Usage of undefined variable '${name}'");
                    if let Some(hint) = hint {
                        message.push_str(&format!(" (did you mean ${hint}?)"));
                    }
                    let same_instruction = stage
                        .variables
                        .iter()
                        .any(|v| v.instruction == i && v.name == name);
                    let help = if same_instruction {
                        format!("`{name}` is set by this same instruction, which expands every value before setting any: move `{name}` to an earlier ENV")
                    } else if global {
                        format!("`{name}` is a global ARG, visible only in FROM lines: declare `ARG {name}` in this stage to use it here")
                    } else if predefined {
                        format!("BuildKit sets `{name}` only in stages that declare it: add `ARG {name}` to this stage")
                    } else {
                        format!("declare it with `ARG {name}` or `ENV {name}=...` before this line")
                    };
                    out.report(
                        &RULE,
                        span_in_word(ctx, &word, var.name_start, var.name_end),
                        message,
                    )
                    .help(help);
                }
            }
        }
    }
}

/// The words of an instruction that BuildKit expands, each with the names the same
/// instruction declared before it (`ARG A=1 B=$A` sees `A`).
fn expanded_words(ins: &Instruction) -> Vec<(Word, Vec<&str>)> {
    let flag_word = |name: &str| {
        ins.flags
            .iter()
            .filter(|f| f.name.eq_ignore_ascii_case(name))
            .filter_map(|f| {
                Some(Word {
                    value: f.value.clone()?,
                    span: f.value_span?,
                })
            })
            .collect::<Vec<_>>()
    };
    let plain = |words: Vec<Word>| words.into_iter().map(|w| (w, Vec::new())).collect();
    match (&ins.args, ins.keyword) {
        (Args::KeyValues(pairs), Keyword::Env | Keyword::Label) => plain(
            pairs
                .iter()
                .flat_map(|kv| [kv.key.clone(), kv.value.clone()])
                .collect(),
        ),
        (Args::Arg(decls), _) => decls
            .iter()
            .enumerate()
            .filter_map(|(n, d)| {
                let earlier = decls[..n].iter().map(|e| e.name.value.as_str()).collect();
                Some((d.default.clone()?, earlier))
            })
            .collect(),
        (Args::Copy { paths, .. }, _) => {
            let mut words = paths.clone();
            words.extend(flag_word("chown"));
            words.extend(flag_word("chmod"));
            plain(words)
        }
        (
            Args::Words(words),
            Keyword::Workdir
            | Keyword::User
            | Keyword::Volume
            | Keyword::Stopsignal
            | Keyword::Expose,
        ) => plain(words.clone()),
        (_, Keyword::Run) => plain(flag_word("mount")),
        _ => Vec::new(),
    }
}
