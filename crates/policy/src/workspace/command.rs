//! Finds `docker build` / `docker buildx build` command lines in shell text (workflow `run:`
//! steps, scripts, Makefile recipes) and reads the flags that say what they build.
//!
//! A deliberately small word splitter: quotes, backslash escapes and line continuations,
//! commands separated by `;`, `&&`, `||`, `|`, `&` and newlines. Enough to read build commands;
//! it is not a shell.

use crate::span::Span;

/// A word of a command, unquoted, with its span in the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildCommand {
    /// From `docker` to the last word.
    pub span: Span,
    /// `docker buildx build` (always BuildKit) rather than `docker build`.
    pub buildx: bool,
    pub file: Option<Word>,
    pub context: Option<Word>,
    pub target: Option<Word>,
    pub build_args: Vec<String>,
    pub tags: Vec<String>,
    pub cache_from: Vec<Word>,
    pub cache_to: Vec<Word>,
    /// `--push` or `--output type=registry`.
    pub push: bool,
    /// `--force-rm`, `--rm`, `--no-rm`: flags of the legacy builder only.
    pub legacy_flags: Vec<Word>,
    /// `DOCKER_BUILDKIT=0` set on the command itself.
    pub buildkit_disabled: Option<Word>,
    /// `|| true` (or `|| :`) after the command.
    pub error_suppressed: Option<Span>,
}

/// Flags of `docker build` that take a value as the next word.
const VALUE_FLAGS: &[&str] = &[
    "-f",
    "--file",
    "-t",
    "--tag",
    "--target",
    "--build-arg",
    "--cache-from",
    "--cache-to",
    "--platform",
    "--label",
    "--network",
    "--progress",
    "--secret",
    "--ssh",
    "--build-context",
    "--add-host",
    "--iidfile",
    "--metadata-file",
    "--shm-size",
    "--ulimit",
    "-m",
    "--memory",
    "--memory-swap",
    "--cpu-shares",
    "--cpuset-cpus",
    "--cpuset-mems",
    "--cpu-period",
    "--cpu-quota",
    "--isolation",
    "--builder",
    "--allow",
    "--annotation",
    "--attest",
    "--sbom",
    "--cgroup-parent",
    "--call",
    "--no-cache-filter",
    "-o",
    "--output",
    "--security-opt",
];

/// Options of `docker` itself that take a value.
const DOCKER_VALUE_OPTIONS: &[&str] = &[
    "--context",
    "-c",
    "-H",
    "--host",
    "--config",
    "-l",
    "--log-level",
];

const LEGACY_FLAGS: &[&str] = &["--force-rm", "--rm", "--no-rm"];

/// Every build command in `text`.
pub fn build_commands(text: &str) -> Vec<BuildCommand> {
    let commands = split_commands(text);
    let mut found = Vec::new();
    for (i, command) in commands.iter().enumerate() {
        let Some(mut build) = read_build(&command.words) else {
            continue;
        };
        let next = commands.get(i + 1);
        if command.followed_by_or {
            if let Some(next) = next {
                if matches!(
                    next.words.first().map(|w| w.text.as_str()),
                    Some("true" | ":")
                ) {
                    build.error_suppressed = Some(next.words[0].span);
                }
            }
        }
        found.push(build);
    }
    found
}

struct Command {
    words: Vec<Word>,
    /// The command is followed by `||`.
    followed_by_or: bool,
}

fn read_build(words: &[Word]) -> Option<BuildCommand> {
    let mut build = BuildCommand::default();
    let mut rest = words;
    // Assignments and wrappers before the command name; Make's `@`, `-`, `+` recipe prefixes.
    while let Some((first, tail)) = rest.split_first() {
        let text = first.text.trim_start_matches(['@', '-', '+']);
        if is_assignment(text) {
            if text == "DOCKER_BUILDKIT=0" {
                build.buildkit_disabled = Some(Word {
                    text: text.to_string(),
                    span: Span::new(first.span.end.saturating_sub(text.len()), first.span.end),
                });
            }
        } else if !matches!(text, "sudo" | "env" | "time" | "exec" | "command") {
            break;
        }
        rest = tail;
    }
    let (docker, mut rest) = rest.split_first()?;
    let name = docker.text.trim_start_matches(['@', '-', '+']);
    if name != "docker" && !name.ends_with("/docker") {
        return None;
    }
    while let Some((option, tail)) = rest.split_first() {
        if !option.text.starts_with('-') {
            break;
        }
        rest = if DOCKER_VALUE_OPTIONS.contains(&option.text.as_str()) {
            tail.get(1..).unwrap_or(&[])
        } else {
            tail
        };
    }
    let texts: Vec<&str> = rest.iter().take(2).map(|w| w.text.as_str()).collect();
    let skip = match texts.as_slice() {
        ["build", ..] => 1,
        ["buildx", "build" | "b", ..] => {
            build.buildx = true;
            2
        }
        ["image" | "builder", "build", ..] => 2,
        _ => return None,
    };
    let args = &rest[skip..];
    build.span = docker
        .span
        .cover(args.last().map_or(rest[skip - 1].span, |w| w.span));
    read_flags(&mut build, args);
    Some(build)
}

fn read_flags(build: &mut BuildCommand, args: &[Word]) {
    let mut i = 0;
    while let Some(word) = args.get(i) {
        i += 1;
        let text = word.text.as_str();
        if !text.starts_with('-') || text == "-" {
            if build.context.is_none() {
                build.context = Some(word.clone());
            }
            continue;
        }
        let (flag, inline) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value)),
            _ => (text, None),
        };
        if LEGACY_FLAGS.contains(&flag) {
            build.legacy_flags.push(word.clone());
            continue;
        }
        if flag == "--push" {
            build.push = inline.is_none_or(|v| v != "false");
            continue;
        }
        if !VALUE_FLAGS.contains(&flag) {
            continue;
        }
        let value = match inline {
            Some(value) => {
                let start = word.span.end - value.len().min(word.span.len());
                Word {
                    text: value.to_string(),
                    span: Span::new(start, word.span.end),
                }
            }
            None => {
                let Some(next) = args.get(i) else { break };
                i += 1;
                next.clone()
            }
        };
        match flag {
            "-f" | "--file" => build.file = Some(value),
            "--target" => build.target = Some(value),
            "-t" | "--tag" => build.tags.push(value.text),
            "--build-arg" => build.build_args.push(value.text),
            "--cache-from" => build.cache_from.push(value),
            "--cache-to" => build.cache_to.push(value),
            "-o" | "--output" => {
                build.push |=
                    value.text.contains("type=registry") || value.text.contains("push=true")
            }
            _ => {}
        }
    }
}

fn is_assignment(word: &str) -> bool {
    word.split_once('=').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    })
}

/// Splits shell text into simple commands of words.
fn split_commands(text: &str) -> Vec<Command> {
    let bytes = text.as_bytes();
    let mut commands = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut current = String::new();
    let mut start: Option<usize> = None;
    let mut i = 0;
    let flush_word =
        |words: &mut Vec<Word>, current: &mut String, start: &mut Option<usize>, end: usize| {
            if let Some(s) = start.take() {
                words.push(Word {
                    text: std::mem::take(current),
                    span: Span::new(s, end),
                });
            }
        };
    let flush_command = |commands: &mut Vec<Command>, words: &mut Vec<Word>, or: bool| {
        if !words.is_empty() {
            commands.push(Command {
                words: std::mem::take(words),
                followed_by_or: or,
            });
        }
    };
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'\\' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => i += 3,
            b'\\' => {
                start.get_or_insert(i);
                if let Some(ch) = text[i + 1..].chars().next() {
                    current.push(ch);
                    i += 1 + ch.len_utf8();
                } else {
                    i += 1;
                }
            }
            b'\'' | b'"' => {
                start.get_or_insert(i);
                let body = i + 1;
                let close = text[body..].find(c as char).map(|j| body + j);
                current.push_str(&text[body..close.unwrap_or(text.len())]);
                i = close.map_or(text.len(), |close| close + 1);
            }
            // `${{ expr }}`, `$(command)` and `${VAR:-a b}` are one word whatever they hold.
            b'$' if matches!(bytes.get(i + 1), Some(b'{' | b'(')) => {
                start.get_or_insert(i);
                let end = substitution_end(text, i);
                current.push_str(&text[i..end]);
                i = end;
            }
            b'#' if start.is_none() => {
                i = text[i..].find('\n').map_or(text.len(), |j| i + j);
            }
            b' ' | b'\t' | b'\r' => {
                flush_word(&mut words, &mut current, &mut start, i);
                i += 1;
            }
            b'\n' | b';' | b'&' | b'|' => {
                flush_word(&mut words, &mut current, &mut start, i);
                let or = c == b'|' && bytes.get(i + 1) == Some(&b'|');
                flush_command(&mut commands, &mut words, or);
                i += if or || (c == b'&' && bytes.get(i + 1) == Some(&b'&')) {
                    2
                } else {
                    1
                };
            }
            _ => {
                start.get_or_insert(i);
                let ch = text[i..].chars().next().unwrap_or(' ');
                current.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    flush_word(&mut words, &mut current, &mut start, text.len());
    flush_command(&mut commands, &mut words, false);
    commands
}

/// The end of the `${{ }}`, `$( )` or `${ }` starting at `start` (the text's end if unclosed).
fn substitution_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    if let Some(inner) = rest.strip_prefix("${{") {
        return inner.find("}}").map_or(text.len(), |j| start + 3 + j + 2);
    }
    let (open, close) = if rest.starts_with("$(") {
        ('(', ')')
    } else {
        ('{', '}')
    };
    let mut depth = 0usize;
    for (j, c) in rest.char_indices().skip(1) {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return start + j + 1;
            }
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_multi_line_buildx_command() {
        let text = "set -e\nDOCKER_BUILDKIT=1 docker buildx build \\\n  -f backend/Dockerfile --target=prod \\\n  --cache-to type=gha,mode=max -t app:1 --push ./backend || true\necho done";
        let builds = build_commands(text);
        assert_eq!(builds.len(), 1);
        let build = &builds[0];
        assert!(build.buildx && build.push);
        let file = build.file.as_ref().unwrap();
        assert_eq!(file.text, "backend/Dockerfile");
        assert_eq!(&text[file.span.start..file.span.end], "backend/Dockerfile");
        let target = build.target.as_ref().unwrap();
        assert_eq!(&text[target.span.start..target.span.end], "prod");
        assert_eq!(build.cache_to[0].text, "type=gha,mode=max");
        assert_eq!(build.context.as_ref().unwrap().text, "./backend");
        assert_eq!(build.tags, ["app:1"]);
        assert!(build.error_suppressed.is_some());
    }

    #[test]
    fn finds_legacy_flags_and_disabled_buildkit() {
        let text = "\t@DOCKER_BUILDKIT=0 docker build --force-rm --rm=false -t \"my app\" . ; docker push x";
        let builds = build_commands(text);
        assert_eq!(builds.len(), 1);
        let flags: Vec<_> = builds[0]
            .legacy_flags
            .iter()
            .map(|w| w.text.as_str())
            .collect();
        assert_eq!(flags, ["--force-rm", "--rm=false"]);
        assert_eq!(
            builds[0].buildkit_disabled.as_ref().unwrap().text,
            "DOCKER_BUILDKIT=0"
        );
        assert_eq!(builds[0].tags, ["my app"]);
        assert!(builds[0].error_suppressed.is_none());
    }

    #[test]
    fn expressions_and_substitutions_are_single_words() {
        let text = "docker build -f services/${{ matrix.service }}/Dockerfile -t \"$(git rev-parse --short HEAD)\" ${CTX:-a b}";
        let build = &build_commands(text)[0];
        assert_eq!(
            build.file.as_ref().unwrap().text,
            "services/${{ matrix.service }}/Dockerfile"
        );
        assert_eq!(build.tags, ["$(git rev-parse --short HEAD)"]);
        assert_eq!(build.context.as_ref().unwrap().text, "${CTX:-a b}");
    }

    #[test]
    fn ignores_other_commands_and_odd_text() {
        assert!(
            build_commands("docker run --rm alpine\ndocker compose build\necho docker build")
                .is_empty()
        );
        assert_eq!(build_commands("sudo docker -H x image build .").len(), 1);
        for text in [
            "",
            "\\",
            "'",
            "\"unclosed",
            "docker build -f",
            "docker buildx",
            "é\\é",
            "docker build $(",
            "x ${{ y",
            "$(a ${b) c",
            "docker build ${é",
        ] {
            let _ = build_commands(text);
        }
    }
}
