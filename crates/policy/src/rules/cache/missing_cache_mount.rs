use crate::context::DockerfileContext;
use crate::dockerfile::ast::SourceText;
use crate::engine::Diagnostics;
use crate::rules::toolchain::{covers, env_value, run_scripts, truthy, RunScript};
use crate::shell::{Command, Redirect};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks that every package-manager install or download step has a BuildKit cache mount
    /// (`RUN --mount=type=cache,target=...`) on that tool's cache directory:
    ///
    /// | tool | cache directory (override) |
    /// |---|---|
    /// | apt-get / apt install | `/var/cache/apt` and `/var/lib/apt`, with `sharing=locked` |
    /// | apk add | `/var/cache/apk` or `/etc/apk/cache` |
    /// | pip install/download | `/root/.cache/pip` (`PIP_CACHE_DIR`, `--cache-dir`) |
    /// | uv sync/add/pip install/tool install | `/root/.cache/uv` (`UV_CACHE_DIR`, `--cache-dir`) |
    /// | poetry install | `/root/.cache/pypoetry` (`POETRY_CACHE_DIR`) |
    /// | npm ci/install | `/root/.npm` (`npm_config_cache`, `--cache`) |
    /// | yarn install | `/usr/local/share/.cache/yarn`, or `.yarn/cache` for Yarn Berry (`YARN_CACHE_FOLDER`) |
    /// | pnpm install | `/root/.local/share/pnpm/store` (`npm_config_store_dir`, `--store-dir`), or any `pnpm/store` |
    /// | bun install | `/root/.bun/install/cache` (`BUN_INSTALL_CACHE_DIR`) |
    /// | cargo build/fetch/install | `/usr/local/cargo/registry` (`CARGO_HOME`) |
    /// | go mod download/build/install | `/go/pkg/mod` (`GOMODCACHE`, `GOPATH`); builds also `/root/.cache/go-build` (`GOCACHE`) |
    /// | gradle / mvn / dotnet | `/root/.gradle` (`GRADLE_USER_HOME`), `/root/.m2`, `/root/.nuget/packages` (`NUGET_PACKAGES`) |
    /// | Hugging Face | `/root/.cache/huggingface` (`HF_HOME`, `HF_HUB_CACHE`, `TRANSFORMERS_CACHE`, `SENTENCE_TRANSFORMERS_HOME`) |
    /// | NLTK | `/root/nltk_data` (`NLTK_DATA`, `-d`) |
    /// | torch hub | `/root/.cache/torch` (`TORCH_HOME`) |
    ///
    /// Model downloads are also found in Python run by the RUN: a `python - <<'PY'` heredoc or
    /// `python -c` calling `nltk.download(...)`, `SentenceTransformer(...)`,
    /// `from_pretrained(...)`, `snapshot_download(...)`, `hf_hub_download(...)` or
    /// `torch.hub.load(...)`, and `huggingface-cli download` / `python -m nltk.downloader`.
    /// A home directory other than `/root` (`/home/app/.cache/pip`) and a cache mount on a
    /// parent directory (`/root/.cache`) count too, and so does a cache mount whose path the
    /// Python code names (`cache_dir="/tmp/hf_cache"`). A cache mount is not part of the image:
    /// models the container needs at run time are copied out of it in the same RUN, as seed 000
    /// does for `tag-generator`.
    ///
    /// ## Why is this bad?
    /// Without a cache mount, any change to an earlier layer (a new requirement, a base image
    /// update) makes the step download every package, or every model, again. A cache mount keeps
    /// the downloads between builds *outside* the image: faster builds and no cache in the
    /// layers. Seed 000 traced slow builds and dangling images to NLTK and Hugging Face models
    /// re-downloaded on every build; seed 001 uses a cache mount for `uv sync`; seed 002 cut
    /// build times from 5-7 to 1-2 minutes with caching.
    ///
    /// Choosing no cache on purpose is accepted: `pip --no-cache-dir` or `PIP_NO_CACHE_DIR=1`
    /// (what seed 003 recommends without mounts), `apk --no-cache`, `uv --no-cache` or
    /// `UV_NO_CACHE=1`, `poetry --no-cache`. The rule is `info`: it is about speed, and it agrees
    /// with `pip-cache-not-disabled`, which accepts a cache mount as well as `--no-cache-dir`.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// COPY pyproject.toml uv.lock ./
    /// RUN uv sync --frozen --no-dev
    /// RUN python - <<'PY'
    /// import nltk
    /// nltk.download("punkt")
    /// PY
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// COPY --from=ghcr.io/astral-sh/uv:0.5.14 /uv /uvx /bin/
    /// COPY pyproject.toml uv.lock ./
    /// RUN --mount=type=cache,target=/root/.cache/uv uv sync --frozen --no-dev
    /// RUN --mount=type=cache,target=/root/nltk_data python - <<'PY'
    /// import nltk
    /// nltk.download("punkt")
    /// PY
    /// ```
    ///
    /// ## References
    /// - Seeds: `000_4342dac09d359873.txt`, `001_44158710fcc909dd.txt`, `002_819fc9e3d62a5817.txt`
    /// - [Docker: Optimize cache usage, cache mounts](https://docs.docker.com/build/cache/optimize/#use-cache-mounts)
    pub static RULE = {
        code: "BL1104",
        name: "missing-cache-mount",
        severity: Info,
        tags: ["speed", "cache"],
        aliases: [],
        seeds: ["000_4342dac09d359873.txt", "001_44158710fcc909dd.txt", "002_819fc9e3d62a5817.txt"],
        check: Dockerfile(check),
    }
}

/// A tool's cache: where it is by default, and what moves it.
struct Cache {
    /// What downloads, for the message.
    what: &'static str,
    /// Default directories; `~/` is any home directory, `*/x` any target ending in `/x`.
    dirs: &'static [&'static str],
    /// Variables that move the cache: `(name, suffix)`, the cache being `$name` + suffix.
    env: &'static [(&'static str, &'static str)],
    /// A long option of the command that moves the cache.
    option: Option<&'static str>,
    /// Extra mount options suggested.
    extra: &'static str,
}

const APT: Cache = Cache {
    what: "apt packages",
    dirs: &["/var/cache/apt"],
    env: &[],
    option: None,
    extra: ",sharing=locked",
};
const APK: Cache = Cache {
    what: "apk packages",
    dirs: &["/var/cache/apk", "/etc/apk/cache"],
    env: &[],
    option: None,
    extra: "",
};
const PIP: Cache = Cache {
    what: "pip packages",
    dirs: &["~/.cache/pip"],
    env: &[("PIP_CACHE_DIR", "")],
    option: Some("cache-dir"),
    extra: "",
};
const UV: Cache = Cache {
    what: "Python packages",
    dirs: &["~/.cache/uv"],
    env: &[("UV_CACHE_DIR", "")],
    option: Some("cache-dir"),
    extra: "",
};
const POETRY: Cache = Cache {
    what: "Python packages",
    dirs: &["~/.cache/pypoetry"],
    env: &[("POETRY_CACHE_DIR", "")],
    option: None,
    extra: "",
};
const NPM: Cache = Cache {
    what: "npm packages",
    dirs: &["~/.npm"],
    env: &[("npm_config_cache", ""), ("NPM_CONFIG_CACHE", "")],
    option: Some("cache"),
    extra: "",
};
const YARN: Cache = Cache {
    what: "npm packages",
    dirs: &[
        "/usr/local/share/.cache/yarn",
        "~/.cache/yarn",
        "~/.yarn/berry/cache",
        "*/.yarn/cache",
    ],
    env: &[("YARN_CACHE_FOLDER", "")],
    option: Some("cache-folder"),
    extra: "",
};
const PNPM: Cache = Cache {
    what: "npm packages",
    dirs: &["~/.local/share/pnpm/store", "*/pnpm/store", "*/.pnpm-store"],
    env: &[("npm_config_store_dir", ""), ("PNPM_HOME", "/store")],
    option: Some("store-dir"),
    extra: "",
};
const BUN: Cache = Cache {
    what: "npm packages",
    dirs: &["~/.bun/install/cache"],
    env: &[("BUN_INSTALL_CACHE_DIR", "")],
    option: None,
    extra: "",
};
const CARGO: Cache = Cache {
    what: "crates",
    dirs: &["/usr/local/cargo/registry", "~/.cargo/registry"],
    env: &[("CARGO_HOME", "/registry")],
    option: None,
    extra: "",
};
const GO_MOD: Cache = Cache {
    what: "Go modules",
    dirs: &["/go/pkg/mod", "~/go/pkg/mod"],
    env: &[("GOMODCACHE", ""), ("GOPATH", "/pkg/mod")],
    option: None,
    extra: "",
};
const GO_BUILD: Cache = Cache {
    what: "Go build results",
    dirs: &["~/.cache/go-build"],
    env: &[("GOCACHE", "")],
    option: None,
    extra: "",
};
const GRADLE: Cache = Cache {
    what: "Gradle dependencies",
    dirs: &["~/.gradle"],
    env: &[("GRADLE_USER_HOME", "")],
    option: None,
    extra: "",
};
const MAVEN: Cache = Cache {
    what: "Maven dependencies",
    dirs: &["~/.m2"],
    env: &[],
    option: None,
    extra: "",
};
const NUGET: Cache = Cache {
    what: "NuGet packages",
    dirs: &["~/.nuget/packages"],
    env: &[("NUGET_PACKAGES", "")],
    option: None,
    extra: "",
};
const HUGGING_FACE: Cache = Cache {
    what: "Hugging Face models",
    dirs: &["~/.cache/huggingface"],
    env: &[
        ("HF_HOME", ""),
        ("HF_HUB_CACHE", ""),
        ("HUGGINGFACE_HUB_CACHE", ""),
        ("TRANSFORMERS_CACHE", ""),
        ("SENTENCE_TRANSFORMERS_HOME", ""),
    ],
    option: Some("cache-dir"),
    extra: "",
};
const NLTK: Cache = Cache {
    what: "NLTK data",
    dirs: &["~/nltk_data"],
    env: &[("NLTK_DATA", "")],
    option: None,
    extra: "",
};
const TORCH: Cache = Cache {
    what: "torch hub models",
    dirs: &["~/.cache/torch"],
    env: &[("TORCH_HOME", "")],
    option: None,
    extra: "",
};

/// Calls in Python code that download models, and whose cache they fill.
const PYTHON_DOWNLOADS: &[(&str, &Cache)] = &[
    ("nltk.download(", &NLTK),
    ("SentenceTransformer(", &HUGGING_FACE),
    ("from_pretrained(", &HUGGING_FACE),
    ("snapshot_download(", &HUGGING_FACE),
    ("hf_hub_download(", &HUGGING_FACE),
    ("torch.hub.load(", &TORCH),
];

/// The caches a command fills, or none when it does not download or its cache is off.
fn caches_of(command: &Command, env: &dyn Fn(&str) -> Option<String>) -> Vec<&'static Cache> {
    let Some(tool) = command.tool() else {
        return Vec::new();
    };
    let sub = tool.subcommand();
    let is = |names: &[&str]| sub.is_some_and(|s| names.contains(&s));
    let flag = |long: &str| tool.has_flag(None, Some(long));
    let env_on = |name: &str| env(name).is_some_and(|v| truthy(&v));
    match tool.name {
        "apt-get" | "apt"
            if is(&[
                "install",
                "upgrade",
                "dist-upgrade",
                "full-upgrade",
                "build-dep",
            ]) =>
        {
            vec![&APT]
        }
        "apk" if is(&["add", "fetch"]) && !flag("no-cache") => vec![&APK],
        "pip" if is(&["install", "download", "wheel"]) => {
            let disabled = flag("no-cache-dir")
                || env("PIP_NO_CACHE_DIR").is_some_and(|v| v.is_empty() || truthy(&v));
            if disabled {
                Vec::new()
            } else {
                vec![&PIP]
            }
        }
        "uv" => {
            let downloads = is(&["sync", "add"])
                || command.invokes(&["uv", "pip", "install"])
                || command.invokes(&["uv", "pip", "sync"])
                || command.invokes(&["uv", "tool", "install"]);
            if downloads && !tool.has_flag(Some('n'), Some("no-cache")) && !env_on("UV_NO_CACHE") {
                vec![&UV]
            } else {
                Vec::new()
            }
        }
        "poetry" if is(&["install", "add", "update"]) && !flag("no-cache") => vec![&POETRY],
        "npm" if is(&["ci", "install", "i", "add"]) => vec![&NPM],
        "yarn" if sub.is_none() || is(&["install", "add"]) => vec![&YARN],
        "pnpm" if is(&["install", "i", "add", "fetch"]) => vec![&PNPM],
        "bun" if is(&["install", "i", "add"]) => vec![&BUN],
        "cargo" if is(&["build", "b", "fetch", "install"]) => vec![&CARGO],
        "go" if command.invokes(&["go", "mod", "download"]) || is(&["get"]) => vec![&GO_MOD],
        "go" if is(&["build", "install", "test"]) => vec![&GO_MOD, &GO_BUILD],
        "gradle" | "gradlew" if sub.is_some() => vec![&GRADLE],
        "mvn" | "mvnw" if sub.is_some() => vec![&MAVEN],
        "dotnet" if is(&["restore", "build", "publish"]) => vec![&NUGET],
        "huggingface-cli" | "hf" if is(&["download"]) => vec![&HUGGING_FACE],
        "nltk.downloader" => vec![&NLTK],
        _ => Vec::new(),
    }
}

/// The directories that hold `cache` for this command: the override if one is set, else the
/// defaults.
fn cache_dirs(
    cache: &Cache,
    command: Option<&Command>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Vec<String> {
    if let Some(option) = cache.option {
        if let Some(dir) = command.and_then(|c| c.option_value(None, Some(option))) {
            return vec![dir.to_string()];
        }
    }
    if std::ptr::eq(cache, &NLTK) {
        if let Some(dir) = command.and_then(|c| c.option_value(Some('d'), None)) {
            return vec![dir.to_string()];
        }
    }
    let overridden: Vec<String> = cache
        .env
        .iter()
        .filter_map(|(name, suffix)| {
            env(name)
                .filter(|v| !v.is_empty() && !v.contains('$'))
                .map(|v| format!("{}{suffix}", v.trim_matches(['"', '\''])))
        })
        .collect();
    if !overridden.is_empty() {
        return overridden;
    }
    cache.dirs.iter().map(|d| d.to_string()).collect()
}

fn mounted(targets: &[String], dir: &str) -> bool {
    match dir.strip_prefix('*') {
        Some(suffix) => targets
            .iter()
            .any(|t| t.ends_with(suffix) || t == &suffix[1..]),
        None => targets.iter().any(|t| covers(t, dir)),
    }
}

/// The directory to suggest in the help: the first one, with `~` as root's home.
fn suggested(dirs: &[String]) -> String {
    let dir = dirs.first().map_or("", String::as_str);
    match dir.strip_prefix("~/") {
        Some(rel) => format!("/root/{rel}"),
        None => dir.trim_start_matches("*/").to_string(),
    }
}

fn mount_line(cache: &Cache, dirs: &[String]) -> String {
    if std::ptr::eq(cache, &APT) {
        return "--mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked".to_string();
    }
    format!(
        "--mount=type=cache,target={}{}",
        suggested(dirs),
        cache.extra
    )
}

/// One finding for everything a command (or a call) fetches without a cache mount.
fn report(out: &mut Diagnostics, span: Span, missing: &[(&Cache, Vec<String>)], what: &str) {
    let Some((first, _)) = missing.first() else {
        return;
    };
    let dirs: Vec<String> = missing
        .iter()
        .map(|(_, d)| format!("`{}`", suggested(d)))
        .collect();
    let kinds: Vec<&str> = missing.iter().map(|(c, _)| c.what).collect();
    let message = if missing.len() == 1 && std::ptr::eq(*first, &GO_BUILD) {
        format!(
            "{what} recompiles every package on every build: no cache mount on {}",
            dirs[0]
        )
    } else {
        format!(
            "{what} fetches {} again on every build: no cache mount on {}",
            kinds.join(" and "),
            dirs.join(" and ")
        )
    };
    let mounts: Vec<String> = missing.iter().map(|(c, d)| mount_line(c, d)).collect();
    let mut help = format!(
        "add `{}` to this RUN so {} are kept between builds",
        mounts.join(" "),
        kinds.join(" and ")
    );
    let model = [&HUGGING_FACE, &NLTK, &TORCH]
        .iter()
        .any(|m| std::ptr::eq(*first, *m));
    if model {
        // A cache mount is not part of the image: download into it, then copy out what the
        // container needs at run time, as seed 000 does.
        let (var, _) = first.env.first().copied().unwrap_or(("HF_HOME", ""));
        let tmp = format!(
            "/tmp/{}_cache",
            var.split('_')
                .next()
                .unwrap_or("model")
                .to_ascii_lowercase()
        );
        help = format!(
            "download into a cache mount and copy out what the container needs at run time: `RUN --mount=type=cache,target={tmp} {var}={tmp} python ... && cp -r {tmp} {}`",
            dirs[0].trim_matches('`')
        );
    }
    if std::ptr::eq(*first, &APT) {
        help.push_str(
            " (and remove `/etc/apt/apt.conf.d/docker-clean` so apt keeps the downloaded packages)",
        );
    }
    out.report(&RULE, span, message).help(help);
}

/// Python code run by a command: a heredoc on its stdin or a `-c` argument.
fn python_code<'a>(command: &'a Command, run: &'a RunScript<'a>) -> Vec<SourceText> {
    let mut code = Vec::new();
    for redirect in command.heredocs() {
        if let Redirect::Heredoc { index, body, .. } = redirect {
            match body {
                Some(range) => code.push(run.script.text.slice(range.start, range.end)),
                None => {
                    if let Some(h) = run.ins.heredocs.get(*index) {
                        code.push(h.body.clone());
                    }
                }
            }
        }
    }
    if let Some(tool) = command.tool() {
        if let Some(i) = tool.args.iter().position(|w| w.as_str() == "-c") {
            if let Some(arg) = tool.args.get(i + 1) {
                // Quotes removed: offsets hold for a word quoted as a whole, without escapes.
                let span = run.script.span(&arg.span);
                let raw = run.script.text.text.get(arg.span.clone()).unwrap_or("");
                let quote = usize::from(raw.starts_with(['\'', '"']));
                code.push(SourceText {
                    text: arg.value.clone(),
                    segments: vec![(0, span.start + quote)],
                });
            }
        }
    }
    code
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for run in run_scripts(ctx) {
        let targets = crate::rules::toolchain::cache_targets(ctx, run.index, run.ins);
        for command in &run.script.script.commands {
            let env = |name: &str| env_value(ctx, run.index, run.script, command, name);
            let missing: Vec<(&Cache, Vec<String>)> = caches_of(command, &env)
                .into_iter()
                .map(|cache| (cache, cache_dirs(cache, Some(command), &env)))
                .filter(|(_, dirs)| !dirs.iter().any(|d| mounted(&targets, d)))
                .collect();
            if !missing.is_empty() {
                let what = match (command.program(), command.tool()) {
                    (_, Some(tool)) if tool.name == "nltk.downloader" => {
                        "`nltk.downloader`".to_string()
                    }
                    (_, Some(tool)) => {
                        let words: Vec<&str> = tool
                            .positional_args()
                            .take(3)
                            .map(|w| w.as_str())
                            .take_while(|w| !w.contains(['/', '.', '$']) && w.len() < 20)
                            .collect();
                        let n = match words.first() {
                            Some(&("mod" | "pip" | "tool")) => 2,
                            _ => 1,
                        };
                        let shown: Vec<&str> = std::iter::once(tool.name)
                            .chain(words.into_iter().take(n))
                            .collect();
                        format!("`{}`", shown.join(" "))
                    }
                    _ => "this command".to_string(),
                };
                report(out, run.script.span(&command.span), &missing, &what);
            }
            if command.tool().is_some_and(|t| t.name == "python") {
                for code in python_code(command, &run) {
                    check_python(&code, &targets, &env, out);
                }
            }
        }
    }
}

fn check_python(
    code: &SourceText,
    targets: &[String],
    env: &dyn Fn(&str) -> Option<String>,
    out: &mut Diagnostics,
) {
    // A cache mount whose path the code names (`cache_dir="/tmp/hf_cache"`) is used on purpose.
    if targets
        .iter()
        .any(|t| !t.is_empty() && code.text.contains(t.as_str()))
    {
        return;
    }
    let mut reported: Vec<*const Cache> = Vec::new();
    for (call, cache) in PYTHON_DOWNLOADS {
        let Some(at) = code.text.find(call) else {
            continue;
        };
        if reported.contains(&(*cache as *const Cache)) {
            continue;
        }
        let dirs = cache_dirs(cache, None, env);
        if dirs.iter().any(|d| mounted(targets, d)) {
            continue;
        }
        reported.push(*cache as *const Cache);
        let name = call.trim_end_matches('(');
        let span = code.source_span(at, at + name.len());
        report(out, span, &[(*cache, dirs)], &format!("`{name}`"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suffix_directories_match_any_parent() {
        let targets = vec!["/app/.yarn/cache".to_string()];
        assert!(mounted(&targets, "*/.yarn/cache"));
        assert!(!mounted(&targets, "*/pnpm/store"));
        assert!(mounted(&[".yarn/cache".to_string()], "*/.yarn/cache"));
    }

    #[test]
    fn overrides_replace_default_directories() {
        let command = &crate::shell::parse("pip install x").commands[0];
        let env = |name: &str| (name == "PIP_CACHE_DIR").then(|| "/cache/pip".to_string());
        assert_eq!(cache_dirs(&PIP, Some(command), &env), vec!["/cache/pip"]);
        assert_eq!(
            suggested(&cache_dirs(&PIP, Some(command), &|_| None)),
            "/root/.cache/pip"
        );
    }
}
