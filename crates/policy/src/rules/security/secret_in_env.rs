use crate::context::DockerfileContext;
use crate::dockerfile::ast::{Args, Keyword};
use crate::engine::Diagnostics;

declare_rule! {
    /// ## What it does
    /// Checks for secrets baked into the image: an `ENV` or `ARG` whose name looks like a secret
    /// (`*SECRET*`, `*TOKEN*`, `*PASSWORD*`, `*_KEY`, ...) given a literal value, and `COPY`/`ADD`
    /// of `.env` files.
    ///
    /// ## Why is this bad?
    /// ENV values and ARG defaults are stored in the image's metadata, and copied files in its
    /// layers: anyone who can pull the image can read them with `docker history` or
    /// `docker inspect`, long after the secret was rotated in the source. Seed 003: secrets are
    /// injected at run time, never baked in.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// ENV API_TOKEN=3f9a1c
    /// COPY .env /app/.env
    /// ```
    ///
    /// Use instead:
    /// ```dockerfile
    /// FROM python:3.12-slim
    /// RUN --mount=type=secret,id=api_token,env=API_TOKEN ./configure
    /// COPY .env.example /app/.env.example
    /// ```
    ///
    /// ## References
    /// - Seed: `003_37cda6fe4f0eb3cb.txt`
    /// - [Build secrets](https://docs.docker.com/build/building/secrets/)
    /// - [SecretsUsedInArgOrEnv](https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/)
    pub static RULE = {
        code: "BL1003",
        name: "secret-in-env",
        severity: Error,
        tags: ["security"],
        aliases: ["SecretsUsedInArgOrEnv", "DL3064"],
        seeds: ["003_37cda6fe4f0eb3cb.txt"],
        check: Dockerfile(check),
    }
}

fn check(ctx: &DockerfileContext, out: &mut Diagnostics) {
    for ins in &ctx.ast.instructions {
        match &ins.args {
            Args::KeyValues(pairs) if ins.keyword == Keyword::Env => {
                for kv in pairs {
                    if looks_secret(&kv.key.value) && is_literal(&kv.value.value) {
                        report_variable(
                            out,
                            ins.keyword,
                            &kv.key.value,
                            kv.key.span.cover(kv.value.span),
                        );
                    }
                }
            }
            Args::Arg(decls) => {
                for decl in decls {
                    let literal = decl.default.as_ref().is_some_and(|d| is_literal(&d.value));
                    if looks_secret(&decl.name.value) && literal {
                        report_variable(out, ins.keyword, &decl.name.value, decl.span);
                    }
                }
            }
            Args::Copy { paths, .. } => {
                let sources = &paths[..paths.len().saturating_sub(1)];
                for source in sources.iter().filter(|p| is_env_file(&p.value)) {
                    out.report(
                        &RULE,
                        source.span,
                        format!("`{}` is copied into the image with whatever secrets it holds", source.value),
                    )
                    .help("pass settings at run time (`docker run --env-file`, Compose `env_file:`) and keep `.env*` in .dockerignore");
                }
            }
            _ => {}
        }
    }
}

fn report_variable(out: &mut Diagnostics, keyword: Keyword, name: &str, span: crate::span::Span) {
    out.report(
        &RULE,
        span,
        format!("{} `{name}` bakes a secret into the image metadata", keyword.as_str()),
    )
    .help("use a build secret (`RUN --mount=type=secret,id=...`) at build time, or set it at run time");
}

/// Name parts that mark a variable as a secret, split on `_` (BuildKit's check uses the same idea).
fn looks_secret(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let parts: Vec<&str> = upper.split(['_', '-']).collect();
    if parts.contains(&"PUBLIC") {
        return false;
    }
    let secret_word = |p: &&str| {
        matches!(
            *p,
            "SECRET"
                | "SECRETS"
                | "TOKEN"
                | "PASSWORD"
                | "PASSWD"
                | "PWORD"
                | "APIKEY"
                | "CREDENTIALS"
                | "CREDENTIAL"
        )
    };
    parts.iter().any(secret_word) || (parts.len() > 1 && parts.last() == Some(&"KEY"))
}

/// A value typed into the Dockerfile, not one passed through from another variable.
fn is_literal(value: &str) -> bool {
    let unquoted = value.trim_matches(|c| c == '"' || c == '\'');
    !unquoted.is_empty() && !unquoted.starts_with('$')
}

fn is_env_file(path: &str) -> bool {
    let name = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let harmless = [".example", ".sample", ".template", ".dist", ".defaults"];
    (name == ".env" || name.starts_with(".env.")) && !harmless.iter().any(|s| name.ends_with(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_secret_names() {
        for name in [
            "API_TOKEN",
            "DB_PASSWORD",
            "AWS_SECRET_ACCESS_KEY",
            "STRIPE_KEY",
            "github-token",
        ] {
            assert!(looks_secret(name), "{name}");
        }
        for name in [
            "KEYBOARD",
            "TOKENIZER_PATH",
            "PUBLIC_KEY",
            "KEY",
            "NODE_ENV",
            "MONKEY",
        ] {
            assert!(!looks_secret(name), "{name}");
        }
    }

    #[test]
    fn recognises_env_files() {
        assert!(is_env_file(".env"));
        assert!(is_env_file("config/.env.production"));
        assert!(!is_env_file(".env.example"));
        assert!(!is_env_file("app.env.txt"));
    }
}
