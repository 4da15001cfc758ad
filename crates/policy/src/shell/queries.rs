//! Questions rules ask about one command: which program runs, with which flags, options
//! and subcommands.

use super::model::{Command, Redirect, Word};
use super::programs::{basename, takes_value};

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
        let args = self.args;
        self.positional_indices().filter_map(move |i| args.get(i))
    }

    /// Indexes into `args` of the positional arguments.
    fn positional_indices(&self) -> impl Iterator<Item = usize> + 'a {
        let (name, args) = (self.name, self.args);
        let mut i = 0;
        let mut options_done = false;
        std::iter::from_fn(move || loop {
            let value = args.get(i)?.as_str();
            i += 1;
            if options_done || !value.starts_with('-') || value == "-" {
                return Some(i - 1);
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
        self.program_at
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
        let at = self.tool_at?;
        Some(Tool {
            name: at.name(&self.words),
            args: &self.words[at.args..],
        })
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
            let rest = Tool {
                name: tool.name,
                args,
            };
            let Some(at) = rest.positional_indices().next() else {
                return false;
            };
            if args[at].as_str() != *expected {
                return false;
            }
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
