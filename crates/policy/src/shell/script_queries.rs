//! Questions rules ask about a command in its script: is `set -o pipefail` in effect, is a
//! failure hidden by `|| true`.

use super::model::{Command, Connector, Redirect, Script};

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
