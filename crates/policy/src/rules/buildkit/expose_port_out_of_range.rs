use super::expose_invalid_format::{exposed_ports, split_port_spec};
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `EXPOSE` ports and port ranges outside 0-65535.
    ///
    /// ## Why is this bad?
    /// A TCP or UDP port is a 16-bit number. BuildKit refuses to build a Dockerfile that exposes
    /// `80800`, so the typo is found only when the build runs, after the slow steps before it.
    ///
    /// Ports given by a variable whose value is not known here are not checked.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80800
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 8080
    /// ```
    ///
    /// ## References
    /// - [hadolint DL3011](https://github.com/hadolint/hadolint/wiki/DL3011)
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub static RULE = {
        code: "BL1303",
        name: "expose-port-out-of-range",
        severity: Error,
        tags: ["correctness"],
        aliases: ["DL3011"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (word, value) in exposed_ports(ctx) {
        let spec = split_port_spec(&value);
        let out_of_range = spec.container_port.split('-').any(|port| {
            !port.is_empty()
                && port.bytes().all(|b| b.is_ascii_digit())
                && port.parse::<u64>().map_or(true, |p| p > 65535)
        });
        if out_of_range {
            out.report(
                &RULE,
                word.span,
                format!(
                    "port `{}` is out of range: valid ports are 0 to 65535",
                    spec.container_port
                ),
            )
            .help("use the port the application listens on, between 0 and 65535");
        }
    }
}
