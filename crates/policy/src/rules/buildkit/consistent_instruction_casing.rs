use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that every instruction keyword uses the casing most of the file uses: all upper
    /// case (`RUN`) or all lower case (`run`). Mixed-case keywords (`Run`) are always reported.
    ///
    /// ## Why is this bad?
    /// Docker accepts keywords in any case, so nothing breaks, but a file that mixes `RUN` and
    /// `run` is harder to scan and to search, and the odd one out usually marks a line pasted
    /// from elsewhere. BuildKit reports the same thing as `ConsistentInstructionCasing`.
    ///
    /// The majority is counted over all instructions, global `ARG`s before the first `FROM`
    /// included (BuildKit leaves those out); a tie counts as upper case. The fix
    /// rewrites the keyword in the majority casing.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// run echo hello
    /// USER 65534
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN echo hello
    /// USER 65534
    /// ```
    ///
    /// ## References
    /// - [ConsistentInstructionCasing](https://docs.docker.com/reference/build-checks/consistent-instruction-casing/)
    pub static RULE = {
        code: "BL1300",
        name: "consistent-instruction-casing",
        severity: Info,
        tags: ["style"],
        aliases: ["ConsistentInstructionCasing"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let (mut lower, mut upper) = (0usize, 0usize);
    for ins in &ctx.ast.instructions {
        let keyword = ctx.text(ins.keyword_span);
        if keyword == keyword.to_ascii_lowercase() {
            lower += 1;
        } else if keyword == keyword.to_ascii_uppercase() {
            upper += 1;
        }
    }
    let majority_lower = lower > upper;
    let casing = if majority_lower {
        "lowercase"
    } else {
        "uppercase"
    };
    for ins in &ctx.ast.instructions {
        let keyword = ctx.text(ins.keyword_span);
        let wanted = if majority_lower {
            keyword.to_ascii_lowercase()
        } else {
            keyword.to_ascii_uppercase()
        };
        if keyword == wanted {
            continue;
        }
        out.report(
            &RULE,
            ins.keyword_span,
            format!("Command '{keyword}' should match the case of the command majority ({casing})"),
        )
        .help(format!("write `{wanted}` like the other instructions"))
        .fix(
            format!("Write `{wanted}`"),
            vec![(ins.keyword_span, wanted)],
        );
    }
}
