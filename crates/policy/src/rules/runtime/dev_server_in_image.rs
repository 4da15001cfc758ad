use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, CommandForm, Instruction, Keyword};
use crate::engine::Diagnostics;
use crate::rules::support::command_span;
use crate::rules::toolchain::{image_stages, truthy};
use crate::span::Span;

declare_rule! {
    /// ## What it does
    /// Checks whether the final image's `CMD` / `ENTRYPOINT` (exec or shell form, inherited
    /// from a parent stage included) starts a development server: `uvicorn`/`gunicorn --reload`,
    /// `flask run --debug` (or with `FLASK_DEBUG=1`), `fastapi dev`,
    /// `python manage.py runserver`, `npm run dev`, `yarn dev`, `pnpm dev`, `bun dev`,
    /// `bun --watch`/`--hot`, `next dev`, `nuxt dev`, `vite` (not `vite build`/`preview`),
    /// `nodemon`, `ts-node-dev`, `tsx watch`, `node --watch`, `webpack serve`, `ng serve`,
    /// `deno run --watch`, `rails server` in development, and `air` (Go live reload).
    ///
    /// ## Why is this bad?
    /// Development servers watch files and reload, run single-threaded or unoptimised, and
    /// often expose debuggers that execute arbitrary code (Werkzeug's debugger, Django's debug
    /// pages). They belong in `Dockerfile.dev` with a bind mount, not in the image that ships.
    /// Seed 003 keeps hot reload in `Dockerfile.dev` only; seed 004 lists "no `--reload`" for the
    /// production Dockerfile.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// WORKDIR /app
    /// COPY . .
    /// USER 10001
    /// CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--reload"]
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// WORKDIR /app
    /// COPY . .
    /// USER 10001
    /// CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "2"]
    /// ```
    ///
    /// ## References
    /// - Seeds: `003_37cda6fe4f0eb3cb.txt`, `004_c2c591e76364252e.txt`
    /// - [Uvicorn: deployment](https://www.uvicorn.org/deployment/)
    pub static RULE = {
        code: "BL1110",
        name: "dev-server-in-image",
        severity: Warning,
        tags: ["security", "correctness"],
        aliases: [],
        seeds: ["003_37cda6fe4f0eb3cb.txt", "004_c2c591e76364252e.txt"],
        check: Dockerfile(check),
    }
}

fn basename(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

fn is_dev_script(script: &str) -> bool {
    script == "dev"
        || script == "develop"
        || script == "watch"
        || script.starts_with("dev:")
        || script.ends_with(":dev")
}

/// What development server `argv` starts, if any. `env` looks variables up.
pub(crate) fn dev_server(argv: &[&str], env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    let mut argv = argv;
    // Assignment words and launchers that run the next word.
    while let Some((first, rest)) = argv.split_first() {
        let name = basename(first);
        if first.contains('=') && !first.starts_with('-')
            || matches!(name, "npx" | "bunx" | "pnpx" | "exec" | "env")
        {
            argv = rest;
            while argv.first().is_some_and(|w| w.starts_with('-')) {
                argv = &argv[1..];
            }
        } else {
            break;
        }
    }
    let (first, mut args) = argv.split_first()?;
    let mut program = basename(first);
    let unversioned = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    if unversioned == "python" {
        match args.iter().position(|a| *a == "-m") {
            Some(i) => {
                program = args.get(i + 1)?;
                args = &args[i + 2..];
            }
            None => {
                let script = args.iter().find(|a| !a.starts_with('-'))?;
                let at = args.iter().position(|a| a == script)?;
                if script.ends_with("manage.py") && args.get(at + 1) == Some(&"runserver") {
                    return Some("`manage.py runserver`".into());
                }
                return None;
            }
        }
    }
    let has = |flag: &str| {
        args.iter()
            .any(|a| *a == flag || a.strip_prefix(flag).is_some_and(|r| r.starts_with('=')))
    };
    let sub = args.iter().find(|a| !a.starts_with('-')).copied();
    let found = match program {
        "uvicorn" | "gunicorn" | "hypercorn" if has("--reload") => format!("`{program} --reload`"),
        "flask" if sub == Some("run") => {
            let debug = has("--debug")
                || has("--reload")
                || env("FLASK_DEBUG").is_some_and(|v| truthy(&v))
                || env("FLASK_ENV").is_some_and(|v| v.trim_matches('"') == "development");
            if !debug {
                return None;
            }
            "`flask run` in debug mode".into()
        }
        "fastapi" if sub == Some("dev") => "`fastapi dev`".into(),
        "django-admin" if sub == Some("runserver") => "`django-admin runserver`".into(),
        "npm" if matches!(sub, Some("run" | "run-script")) => {
            let script = args.iter().filter(|a| !a.starts_with('-')).nth(1)?;
            if !is_dev_script(script) {
                return None;
            }
            format!("`npm run {script}`")
        }
        "yarn" | "pnpm" | "bun" => {
            if program == "bun" && (has("--watch") || has("--hot")) {
                return Some("`bun --watch`".into());
            }
            let mut positional = args.iter().filter(|a| !a.starts_with('-'));
            let mut script = positional.next()?;
            if *script == "run" {
                script = positional.next()?;
            }
            if !is_dev_script(script) {
                return None;
            }
            format!("`{program} {script}`")
        }
        "next" | "nuxt" | "nuxi" | "astro" | "remix" | "vite" | "svelte-kit"
            if sub == Some("dev") =>
        {
            format!("`{program} dev`")
        }
        "vite" if sub.is_none() || sub == Some("serve") => "`vite` dev server".into(),
        "nodemon" | "ts-node-dev" | "tsnd" | "air" | "webpack-dev-server" => format!("`{program}`"),
        "tsx" if sub == Some("watch") => "`tsx watch`".into(),
        "node" if has("--watch") => "`node --watch`".into(),
        "webpack" | "ng" | "vue-cli-service" if sub == Some("serve") => {
            format!("`{program} serve`")
        }
        "nest" if has("--watch") => "`nest start --watch`".into(),
        "deno" if has("--watch") => "`deno --watch`".into(),
        "rails" if matches!(sub, Some("server" | "s")) => {
            let development = args
                .windows(2)
                .any(|w| matches!(w[0], "-e" | "--environment") && w[1] == "development")
                || has("--environment") && args.contains(&"--environment=development")
                || env("RAILS_ENV").is_some_and(|v| v.trim_matches('"') == "development");
            if !development {
                return None;
            }
            "`rails server` in development".into()
        }
        _ => return None,
    };
    Some(found)
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    let stages = image_stages(ctx);
    let last = |keyword: Keyword| {
        stages.iter().find_map(|stage| {
            stage
                .instructions(ctx.ast)
                .filter(|(_, ins)| ins.keyword == keyword)
                .last()
        })
    };
    let entrypoint = last(Keyword::Entrypoint);
    let cmd = last(Keyword::Cmd);
    let mut candidates: Vec<(usize, &Instruction, Option<Vec<&str>>)> = Vec::new();
    match entrypoint {
        Some((i, ep)) => match exec_args(ep) {
            Some(mut argv) => {
                if let Some((ci, c)) = cmd {
                    if let Some(cmd_argv) = exec_args(c) {
                        argv.extend(cmd_argv);
                        // Report where the development part is written.
                        let ep_alone = exec_args(ep).unwrap_or_default();
                        let env = env_at(ctx, i);
                        if dev_server(&ep_alone, &env).is_none() {
                            candidates.push((ci, c, Some(argv)));
                        } else {
                            candidates.push((i, ep, Some(argv)));
                        }
                    } else {
                        candidates.push((i, ep, Some(argv)));
                    }
                } else {
                    candidates.push((i, ep, Some(argv)));
                }
            }
            None => candidates.push((i, ep, None)),
        },
        None => {
            if let Some((ci, c)) = cmd {
                candidates.push((ci, c, exec_args(c)));
            }
        }
    }
    // An entrypoint script (`ENTRYPOINT ["/entrypoint.sh"]`) usually ends with `exec "$@"`.
    if let (Some(_), Some((ci, c))) = (entrypoint, cmd) {
        if candidates.iter().all(|(i, _, _)| *i != ci) {
            candidates.push((ci, c, exec_args(c)));
        }
    }
    for (index, ins, argv) in candidates {
        if let Some(argv) = argv {
            let env = env_at(ctx, index);
            if let Some(what) = dev_server(&argv, &env) {
                let Args::Command(form) = &ins.args else {
                    continue;
                };
                report(out, command_span(form), &what, ins.keyword);
                return;
            }
            continue;
        }
        for script in ctx.model.scripts(index) {
            if !script.script.complete {
                continue;
            }
            for command in &script.script.commands {
                let Some(start) = command.program_index() else {
                    continue;
                };
                let words: Vec<&str> = command.words[start..].iter().map(|w| w.as_str()).collect();
                let base = env_at(ctx, index);
                let env = |name: &str| {
                    command
                        .assignments
                        .iter()
                        .chain(&command.words[..start])
                        .find_map(|w| {
                            w.as_str()
                                .strip_prefix(name)
                                .and_then(|r| r.strip_prefix('='))
                                .map(str::to_string)
                        })
                        .or_else(|| base(name))
                };
                if let Some(what) = dev_server(&words, &env) {
                    report(out, script.span(&command.span), &what, ins.keyword);
                    return;
                }
            }
        }
    }
}

fn exec_args(ins: &Instruction) -> Option<Vec<&str>> {
    match &ins.args {
        Args::Command(CommandForm::Exec { args, .. }) => {
            Some(args.iter().map(|w| w.value.as_str()).collect())
        }
        _ => None,
    }
}

fn env_at<'a>(ctx: &'a DockerfileContext, index: usize) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| {
        ctx.model
            .variable_at(index, name)
            .map(|v| v.value.clone().unwrap_or_default())
    }
}

fn report(out: &mut Diagnostics, span: Span, what: &str, keyword: Keyword) {
    out.report(
        &RULE,
        span,
        format!("the image's {} starts a development server: {what}", keyword.as_str()),
    )
    .help("start the production server instead (e.g. `uvicorn app:app --workers 2`, `gunicorn`, `node dist/server.js`, `npm start`) and keep hot reload in `Dockerfile.dev`");
}

#[cfg(test)]
mod tests {
    use super::dev_server;

    fn dev(argv: &str) -> bool {
        let words: Vec<&str> = argv.split_whitespace().collect();
        dev_server(&words, &|_| None).is_some()
    }

    #[test]
    fn development_servers() {
        assert!(dev("uvicorn app:app --reload"));
        assert!(dev("python -m uvicorn app:app --reload"));
        assert!(dev("flask run --debug"));
        assert!(dev("python3 manage.py runserver 0.0.0.0:8000"));
        assert!(dev("npm run dev"));
        assert!(dev("yarn dev"));
        assert!(dev("pnpm run dev"));
        assert!(dev("npx next dev"));
        assert!(dev("vite --host"));
        assert!(dev("nodemon server.js"));
        assert!(dev("air -c .air.toml"));
        assert!(dev("deno run --watch main.ts"));
        assert!(dev("bun --hot index.ts"));
    }

    #[test]
    fn production_servers() {
        assert!(!dev("uvicorn app:app --workers 2"));
        assert!(!dev("flask run"));
        assert!(!dev("npm run start"));
        assert!(!dev("yarn build"));
        assert!(!dev("next start"));
        assert!(!dev("vite preview"));
        assert!(!dev("python main.py"));
        assert!(!dev("node dist/server.js"));
        assert!(!dev("gunicorn -w 4 app:app"));
    }
}
