//! Questions rules ask about commands: which program runs, with which flags and subcommands,
//! and what the script around it does (`set -o pipefail`, `|| true`).

use super::model::{Command, Connector, Redirect, Script, Word};

/// The file name of a path: `/usr/bin/pip3` → `pip3`.
fn basename(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
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
fn program_index(words: &[Word]) -> Option<usize> {
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
fn normalize_tool(name: &str) -> &str {
    let unversioned = name.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    match unversioned {
        "python" | "pypy" => "python",
        "pip" => "pip",
        _ => name,
    }
}

/// For `python [options] -m MODULE args...`: the module and its arguments.
fn python_module(args: &[Word]) -> Option<(&str, &[Word])> {
    let mut i = 0;
    while let Some(word) = args.get(i) {
        let value = word.as_str();
        if value == "-m" {
            let module = args.get(i + 1)?;
            return Some((module.as_str(), args.get(i + 2..).unwrap_or_default()));
        }
        if let Some(module) = value.strip_prefix("-m") {
            return Some((module, args.get(i + 1..).unwrap_or_default()));
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
fn takes_value(tool: &str, option: &str) -> bool {
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

/// A program as a rule sees it: its normalized name and the arguments that follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tool<'a> {
    /// `pip` for `pip3`, `pip3.11`, `python -m pip`; `python` for `python3.12`; otherwise
    /// the basename of the program.
    pub name: &'a str,
    pub args: &'a [Word],
}

impl<'a> Tool<'a> {
    /// Arguments that are not options or option values (best effort: see `takes_value`).
    pub fn positional_args(&self) -> impl Iterator<Item = &'a Word> + 'a {
        let (name, args) = (self.name, self.args);
        let mut i = 0;
        let mut options_done = false;
        std::iter::from_fn(move || loop {
            let word = args.get(i)?;
            i += 1;
            let value = word.as_str();
            if options_done || !value.starts_with('-') || value == "-" {
                return Some(word);
            }
            if value == "--" {
                options_done = true;
            } else if takes_value(name, value) {
                i += 1;
            }
        })
    }

    /// Whether an option is given: `-y` (also inside a group such as `-qy`), `--yes` or
    /// `--yes=...`. Arguments after `--` are not options.
    pub fn has_flag(&self, short: Option<char>, long: Option<&str>) -> bool {
        self.find_flag(short, long).is_some()
    }

    /// The word holding the option, to point a finding at.
    pub fn flag_word(&self, short: Option<char>, long: Option<&str>) -> Option<&'a Word> {
        self.find_flag(short, long).map(|(i, _)| &self.args[i])
    }

    /// The value of an option: `--name=value`, `--name value`, `-n value` or `-nvalue`.
    pub fn option_value(&self, short: Option<char>, long: Option<&str>) -> Option<&'a str> {
        let (i, attached) = self.find_flag(short, long)?;
        match attached {
            Some(value) => Some(value),
            None => self.args.get(i + 1).map(Word::as_str),
        }
    }

    /// The index of the word with the option and the value attached to it, if any.
    fn find_flag(
        &self,
        short: Option<char>,
        long: Option<&str>,
    ) -> Option<(usize, Option<&'a str>)> {
        let args: &'a [Word] = self.args;
        for (i, word) in args.iter().enumerate() {
            let value = word.as_str();
            if value == "--" {
                return None;
            }
            if let (Some(long), Some(rest)) = (long, value.strip_prefix("--")) {
                let name = long.trim_start_matches('-');
                match rest.strip_prefix(name) {
                    Some("") => return Some((i, None)),
                    Some(attached) if attached.starts_with('=') => {
                        return Some((i, attached.get(1..)));
                    }
                    _ => {}
                }
            }
            if let (Some(short), Some(group)) = (short, value.strip_prefix('-')) {
                if group.starts_with('-') {
                    continue;
                }
                if let Some(at) = group.find(short) {
                    let attached = &group[at + short.len_utf8()..];
                    return Some((i, (!attached.is_empty()).then_some(attached)));
                }
            }
        }
        None
    }

    /// The first positional argument: `install` in `apt-get -y install curl`.
    pub fn subcommand(&self) -> Option<&'a str> {
        self.positional_args().next().map(Word::as_str)
    }
}

impl Command {
    /// The index in `words` of the program that runs, past wrappers such as `sudo` or `env`.
    pub fn program_index(&self) -> Option<usize> {
        program_index(&self.words)
    }

    /// The basename of the program that runs, past wrappers: `apt-get` for
    /// `sudo -E /usr/bin/apt-get install`.
    pub fn program(&self) -> Option<&str> {
        self.program_index()
            .and_then(|i| self.words.get(i))
            .map(|w| basename(w.as_str()))
    }

    /// The words after the program.
    pub fn args(&self) -> &[Word] {
        self.program_index()
            .and_then(|i| self.words.get(i + 1..))
            .unwrap_or_default()
    }

    /// Whether `wrapper` (`sudo`, `env`...) is among the words before the program.
    pub fn wrapped_by(&self, wrapper: &str) -> bool {
        let end = self.program_index().unwrap_or(0);
        self.words[..end.min(self.words.len())]
            .iter()
            .any(|w| basename(w.as_str()) == wrapper)
    }

    /// The program under its normalized name: `python3 -m pip install x` is the tool `pip`
    /// with the arguments `install x`.
    pub fn tool(&self) -> Option<Tool<'_>> {
        let name = normalize_tool(self.program()?);
        let args = self.args();
        if name == "python" {
            if let Some((module, args)) = python_module(args) {
                return Some(Tool {
                    name: normalize_tool(module),
                    args,
                });
            }
        }
        Some(Tool { name, args })
    }

    /// Whether the command runs `path[0]` with the subcommands `path[1..]`:
    /// `invokes(&["uv", "pip", "install"])`, `invokes(&["apt-get", "install"])`.
    /// `path[0]` is matched against the normalized tool name (see [`Command::tool`]).
    pub fn invokes(&self, path: &[&str]) -> bool {
        let Some(tool) = self.tool() else {
            return false;
        };
        let Some((name, subcommands)) = path.split_first() else {
            return false;
        };
        if tool.name != *name {
            return false;
        }
        // Each subcommand may have options of its own before the next one.
        let mut args = tool.args;
        for expected in subcommands {
            let sub = Tool {
                name: tool.name,
                args,
            };
            let Some(found) = sub.positional_args().next() else {
                return false;
            };
            if found.as_str() != *expected {
                return false;
            }
            let at = args
                .iter()
                .position(|w| std::ptr::eq(w, found))
                .unwrap_or(0);
            args = &args[at + 1..];
        }
        true
    }

    /// See [`Tool::has_flag`]; looks at the normalized tool's arguments.
    pub fn has_flag(&self, short: Option<char>, long: Option<&str>) -> bool {
        self.tool().is_some_and(|t| t.has_flag(short, long))
    }

    /// See [`Tool::option_value`].
    pub fn option_value(&self, short: Option<char>, long: Option<&str>) -> Option<&str> {
        self.tool()?.option_value(short, long)
    }

    /// See [`Tool::flag_word`].
    pub fn flag_word(&self, short: Option<char>, long: Option<&str>) -> Option<&Word> {
        self.tool()?.flag_word(short, long)
    }

    /// See [`Tool::positional_args`].
    pub fn positional_args(&self) -> impl Iterator<Item = &Word> {
        self.tool().into_iter().flat_map(|t| t.positional_args())
    }

    /// See [`Tool::subcommand`].
    pub fn subcommand(&self) -> Option<&str> {
        self.tool()?.subcommand()
    }

    /// Heredocs fed to the command (`python - <<'PY'`).
    pub fn heredocs(&self) -> impl Iterator<Item = &Redirect> {
        self.redirects
            .iter()
            .filter(|r| matches!(r, Redirect::Heredoc { .. }))
    }

    /// A command that does nothing and succeeds: `true`, `:`, `exit 0`.
    pub fn is_noop_success(&self) -> bool {
        match self.words.first().map(|w| basename(w.as_str())) {
            Some("true" | ":") => true,
            Some("exit") => self.words.len() == 2 && self.words[1].as_str() == "0",
            _ => false,
        }
    }
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

/// `set` short options and the long names they stand for.
const SET_SHORT_OPTIONS: &[(char, &str)] = &[
    ('e', "errexit"),
    ('u', "nounset"),
    ('x', "xtrace"),
    ('f', "noglob"),
    ('v', "verbose"),
    ('n', "noexec"),
    ('C', "noclobber"),
    ('a', "allexport"),
];

/// What a `set` command does to `option`: `Some(true)` enables it, `Some(false)` disables it.
fn set_effect(command: &Command, option: &str) -> Option<bool> {
    let mut effect = None;
    let mut words = command.args().iter();
    while let Some(word) = words.next() {
        let value = word.as_str();
        let (enable, group) = match (value.strip_prefix('-'), value.strip_prefix('+')) {
            (Some(group), _) => (true, group),
            (_, Some(group)) => (false, group),
            _ => break,
        };
        for c in group.chars() {
            if c == 'o' {
                if words.next().is_some_and(|name| name.as_str() == option) {
                    effect = Some(enable);
                }
            } else if SET_SHORT_OPTIONS.contains(&(c, option)) {
                effect = Some(enable);
            }
        }
    }
    effect
}

impl Script {
    /// Commands whose program or normalized tool name is `name` (see [`Command::tool`]):
    /// `commands_named("pip")` finds `pip3 install` and `python -m pip install`.
    pub fn commands_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Command> {
        self.commands
            .iter()
            .filter(move |c| c.program() == Some(name) || c.tool().is_some_and(|t| t.name == name))
    }

    /// Whether `set -o OPTION` (or its short letter, e.g. `set -e` for `errexit`) is in
    /// effect when command `index` runs. Only `set` commands of the same shell process that
    /// come before it count: not those in a subshell or substitution deeper than it, nor
    /// those of another `sh -c` script.
    pub fn option_set_before(&self, index: usize, option: &str) -> bool {
        let Some(target) = self.commands.get(index) else {
            return false;
        };
        let mut enabled = false;
        for command in &self.commands[..index] {
            let same_process = command.depth <= target.depth
                && command.in_inline_script == target.in_inline_script
                && (!command.in_substitution || target.in_substitution);
            if same_process && command.program() == Some("set") {
                if let Some(effect) = set_effect(command, option) {
                    enabled = effect;
                }
            }
        }
        enabled
    }

    /// The heredoc index when the whole script is a heredoc marker and nothing else
    /// (`RUN <<EOF`): BuildKit then runs the heredoc body as the script, so parse that body.
    pub fn heredoc_script(&self) -> Option<usize> {
        let [command] = self.commands.as_slice() else {
            return None;
        };
        match command.redirects.as_slice() {
            [Redirect::Heredoc { index, .. }] if command.words.is_empty() => Some(*index),
            _ => None,
        }
    }

    /// Whether `set -o pipefail` is in effect when command `index` runs.
    pub fn pipefail_before(&self, index: usize) -> bool {
        self.option_set_before(index, "pipefail")
    }

    /// The command that runs when command `index` (or the `&&` chain it is in) fails: the
    /// first one after a later `||` of the same list. A compound fallback (`|| { ...; }`) is
    /// not a simple command and is not returned.
    pub fn fallback(&self, index: usize) -> Option<&Command> {
        let target = self.commands.get(index)?;
        self.commands
            .get(index + 1..)?
            .iter()
            .filter(|c| c.and_or == target.and_or)
            .find(|c| c.connector == Some(Connector::Or))
    }

    /// Whether a failure of command `index` is hidden: `cmd || true`, `cmd || :`,
    /// `cmd || exit 0`, or the script ends with `; exit 0` / `; true` while `set -e` is off.
    pub fn failure_ignored(&self, index: usize) -> bool {
        if self.fallback(index).is_some_and(Command::is_noop_success) {
            return true;
        }
        let Some(target) = self.commands.get(index) else {
            return false;
        };
        let last_top_level = self.commands.iter().rev().find(|c| c.depth == 0);
        last_top_level.is_some_and(|last| {
            last.span.start > target.span.start
                && last.connector == Some(Connector::Sequence)
                && last.is_noop_success()
                && !self.option_set_before(index, "errexit")
        })
    }
}
