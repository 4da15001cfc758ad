use crate::context::DockerfileContext;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{image_stages, package_name, stage_run_scripts, system_packages};

declare_rule! {
    /// ## What it does
    /// Checks for compilers and build tools installed by the system package manager
    /// (`apt-get`/`apt install`, `apk add`, `yum`/`dnf`/`microdnf`/`zypper install`) in the final
    /// stage, or a stage it is built `FROM`: `gcc`, `g++`, `clang`, `make`, `cmake`,
    /// `build-essential`, `alpine-sdk`, `build-base`, `musl-dev`, `autoconf`, `automake`,
    /// `libtool`, `pkg-config`, and `*-dev` / `*-devel` header packages.
    ///
    /// Packages removed again in the same RUN (`apk add --virtual .build-deps ... && apk del
    /// .build-deps`, `apt-get purge -y gcc`) are not reported: they never reach a layer.
    ///
    /// ## Why is this bad?
    /// Compilers and headers are needed to build, not to run. In the final image they add
    /// hundreds of megabytes and give an attacker who gets a shell a ready toolchain. Seeds 001,
    /// 002 and 003 compile in a builder stage (with gcc/make) and copy only the results into a
    /// slim runtime stage; seed 003 targets a production image under 250 MB.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
    ///     && rm -rf /var/lib/apt/lists/*
    /// COPY requirements.txt .
    /// RUN pip install --no-cache-dir -r requirements.txt
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim AS builder
    /// RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev \
    ///     && rm -rf /var/lib/apt/lists/*
    /// COPY requirements.txt .
    /// RUN pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt
    ///
    /// FROM python:3.12-slim
    /// RUN apt-get update && apt-get install -y --no-install-recommends libpq5 \
    ///     && rm -rf /var/lib/apt/lists/*
    /// COPY --from=builder /wheels /wheels
    /// RUN pip install --no-cache-dir /wheels/*
    /// ```
    ///
    /// ## References
    /// - Seeds: `001_44158710fcc909dd.txt`, `002_819fc9e3d62a5817.txt`, `003_37cda6fe4f0eb3cb.txt`
    /// - [Docker: Multi-stage builds](https://docs.docker.com/build/building/multi-stage/)
    pub static RULE = {
        code: "BL1106",
        name: "build-tools-in-final-stage",
        severity: Warning,
        tags: ["size", "security"],
        aliases: [],
        seeds: ["001_44158710fcc909dd.txt", "002_819fc9e3d62a5817.txt", "003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

/// Whether a package name is a compiler, build tool or development headers.
pub(crate) fn is_build_tool(name: &str) -> bool {
    const TOOLS: &[&str] = &[
        "gcc",
        "g++",
        "gcc-c++",
        "cc",
        "clang",
        "make",
        "cmake",
        "build-essential",
        "alpine-sdk",
        "build-base",
        "musl-dev",
        "autoconf",
        "automake",
        "libtool",
        "pkg-config",
        "pkgconf",
        "ninja-build",
    ];
    let name = name.to_ascii_lowercase();
    TOOLS.contains(&name.as_str())
        || name.ends_with("-dev")
        || name.ends_with("-devel")
        || ["gcc-", "g++-", "clang-"].iter().any(|p| {
            name.strip_prefix(p)
                .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
        })
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for stage in image_stages(ctx) {
        for run in stage_run_scripts(ctx, stage) {
            let commands = &run.script.script.commands;
            // What the same RUN removes again: package names and apk virtual groups.
            let removed: Vec<&str> = commands
                .iter()
                .filter_map(system_packages)
                .filter(|(_, removing)| *removing)
                .flat_map(|(words, _)| words.into_iter().map(|w| package_name(w.as_str())))
                .collect();
            for command in commands {
                let Some((packages, false)) = system_packages(command) else {
                    continue;
                };
                let virtual_group = command.option_value(Some('t'), Some("virtual"));
                if virtual_group.is_some_and(|g| removed.contains(&g)) {
                    continue;
                }
                let tools: Vec<_> = packages
                    .into_iter()
                    .filter(|w| !w.has_expansion)
                    .filter(|w| {
                        let name = package_name(w.as_str());
                        is_build_tool(name) && !removed.contains(&name)
                    })
                    .collect();
                let Some(first) = tools.first() else { continue };
                let mut names: Vec<String> = Vec::new();
                for w in &tools {
                    let name = format!("`{}`", package_name(w.as_str()));
                    if !names.contains(&name) {
                        names.push(name);
                    }
                }
                if names.len() > 4 {
                    let more = names.len() - 3;
                    names.truncate(3);
                    names.push(format!("{more} more"));
                }
                let span = run.script.span(&first.span).cover(
                    run.script
                        .span(&tools.last().map_or(first.span.clone(), |w| w.span.clone())),
                );
                out.report(
                    &RULE,
                    span,
                    format!("build tools {} are installed in the final image", names.join(", ")),
                )
                .help("compile in an earlier stage (`FROM ... AS builder`) and `COPY --from=builder` only the results; install runtime libraries (e.g. `libpq5`, not `libpq-dev`) in the final stage");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_build_tool;

    #[test]
    fn build_tools_and_headers() {
        for name in [
            "gcc",
            "g++-12",
            "clang-17",
            "libpq-dev",
            "openssl-devel",
            "build-base",
        ] {
            assert!(is_build_tool(name), "{name}");
        }
        for name in [
            "curl",
            "libpq5",
            "gcc-doc",
            "make-guile",
            "python3",
            "devscripts",
        ] {
            assert!(!is_build_tool(name), "{name}");
        }
    }
}
