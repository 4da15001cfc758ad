use super::*;

#[test]
fn program_skips_wrappers() {
    let cases = [
        ("sudo -E apt-get install x", "apt-get"),
        ("sudo -u app /usr/local/bin/pip install x", "pip"),
        (
            "env -i DEBIAN_FRONTEND=noninteractive apt-get install x",
            "apt-get",
        ),
        ("nice -n 10 make", "make"),
        ("exec gunicorn app", "gunicorn"),
        ("command -v curl", "command"),
        ("command curl x", "curl"),
        ("time cargo build", "cargo"),
        ("timeout -s KILL 30 curl x", "curl"),
        ("xargs -r -n1 rm -f", "rm"),
        ("gosu app node server.js", "node"),
        ("sudo", "sudo"),
        ("exec", "exec"),
    ];
    for (text, program) in cases {
        assert_eq!(only(text).program(), Some(program), "{text:?}");
    }
    let sudo = only("sudo apt-get install x");
    assert!(sudo.wrapped_by("sudo"));
    assert!(!only("apt-get install sudo").wrapped_by("sudo"));
    assert_eq!(sudo.args()[0].value, "install");
}

#[test]
fn tools_are_normalized() {
    let cases = [
        ("pip3 install uv", "pip"),
        ("pip3.11 install uv", "pip"),
        ("python -m pip install uv", "pip"),
        ("python3.12 -u -m pip install uv", "pip"),
        ("/usr/bin/python3 -mpip install uv", "pip"),
        ("python3 script.py", "python"),
        ("uv pip install x", "uv"),
    ];
    for (text, tool) in cases {
        let c = only(text);
        assert_eq!(c.tool().map(|t| t.name), Some(tool), "{text:?}");
    }
    let c = only("python3 -m pip install --no-cache-dir uv");
    assert!(c.invokes(&["pip", "install"]));
    assert!(c.positional_args().any(|w| w.value == "uv"));
    assert!(c.has_flag(None, Some("no-cache-dir")));
    assert!(!only("python -c 'import pip' install").invokes(&["pip", "install"]));
}

#[test]
fn invokes_skips_options_between_subcommands() {
    assert!(only("uv pip install --system x").invokes(&["uv", "pip", "install"]));
    assert!(only("uv --directory /app pip install x").invokes(&["uv", "pip", "install"]));
    assert!(only("apt-get -o Acquire::Retries=3 -qq install x").invokes(&["apt-get", "install"]));
    assert!(!only("apt-get update install").invokes(&["apt-get", "install"]));
    assert!(!only("uv sync").invokes(&["uv", "pip"]));
    assert!(!only("echo pip install").invokes(&["pip", "install"]));
    assert!(!only("uv").invokes(&["uv", "sync"]));
    assert!(!only("uv sync").invokes(&[]));
}

#[test]
fn flags_short_long_combined_and_valued() {
    let c = only("apt-get install -qy --no-install-recommends --target-release=bookworm -o Dpkg::Use-Pty=0 x -- -z");
    assert!(c.has_flag(Some('y'), Some("yes")));
    assert!(c.has_flag(Some('q'), None));
    assert!(c.has_flag(None, Some("--no-install-recommends")));
    assert!(!c.has_flag(None, Some("no-install")));
    assert!(!c.has_flag(Some('z'), None), "after --");
    assert_eq!(
        c.option_value(None, Some("target-release")),
        Some("bookworm")
    );
    assert_eq!(c.option_value(Some('o'), None), Some("Dpkg::Use-Pty=0"));
    assert_eq!(c.flag_word(Some('y'), None).unwrap().value, "-qy");
    assert_eq!(c.subcommand(), Some("install"));
    let positional: Vec<_> = c.positional_args().map(Word::as_str).collect();
    assert_eq!(positional, ["install", "x", "-z"]);
    assert_eq!(
        only("useradd -ms /bin/bash -u1000 app").option_value(Some('u'), None),
        Some("1000")
    );
}

#[test]
fn rule_questions() {
    assert!(only("uv sync --no-dev").invokes(&["uv", "sync"]));
    assert!(!only("uv sync --no-dev").has_flag(None, Some("frozen")));
    assert!(only("deno run -A main.ts").has_flag(Some('A'), Some("allow-all")));
    assert!(only("deno run --allow-all main.ts").has_flag(Some('A'), Some("allow-all")));
    assert!(!only("deno run --allow-net main.ts").has_flag(Some('A'), Some("allow-all")));
    assert!(!only("useradd -m app").has_flag(Some('l'), Some("no-log-init")));
    let script = parse("cd /app && make");
    assert_eq!(script.commands_named("cd").count(), 1);
    assert_eq!(
        parse("pip3 install x; python -m pip list")
            .commands_named("pip")
            .count(),
        2
    );
}

#[test]
fn pipefail_and_errexit() {
    let script = parse("set -euo pipefail; curl x | sh");
    assert!(script.pipefail_before(1));
    assert!(script.option_set_before(1, "errexit"));
    assert!(script.option_set_before(1, "nounset"));
    assert!(!script.pipefail_before(0));
    let script = parse("set -o pipefail && set +o pipefail; a | b");
    assert!(!script.pipefail_before(2));
    let script = parse("(set -o pipefail); a | b");
    assert!(!script.pipefail_before(1));
    let script = parse("set -ex; a | b");
    assert!(!script.pipefail_before(1));
    assert!(script.option_set_before(1, "xtrace"));
}

#[test]
fn failures_hidden_by_fallbacks() {
    let script = parse("make test || true");
    assert!(script.failure_ignored(0));
    assert!(script.fallback(0).unwrap().is_noop_success());
    let script = parse("a && b || : ; c");
    assert!(script.failure_ignored(0) && script.failure_ignored(1));
    assert!(!script.failure_ignored(3));
    assert!(parse("a || exit 0").failure_ignored(0));
    assert!(!parse("a || exit 1").failure_ignored(0));
    assert!(!parse("a || echo failed >&2 && exit 1").failure_ignored(0));
    assert_eq!(
        parse("a || echo failed").fallback(0).unwrap().words[0].value,
        "echo"
    );
    assert!(parse("a; exit 0").failure_ignored(0));
    assert!(!parse("set -e; a; exit 0").failure_ignored(1));
    assert!(!parse("a; b").failure_ignored(0));
    assert!(!parse("a && true").failure_ignored(0));
    assert!(!parse("(a || true) && b").failure_ignored(2));
}
