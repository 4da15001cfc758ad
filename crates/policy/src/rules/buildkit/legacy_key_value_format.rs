use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks `ENV` and `LABEL` in the legacy space-separated form, `ENV NAME value`, instead
    /// of `ENV NAME=value`.
    ///
    /// ## Why is this bad?
    /// In the legacy form everything after the name is the value, spaces and all: `ENV PATH
    /// /app/bin:$PATH DEBUG=1` sets `PATH` to `/app/bin:... DEBUG=1`. The form cannot set two
    /// variables on one line, and Docker documents it as deprecated. The fix writes `NAME=value`,
    /// quoting a value with spaces.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENV PYTHONUNBUFFERED 1
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENV PYTHONUNBUFFERED=1
    /// ```
    ///
    /// ## References
    /// - [LegacyKeyValueFormat](https://docs.docker.com/reference/build-checks/legacy-key-value-format/)
    pub static RULE = {
        code: "BL1311",
        name: "legacy-key-value-format",
        severity: Warning,
        tags: ["maintainability"],
        aliases: ["LegacyKeyValueFormat"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in &ctx.ast.instructions {
        if !matches!(ins.keyword, Keyword::Env | Keyword::Label) {
            continue;
        }
        let Args::KeyValues(pairs) = &ins.args else {
            continue;
        };
        let keyword = ctx.text(ins.keyword_span);
        for kv in pairs.iter().filter(|kv| !kv.equals) {
            let finding = out
                .report(
                    &RULE,
                    kv.key.span.cover(kv.value.span),
                    format!("\"{keyword} key=value\" should be used instead of legacy \"{keyword} key value\" format"),
                )
                .help(format!("write `{keyword} {}=<value>`", kv.key.value));
            let gap = Span::new(kv.key.span.end, kv.value.span.start);
            let value = &kv.value.value;
            let verbatim = ctx.text(kv.value.span) == value && !ctx.text(gap).contains('\n');
            if !verbatim || gap.is_empty() {
                continue;
            }
            if !value.contains(char::is_whitespace) {
                finding.fix("Write `key=value`", vec![(gap, "=".to_string())]);
            } else if !value.contains(['"', '\'', '\\']) {
                finding.fix(
                    "Write `key=\"value\"`",
                    vec![
                        (gap, "=\"".to_string()),
                        (Span::empty(kv.value.span.end), "\"".to_string()),
                    ],
                );
            }
        }
    }
}
