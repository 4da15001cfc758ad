declare_rule! {
    /// ## What it does
    /// Reports text that does not parse: a Dockerfile line BuildKit would reject, malformed YAML,
    /// an unterminated heredoc.
    ///
    /// ## Why is this bad?
    /// `docker build` stops at the first such line. ballast reports it at its exact place and still
    /// checks the rest of the file, so one typo does not hide every other finding.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN <<EOF
    /// echo never closed
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// RUN <<EOF
    /// echo closed
    /// EOF
    /// ```
    ///
    /// ## References
    /// - [Dockerfile reference](https://docs.docker.com/reference/dockerfile/)
    pub static RULE = {
        code: "BL0001",
        name: "syntax-error",
        severity: Error,
        tags: ["correctness"],
        aliases: [],
        seeds: [],
        check: Builtin,
    }
}
