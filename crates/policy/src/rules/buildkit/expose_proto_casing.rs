use super::common::span_in_word;
use super::expose_invalid_format::{exposed_ports, split_port_spec};
use crate::context::DockerfileContext;
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks that the protocol of an `EXPOSE` port is written in lower case: `80/tcp`, not
    /// `80/TCP`.
    ///
    /// ## Why is this bad?
    /// Docker lower-cases the protocol itself, so `80/TCP` works, but the image metadata then
    /// differs from what the Dockerfile says, and tools that read the Dockerfile (or compare
    /// `docker inspect` output to it) see two different ports.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM alpine:3.21
    /// EXPOSE 53/UDP
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM alpine:3.21
    /// EXPOSE 53/udp
    /// ```
    ///
    /// ## References
    /// - [ExposeProtoCasing](https://docs.docker.com/reference/build-checks/expose-proto-casing/)
    pub static RULE = {
        code: "BL1304",
        name: "expose-proto-casing",
        severity: Info,
        tags: ["style"],
        aliases: ["ExposeProtoCasing"],
        seeds: [],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (word, value) in exposed_ports(ctx) {
        let spec = split_port_spec(&value);
        let Some(proto) = spec.proto else { continue };
        let lower = proto.to_ascii_lowercase();
        if proto == lower {
            continue;
        }
        let verbatim = value == word.value && ctx.text(word.span) == word.value;
        let span = if verbatim {
            span_in_word(ctx, word, spec.proto_start, spec.proto_start + proto.len())
        } else {
            word.span
        };
        let finding = out
            .report(
                &RULE,
                span,
                format!("Defined protocol '{value}' in EXPOSE instruction should be lowercase"),
            )
            .help(format!("write `{lower}`"));
        if verbatim {
            finding.fix(format!("Write `{lower}`"), vec![(span, lower)]);
        }
    }
}
