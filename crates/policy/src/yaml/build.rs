//! Builds the [`YamlNode`] tree from `saphyr-parser` events.

use super::{YamlDocument, YamlError, YamlKind, YamlNode};
use crate::span::Span;
use saphyr_parser::{Event, Parser, ScalarStyle};
use std::collections::HashMap;

/// Aliases are expanded by copying; this caps the copies so a "billion laughs" file stays cheap.
const ALIAS_NODE_BUDGET: usize = 200_000;

/// Parses the first document of `source`. Never panics; a syntax error drops the tree (a
/// half-read file would make rules guess) and is returned with its place.
pub fn parse(source: &str) -> YamlDocument {
    let offsets = ByteOffsets::new(source);
    let mut builder = Builder::default();
    for event in Parser::new_from_str(source) {
        match event {
            Ok((event, span)) => {
                let start = offsets.byte(span.start.index());
                let mut span = Span::new(start, offsets.byte(span.end.index()).max(start));
                if let Event::Scalar(
                    _,
                    style @ (ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted),
                    ..,
                ) = &event
                {
                    span.end = quoted_end(source, start, *style).unwrap_or(span.end);
                }
                if let Err(message) = builder.event(event, span) {
                    return failed(message, span);
                }
                if builder.done {
                    break;
                }
            }
            Err(error) => {
                let at = offsets.byte(error.marker().index());
                let end = source[at..]
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                return failed(error.info().to_string(), Span::new(at, end));
            }
        }
    }
    YamlDocument {
        root: builder.root,
        error: None,
    }
}

/// The parser's end of a quoted scalar can run past trailing spaces and a comment; this finds
/// the closing quote instead.
fn quoted_end(source: &str, start: usize, style: ScalarStyle) -> Option<usize> {
    let body = source.get(start..)?;
    let quote = if style == ScalarStyle::SingleQuoted {
        '\''
    } else {
        '"'
    };
    let mut chars = body.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' if quote == '"' => {
                chars.next();
            }
            '\'' if quote == '\'' && chars.peek().map(|&(_, c)| c) == Some('\'') => {
                chars.next();
            }
            c if c == quote => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

fn failed(message: String, span: Span) -> YamlDocument {
    YamlDocument {
        root: None,
        error: Some(YamlError { message, span }),
    }
}

/// The parser counts characters; spans here are bytes.
struct ByteOffsets {
    /// Byte offset of each character index, plus the end; `None` for ASCII text (identity).
    table: Option<Vec<usize>>,
    len: usize,
}

impl ByteOffsets {
    fn new(source: &str) -> Self {
        let table = (!source.is_ascii()).then(|| {
            source
                .char_indices()
                .map(|(i, _)| i)
                .chain([source.len()])
                .collect()
        });
        Self {
            table,
            len: source.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        match &self.table {
            None => char_index.min(self.len),
            Some(table) => table.get(char_index).copied().unwrap_or(self.len),
        }
    }
}

enum Frame {
    Seq {
        items: Vec<YamlNode>,
        start: Span,
        anchor: usize,
    },
    Map {
        entries: Vec<(YamlNode, YamlNode)>,
        key: Option<YamlNode>,
        start: Span,
        anchor: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, YamlNode>,
    root: Option<YamlNode>,
    done: bool,
    alias_budget_used: usize,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), String> {
        match event {
            Event::Scalar(value, style, anchor, _) => {
                let is_null = style == ScalarStyle::Plain
                    && matches!(value.as_ref(), "" | "~" | "null" | "Null" | "NULL");
                let kind = if is_null {
                    YamlKind::Null
                } else {
                    YamlKind::Scalar(value.into_owned())
                };
                self.complete(YamlNode { kind, span }, anchor);
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err("unknown alias".to_string());
                };
                self.alias_budget_used += node_count(target);
                if self.alias_budget_used > ALIAS_NODE_BUDGET {
                    return Err("too many alias expansions".to_string());
                }
                let node = YamlNode {
                    kind: target.kind.clone(),
                    span,
                };
                self.complete(node, 0);
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq {
                items: Vec::new(),
                start: span,
                anchor,
            }),
            Event::MappingStart(anchor, _) => self.stack.push(Frame::Map {
                entries: Vec::new(),
                key: None,
                start: span,
                anchor,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Seq {
                        items,
                        start,
                        anchor,
                    }) => {
                        let span = covering(start, items.iter().map(|n| n.span));
                        (
                            YamlNode {
                                kind: YamlKind::Seq(items),
                                span,
                            },
                            anchor,
                        )
                    }
                    Some(Frame::Map {
                        entries,
                        start,
                        anchor,
                        ..
                    }) => {
                        let span =
                            covering(start, entries.iter().flat_map(|(k, v)| [k.span, v.span]));
                        let entries = apply_merge_keys(entries);
                        (
                            YamlNode {
                                kind: YamlKind::Map(entries),
                                span,
                            },
                            anchor,
                        )
                    }
                    None => return Err("unbalanced collection".to_string()),
                };
                self.complete(node.0, node.1);
            }
            Event::DocumentEnd => self.done = self.root.is_some(),
            _ => {}
        }
        Ok(())
    }

    /// Places a finished node into its parent, or makes it the root.
    fn complete(&mut self, node: YamlNode, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                Some(k) => entries.push((k, node)),
                None => *key = Some(node),
            },
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
        }
    }
}

/// A collection's span: from where it starts to the end of its last item.
fn covering(start: Span, children: impl Iterator<Item = Span>) -> Span {
    children.fold(Span::empty(start.start), |acc, child| acc.cover(child))
}

fn node_count(node: &YamlNode) -> usize {
    1 + match &node.kind {
        YamlKind::Map(entries) => entries
            .iter()
            .map(|(k, v)| node_count(k) + node_count(v))
            .sum(),
        YamlKind::Seq(items) => items.iter().map(node_count).sum(),
        _ => 0,
    }
}

/// Applies `<<: *other` (or `<<: [*a, *b]`): merged entries fill in keys the mapping lacks.
fn apply_merge_keys(entries: Vec<(YamlNode, YamlNode)>) -> Vec<(YamlNode, YamlNode)> {
    let is_merge = |key: &YamlNode| key.as_str() == Some("<<");
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return entries;
    }
    let (merges, mut own): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(k, _)| is_merge(k));
    for (_, value) in merges {
        let sources = match value.kind {
            YamlKind::Seq(items) => items,
            _ => vec![value],
        };
        for source in sources {
            let YamlKind::Map(merged) = source.kind else {
                continue;
            };
            for (key, value) in merged {
                let present = own.iter().any(|(k, _)| k.kind == key.kind);
                if !present {
                    own.push((key, value));
                }
            }
        }
    }
    own
}
