//! What ballast knows about programs: wrappers that run another command, tools with
//! several names, options that take a value, shells that run a `-c` string.

use super::model::{Command, Word};

/// The file name of a path: `/usr/bin/pip3` → `pip3`.
pub(super) fn basename(path: &str) -> &str {
    // A byte loop: words are short, and `rsplit` costs more to set up than to run.
    match path.bytes().rposition(|b| b == b'/') {
        Some(slash) => &path[slash + 1..],
        None => path,
    }
}

/// Indexes from `from` on that are options (`-x`, `--long`), skipping the value of those in
/// `with_value`; returns the first index that is not an option (after `--` when present).
fn skip_options(words: &[Word], from: usize, with_value: &[&str]) -> usize {
    let mut i = from;
    while let Some(word) = words.get(i) {
        let value = word.as_str();
        if value == "--" {
            return i + 1;
        }
        if !value.starts_with('-') || value.len() < 2 {
            break;
        }
        i += if with_value.contains(&value) { 2 } else { 1 };
    }
    i
}

/// Where the program that really runs sits in `words`, past wrappers that run another
/// command: `sudo`, `doas`, `env` (and its `NAME=value` words), `nice`, `ionice`, `nohup`,
/// `time`, `exec`, `command` (not `command -v`), `stdbuf`, `timeout`, `xargs`, `gosu`,
/// `su-exec`, `tini`/`dumb-init`. A wrapper with nothing after it is the program itself.
pub(super) fn program_index(words: &[Word]) -> Option<usize> {
    let mut i = 0;
    loop {
        let word = words.get(i)?;
        let next = match basename(word.as_str()) {
            "sudo" | "doas" => skip_options(
                words,
                i + 1,
                &[
                    "-u", "-g", "-h", "-p", "-U", "-C", "-D", "-r", "-t", "-T", "--user", "--group",
                ],
            ),
            "env" => {
                let mut j = skip_options(words, i + 1, &["-u", "-C", "-S", "--unset", "--chdir"]);
                while words.get(j).is_some_and(|w| w.as_str().contains('=')) {
                    j += 1;
                }
                j
            }
            "nice" => skip_options(words, i + 1, &["-n", "--adjustment"]),
            "ionice" => skip_options(words, i + 1, &["-c", "-n", "--class", "--classdata"]),
            "stdbuf" => skip_options(words, i + 1, &["-i", "-o", "-e"]),
            "nohup" | "time" => skip_options(words, i + 1, &[]),
            "exec" => skip_options(words, i + 1, &["-a"]),
            "command" => {
                let j = skip_options(words, i + 1, &[]);
                let lookup = words[i + 1..j.min(words.len())]
                    .iter()
                    .any(|w| w.as_str().starts_with("-v") || w.as_str().starts_with("-V"));
                if lookup {
                    return Some(i);
                }
                j
            }
            // The duration comes before the command.
            "timeout" => skip_options(words, i + 1, &["-s", "-k", "--signal", "--kill-after"]) + 1,
            "xargs" => skip_options(
                words,
                i + 1,
                &[
                    "-I",
                    "-n",
                    "-P",
                    "-L",
                    "-d",
                    "-s",
                    "-a",
                    "-E",
                    "--max-args",
                    "--max-procs",
                ],
            ),
            "gosu" | "su-exec" => i + 2,
            "tini" | "dumb-init" => skip_options(words, i + 1, &["-s", "-p", "-e"]),
            _ => return Some(i),
        };
        if next >= words.len() {
            return Some(i);
        }
        i = next;
    }
}

/// `python3.12` → `python`, `pip3` → `pip`: a versioned interpreter or pip is the tool.
/// `None` when the tool is `name` as written.
fn normalized_name(name: &str) -> Option<&'static str> {
    let unversioned = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    match unversioned {
        "python" | "pypy" => Some("python"),
        "pip" if name != "pip" => Some("pip"),
        _ => None,
    }
}

/// Where `Command::tool` finds the normalized tool's name and arguments in `words`, worked
/// out once when the parser finishes the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ToolAt {
    pub name: ToolName,
    /// Index in `words` where the tool's arguments start (`words.len()` when it has none).
    pub args: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ToolName {
    /// A name normalizing changed (`pip` for `pip3`).
    Normalized(&'static str),
    /// The end of `words[word]` from byte `start` on, as written.
    Written { word: usize, start: usize },
}

impl ToolAt {
    pub fn name<'a>(&self, words: &'a [Word]) -> &'a str {
        match self.name {
            ToolName::Normalized(name) => name,
            ToolName::Written { word, start } => &words[word].as_str()[start..],
        }
    }
}

/// The tool that runs when the program is `words[program]`: `python3 -m pip install x` is
/// the tool `pip` with the arguments `install x`.
pub(super) fn locate_tool(words: &[Word], program: usize) -> Option<ToolAt> {
    let written = words.get(program)?.as_str();
    let base = basename(written);
    let at = |word: usize, start: usize, name: &str, args: usize| ToolAt {
        name: normalized_name(name).map_or(ToolName::Written { word, start }, ToolName::Normalized),
        args: args.min(words.len()),
    };
    let program_tool = at(program, written.len() - base.len(), base, program + 1);
    if program_tool.name(words) != "python" {
        return Some(program_tool);
    }
    match python_module(&words[program_tool.args..]) {
        Some((module, start, args)) => {
            let word = program_tool.args + module;
            let name = &words[word].as_str()[start..];
            Some(at(word, start, name, program_tool.args + args))
        }
        None => Some(program_tool),
    }
}

/// For `python [options] -m MODULE args...`: the index in `args` of the word naming the
/// module, the byte where the name starts in it, and the index where its arguments start.
fn python_module(args: &[Word]) -> Option<(usize, usize, usize)> {
    let mut i = 0;
    while let Some(word) = args.get(i) {
        let value = word.as_str();
        if value == "-m" {
            args.get(i + 1)?;
            return Some((i + 1, 0, i + 2));
        }
        if value.starts_with("-m") {
            return Some((i, 2, i + 1));
        }
        if !value.starts_with('-') || value == "-" || value == "-c" {
            return None;
        }
        i += if matches!(value, "-X" | "-W") { 2 } else { 1 };
    }
    None
}

/// Options that take the next word as their value, per tool, so that the value is not
/// mistaken for a subcommand or a positional argument. Best effort: unknown options are
/// taken to be flags.
pub(super) fn takes_value(tool: &str, option: &str) -> bool {
    let options: &[&str] = match tool {
        "apt-get" | "apt" | "apt-cache" => &[
            "-o",
            "-c",
            "-t",
            "--option",
            "--config-file",
            "--target-release",
            "--default-release",
        ],
        "pip" => &[
            "-r",
            "--requirement",
            "-c",
            "--constraint",
            "-i",
            "--index-url",
            "--extra-index-url",
            "-f",
            "--find-links",
            "-t",
            "--target",
            "--prefix",
            "--root",
            "--python",
            "-e",
            "--editable",
            "--cache-dir",
            "--platform",
            "--python-version",
            "--trusted-host",
            "--proxy",
            "--timeout",
            "--retries",
            "--log",
            "--src",
            "--upgrade-strategy",
            "--only-binary",
            "--no-binary",
            "--progress-bar",
        ],
        "uv" => &[
            "--directory",
            "--project",
            "--cache-dir",
            "--config-file",
            "-p",
            "--python",
            "-i",
            "--index-url",
            "--extra-index-url",
            "--index",
            "--default-index",
            "-r",
            "--requirement",
            "-c",
            "--constraint",
            "--group",
            "--extra",
            "--package",
            "-f",
            "--find-links",
            "--target",
            "--prefix",
            "--python-platform",
            "--link-mode",
            "--color",
        ],
        "npm" | "pnpm" | "yarn" | "bun" => &[
            "--prefix",
            "-w",
            "--workspace",
            "--registry",
            "--omit",
            "--include",
            "--cwd",
        ],
        "apk" => &[
            "-X",
            "--repository",
            "-p",
            "--root",
            "-t",
            "--virtual",
            "--arch",
        ],
        "cargo" => &[
            "--target",
            "-p",
            "--package",
            "--bin",
            "--features",
            "-F",
            "-j",
            "--jobs",
            "--manifest-path",
            "--target-dir",
            "--profile",
            "--root",
            "--version",
            "--git",
            "--branch",
            "--tag",
            "--rev",
            "--path",
            "--config",
            "-Z",
            "--color",
        ],
        "go" => &[
            "-o", "-ldflags", "-gcflags", "-tags", "-C", "-mod", "-p", "-modfile",
        ],
        "useradd" | "adduser" | "groupadd" | "addgroup" | "usermod" => &[
            "-u",
            "-g",
            "-G",
            "-d",
            "-s",
            "-c",
            "-k",
            "-e",
            "-f",
            "-K",
            "-p",
            "-R",
            "-b",
            "--uid",
            "--gid",
            "--groups",
            "--home-dir",
            "--home",
            "--shell",
            "--comment",
            "--gecos",
            "--ingroup",
        ],
        "deno" => &[
            "--config",
            "-c",
            "--import-map",
            "--lock",
            "--cert",
            "--location",
        ],
        "curl" => &[
            "-o",
            "--output",
            "-H",
            "--header",
            "-d",
            "--data",
            "-X",
            "--request",
            "-u",
            "--user",
            "-A",
            "--user-agent",
            "-e",
            "--referer",
            "-w",
            "--write-out",
            "--retry",
            "--connect-timeout",
            "-m",
            "--max-time",
        ],
        "wget" => &[
            "-O",
            "--output-document",
            "-P",
            "--directory-prefix",
            "-U",
            "--header",
        ],
        _ => &[],
    };
    options.contains(&option)
}

/// The script argument of `sh -c`, `bash -ec`, `bash -o pipefail -c`...
pub(super) fn inline_script(command: &Command) -> Option<&Word> {
    let index = command.program_index()?;
    let program = basename(command.words.get(index)?.as_str());
    if !matches!(
        program,
        "sh" | "bash" | "dash" | "ash" | "zsh" | "ksh" | "mksh"
    ) {
        return None;
    }
    let mut has_c = false;
    let mut words = command.words.get(index + 1..)?.iter();
    while let Some(word) = words.next() {
        let value = word.as_str();
        if value.starts_with("--") {
            continue;
        }
        match value.strip_prefix('-').or_else(|| value.strip_prefix('+')) {
            Some(group) if !group.is_empty() => {
                has_c |= value.starts_with('-') && group.contains('c');
                if group.ends_with('o') || group == "O" {
                    words.next();
                }
            }
            _ => return has_c.then_some(word),
        }
    }
    None
}
