//! What a parse accumulates before it becomes a [`Script`](super::Script).

use std::ops::Range;

use super::model::{Command, Redirect};

/// What a parse accumulates; shared by a script and the substitutions inside it.
#[derive(Debug, Default)]
pub(super) struct Output {
    pub commands: Vec<Command>,
    /// Indexed by heredoc index; filled when the body is found.
    pub heredoc_bodies: Vec<Option<Range<usize>>>,
    /// Indexed by pipeline id: its number of elements.
    pub pipeline_lens: Vec<usize>,
    pub next_and_or: usize,
    /// How many substitutions and inline scripts deep the parse is.
    pub nesting: usize,
    /// Index ranges of `commands` moved in from separately parsed scripts, whose heredoc
    /// bodies were filled from their own table.
    absorbed: Vec<Range<usize>>,
    pub complete: bool,
}

impl Output {
    pub fn new(nesting: usize) -> Self {
        Self {
            nesting,
            complete: true,
            ..Self::default()
        }
    }

    /// Fills what is only known at the end: pipeline lengths, heredoc bodies, source order.
    pub fn finish(mut self) -> Self {
        for (i, command) in self.commands.iter_mut().enumerate() {
            command.pipeline_len = self
                .pipeline_lens
                .get(command.pipeline)
                .copied()
                .unwrap_or(1);
            if self.absorbed.iter().any(|r| r.contains(&i)) {
                continue;
            }
            for redirect in &mut command.redirects {
                if let Redirect::Heredoc { index, body, .. } = redirect {
                    *body = self.heredoc_bodies.get(*index).cloned().flatten();
                }
            }
        }
        // Commands are pushed when they end, so one that contains a substitution comes after
        // the commands inside it; a stable sort restores source order.
        self.commands.sort_by_key(|c| c.span.start);
        self
    }

    /// Moves the commands of a separately parsed script into this one, keeping ids unique.
    pub fn absorb(&mut self, inner: Output) {
        let pipeline_base = self.pipeline_lens.len();
        let and_or_base = self.next_and_or;
        self.complete &= inner.complete;
        self.pipeline_lens.extend(inner.pipeline_lens);
        self.next_and_or += inner.next_and_or;
        let start = self.commands.len();
        self.absorbed.push(start..start + inner.commands.len());
        self.commands
            .extend(inner.commands.into_iter().map(|mut c| {
                c.pipeline += pipeline_base;
                c.and_or += and_or_base;
                c
            }));
    }
}
