//! The shell scripts of each instruction, parsed once for every rule.

use crate::dockerfile::ast::{
    Args, CommandForm, HealthcheckArgs, Instruction, Keyword, SourceText,
};
use crate::shell::{self, Script};
use crate::span::Span;
use std::ops::Range;

/// Where a script's text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptOrigin {
    /// The shell-form text of RUN, CMD, ENTRYPOINT or HEALTHCHECK CMD.
    Command,
    /// A heredoc body run as a shell script (`RUN <<EOF`, `RUN bash <<EOF`): the instruction's
    /// heredoc at this index.
    Heredoc(usize),
}

/// A parsed shell script with the text it was parsed from, to map its spans to the source.
#[derive(Debug, Clone)]
pub struct ShellScript {
    pub script: Script,
    pub text: SourceText,
    pub origin: ScriptOrigin,
}

impl ShellScript {
    /// The source span of a range of the script's text (a command's or a word's span).
    pub fn span(&self, range: &Range<usize>) -> Span {
        self.text.source_span(range.start, range.end)
    }
}

/// Shells whose stdin heredoc is a script.
const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh"];

/// The scripts an instruction runs through a shell. Exec form runs no shell and yields none.
/// `ONBUILD RUN` yields the scripts of its RUN, which runs in the builds that use the image.
pub fn scripts_of(ins: &Instruction) -> Vec<ShellScript> {
    if let (Keyword::Onbuild, Args::Onbuild(inner)) = (&ins.keyword, &ins.args) {
        return match inner.keyword {
            Keyword::Run => scripts_of(inner),
            _ => Vec::new(),
        };
    }
    let form = match (&ins.keyword, &ins.args) {
        (Keyword::Run | Keyword::Cmd | Keyword::Entrypoint, Args::Command(form)) => form,
        (Keyword::Healthcheck, Args::Healthcheck(HealthcheckArgs::Cmd(form))) => form,
        _ => return Vec::new(),
    };
    let CommandForm::Shell(text) = form else {
        return Vec::new();
    };
    let main = ShellScript {
        script: shell::parse(&text.text),
        text: text.clone(),
        origin: ScriptOrigin::Command,
    };
    let mut bodies: Vec<usize> = main.script.heredoc_script().into_iter().collect();
    for command in &main.script.commands {
        if command.program().is_some_and(|p| SHELLS.contains(&p))
            && command.positional_args().next().is_none()
        {
            bodies.extend(command.heredocs().filter_map(|r| match r {
                shell::Redirect::Heredoc {
                    index, body: None, ..
                } => Some(*index),
                _ => None,
            }));
        }
    }
    let mut scripts = vec![main];
    for index in bodies {
        if let Some(heredoc) = ins.heredocs.get(index) {
            scripts.push(ShellScript {
                script: shell::parse(&heredoc.body.text),
                text: heredoc.body.clone(),
                origin: ScriptOrigin::Heredoc(index),
            });
        }
    }
    scripts
}
