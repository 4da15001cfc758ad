use super::common::{span_in_word, suggest, var_refs};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword, Word};
use crate::dockerfile::model::PREDEFINED_ARGS;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks variables used in `FROM` (the image and `--platform`) that no `ARG` before the
    /// first `FROM` declares and that BuildKit does not predefine.
    ///
    /// ## Why is this bad?
    /// `FROM` only sees global build arguments: ones declared before the first `FROM`, and the
    /// platform arguments BuildKit provides. Any other variable is empty, so
    /// `FROM python:${PY_VERSION}-slim` quietly becomes `FROM python:-slim` and fails, or worse,
    /// `${VERSION:-latest}` always takes its default even when `--build-arg VERSION=...` is given.
    /// A typo in the name (`PYTHON_VERISON`) has the same effect.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:${PYTHON_VERSION}-slim
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG PYTHON_VERSION=3.12
    /// FROM python:${PYTHON_VERSION}-slim
    /// ```
    ///
    /// ## References
    /// - [UndefinedArgInFrom](https://docs.docker.com/reference/build-checks/undefined-arg-in-from/)
    /// - [How ARG and FROM interact](https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact)
    pub static RULE = {
        code: "BL1318",
        name: "undefined-arg-in-from",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["UndefinedArgInFrom"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// Global arguments BuildKit sets besides the platform and proxy ones.
const BUILDKIT_GLOBALS: &[&str] = &["TARGETSTAGE", "BUILDKIT_SYNTAX", "SOURCE_DATE_EPOCH"];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let globals = &ctx.model.global_args;
    for ins in ctx
        .ast
        .instructions
        .iter()
        .filter(|i| i.keyword == Keyword::From)
    {
        let Args::From { image, .. } = &ins.args else {
            continue;
        };
        let platform = ins.flag("platform").and_then(|f| {
            let value = f.value.clone()?;
            Some(Word {
                value,
                span: f.value_span?,
            })
        });
        for word in std::iter::once(image).chain(platform.as_ref()) {
            for var in var_refs(&word.value, ctx.ast.escape) {
                let name = var.name.as_str();
                if globals.iter().any(|g| g.name == name)
                    || PREDEFINED_ARGS.contains(&name)
                    || BUILDKIT_GLOBALS.contains(&name)
                {
                    continue;
                }
                let hint = suggest(
                    name,
                    globals
                        .iter()
                        .map(|g| g.name.as_str())
                        .chain(PREDEFINED_ARGS.iter().copied()),
                );
                let mut message = format!("FROM argument '{name}' is not declared");
                if let Some(hint) = hint {
                    message.push_str(&format!(" (did you mean {hint}?)"));
                }
                out.report(
                    &RULE,
                    span_in_word(ctx, word, var.name_start, var.name_end),
                    message,
                )
                .help(format!(
                    "declare it before the first FROM, e.g. `ARG {name}=<default>`"
                ));
            }
        }
    }
}
