use super::common::{is_valid_reference, var_refs};
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::dockerfile::model::{expand, Value};
use crate::engine::Diagnostics;
use std::collections::HashMap;

declare_rule! {
    /// ## What it does
    /// Checks `FROM` lines that use global build arguments and give an empty or invalid image
    /// reference when the build arguments keep their defaults, e.g. `ARG TAG` (no default) with
    /// `FROM alpine:${TAG}`, which becomes `alpine:`.
    ///
    /// ## Why is this bad?
    /// `docker build .` without `--build-arg` fails with "invalid reference format", and tools
    /// that read the Dockerfile (Dependabot, Renovate, scanners) cannot tell which image it
    /// uses. Give the argument a default, or a fallback with `${TAG:-3.21}`.
    ///
    /// Platform arguments count as set (BuildKit always sets them).
    ///
    /// ## Example
    /// ```dockerfile
    /// ARG TAG
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// ARG TAG=3.21
    /// FROM alpine:${TAG}
    /// ```
    ///
    /// ## References
    /// - [InvalidDefaultArgInFrom](https://docs.docker.com/reference/build-checks/invalid-default-arg-in-from/)
    pub static RULE = {
        code: "BL1308",
        name: "invalid-default-arg-in-from",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["InvalidDefaultArgInFrom"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// Values BuildKit gives the platform arguments; any real platform gives a valid reference
/// wherever these do.
const PLATFORM_DEFAULTS: &[(&str, &str)] = &[
    ("TARGETPLATFORM", "linux/amd64"),
    ("TARGETOS", "linux"),
    ("TARGETARCH", "amd64"),
    ("TARGETVARIANT", ""),
    ("BUILDPLATFORM", "linux/amd64"),
    ("BUILDOS", "linux"),
    ("BUILDARCH", "amd64"),
    ("BUILDVARIANT", ""),
];

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let escape = ctx.ast.escape;
    // Global ARGs with their defaults, expanded in order; an ARG without default is unset.
    let mut defaults: HashMap<&str, Option<String>> = PLATFORM_DEFAULTS
        .iter()
        .map(|&(k, v)| (k, Some(v.to_string())))
        .collect();
    let first_from = ctx
        .ast
        .instructions
        .iter()
        .position(|i| i.keyword == Keyword::From)
        .unwrap_or(ctx.ast.instructions.len());
    for ins in &ctx.ast.instructions[..first_from] {
        let Args::Arg(decls) = &ins.args else {
            continue;
        };
        for decl in decls {
            let value = decl
                .default
                .as_ref()
                .map(|d| expand(&d.value, escape, |n| lookup(&defaults, n)).value);
            defaults.insert(decl.name.value.as_str(), value);
        }
    }
    for ins in &ctx.ast.instructions[first_from..] {
        let Args::From { image, .. } = &ins.args else {
            continue;
        };
        if var_refs(&image.value, escape).is_empty() {
            continue;
        }
        let expanded = expand(&image.value, escape, |n| lookup(&defaults, n)).value;
        if is_valid_reference(&expanded) {
            continue;
        }
        out.report(
            &RULE,
            image.span,
            format!(
                "Default value for ARG {} results in empty or invalid base image name",
                image.value
            ),
        )
        .help(if expanded.is_empty() {
            "with the defaults the image is empty: give the ARG a default, or a fallback like `${NAME:-default}`".to_string()
        } else {
            format!("with the defaults the image is `{expanded}`: give the ARG a default, or a fallback like `${{NAME:-default}}`")
        });
    }
}

fn lookup<'a>(defaults: &'a HashMap<&str, Option<String>>, name: &str) -> Value<'a> {
    match defaults.get(name) {
        Some(Some(v)) => Value::Known(v),
        _ => Value::Undefined,
    }
}
