use super::common::span_in_word;
use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword, Word};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks `EXPOSE` ports that carry an IP address or a host port, as in `docker run -p`:
    /// `EXPOSE 127.0.0.1:80:80` or `EXPOSE 8080:80`.
    ///
    /// ## Why is this bad?
    /// `EXPOSE` only documents which container ports the image listens on; it cannot publish a
    /// port or bind it to an address. Docker drops the IP and host part without a word, so the
    /// line promises a mapping that never happens, and BuildKit plans to make it an error. Publish
    /// ports when running the container (`docker run -p 8080:80`, Compose `ports:`).
    ///
    /// The fix keeps the container port (and protocol).
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 127.0.0.1:8080:80
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM nginx:1.27
    /// EXPOSE 80
    /// ```
    ///
    /// ## References
    /// - [ExposeInvalidFormat](https://docs.docker.com/reference/build-checks/expose-invalid-format/)
    /// - [Dockerfile reference: EXPOSE](https://docs.docker.com/reference/dockerfile/#expose)
    pub static RULE = {
        code: "BL1302",
        name: "expose-invalid-format",
        severity: Warning,
        tags: ["correctness"],
        aliases: ["ExposeInvalidFormat"],
        seeds: [],
        check: Dockerfile(check),
    }
}

/// A port spec `[ip:][host:]container[/proto]`, split as BuildKit's `splitParts` does.
pub(super) struct PortSpec<'a> {
    pub ip: &'a str,
    pub host_port: &'a str,
    pub container_port: &'a str,
    /// Byte offset of the container port in the spec.
    pub container_start: usize,
    pub proto: Option<&'a str>,
    /// Byte offset of the protocol in the spec.
    pub proto_start: usize,
}

pub(super) fn split_port_spec(spec: &str) -> PortSpec<'_> {
    let parts: Vec<&str> = spec.split(':').collect();
    let n = parts.len();
    let (ip, host_port) = match n {
        1 => ("", ""),
        2 => ("", parts[0]),
        _ => {
            let host_start = spec.len() - parts[n - 1].len() - 1 - parts[n - 2].len();
            (&spec[..host_start - 1], parts[n - 2])
        }
    };
    let last = parts[n - 1];
    let last_start = spec.len() - last.len();
    let (container_port, proto) = match last.split_once('/') {
        Some((port, proto)) => (port, Some(proto)),
        None => (last, None),
    };
    PortSpec {
        ip,
        host_port,
        container_port,
        container_start: last_start,
        proto,
        proto_start: last_start + container_port.len() + 1,
    }
}

/// Each EXPOSE word with its value after variable expansion (skipped when not known).
pub(super) fn exposed_ports<'a>(
    ctx: &'a DockerfileContext,
) -> impl Iterator<Item = (&'a Word, String)> + 'a {
    ctx.ast
        .instructions
        .iter()
        .enumerate()
        .filter(|(_, ins)| ins.keyword == Keyword::Expose)
        .filter_map(|(i, ins)| match &ins.args {
            Args::Words(words) => Some((i, words)),
            _ => None,
        })
        .flat_map(move |(i, words)| {
            words.iter().filter_map(move |w| {
                let expanded = ctx.model.expand_at(i, &w.value);
                expanded.is_known().then_some((w, expanded.value))
            })
        })
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for (word, value) in exposed_ports(ctx) {
        let spec = split_port_spec(&value);
        if spec.ip.is_empty() && spec.host_port.is_empty() {
            continue;
        }
        let finding = out
            .report(
                &RULE,
                word.span,
                format!(
                    "EXPOSE instruction should not define an IP address or host-port mapping, found '{value}'"
                ),
            )
            .help("expose only the container port and publish it at run time (`docker run -p`, Compose `ports:`)");
        if value == word.value && ctx.text(word.span) == word.value {
            let keep = &value[spec.container_start..];
            let span = span_in_word(ctx, word, 0, value.len());
            finding.fix(format!("Expose `{keep}`"), vec![(span, keep.to_string())]);
        }
    }
}
