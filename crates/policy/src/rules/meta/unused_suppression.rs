declare_rule! {
    /// ## What it does
    /// Reports a `# ballast: ignore=...` or `# ballast: ignore-file=...` comment that suppresses
    /// nothing: the rule it names did not fire there, or no rule has that name.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the problem it hid. Left in place, it silently hides the next,
    /// different problem of the same rule on that instruction, and readers keep wondering what it
    /// was for. Rules switched off by configuration are not counted as unused.
    ///
    /// ## Example
    /// ```dockerfile
    /// # ballast: ignore=unpinned-base-image -- waiting for a release
    /// FROM alpine:3.21
    /// USER 65534
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// USER 65534
    /// ```
    ///
    /// ## References
    /// - [ruff: unused-noqa (RUF100)](https://docs.astral.sh/ruff/rules/unused-noqa/)
    pub static RULE = {
        code: "BL0002",
        name: "unused-suppression",
        severity: Warning,
        tags: ["correctness"],
        aliases: [],
        seeds: [],
        check: Builtin,
    }
}
