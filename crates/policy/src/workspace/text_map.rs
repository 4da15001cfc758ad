//! Maps offsets in a YAML scalar's value back to the file: a `run: |` block loses its
//! indentation when parsed, so each line of the value is found again in the source.

use crate::span::Span;
use crate::yaml::YamlNode;

#[derive(Debug, Clone)]
pub struct TextMap {
    /// `(value offset, length, source offset)` of each line found verbatim in the source.
    segments: Vec<(usize, usize, usize)>,
    /// Where anything not found maps to: the whole scalar.
    fallback: Span,
}

impl TextMap {
    /// Offsets that are already source offsets (a script or a Makefile).
    pub fn identity(len: usize) -> Self {
        Self {
            segments: vec![(0, len, 0)],
            fallback: Span::new(0, len),
        }
    }

    pub fn for_scalar(source: &str, node: &YamlNode) -> Self {
        let mut segments = Vec::new();
        let value = node.as_str().unwrap_or("");
        let region = source.get(node.span.start..node.span.end).unwrap_or("");
        let mut cursor = 0;
        let mut offset = 0;
        for line in value.split_inclusive('\n') {
            let text = line.trim_end_matches('\n');
            if !text.is_empty() {
                match region.get(cursor..).and_then(|rest| rest.find(text)) {
                    Some(found) => {
                        segments.push((offset, text.len(), node.span.start + cursor + found));
                        cursor += found + text.len();
                    }
                    // Folded or escaped text: the rest maps to the whole scalar.
                    None => break,
                }
            }
            offset += line.len();
        }
        Self {
            segments,
            fallback: node.span,
        }
    }

    /// The source span of a span of the value.
    pub fn span(&self, span: Span) -> Span {
        let map = |offset: usize, is_end: bool| {
            self.segments
                .iter()
                .find(|&&(start, len, _)| {
                    start <= offset && (offset < start + len || (is_end && offset == start + len))
                })
                .map(|&(start, _, source)| source + offset - start)
        };
        match (map(span.start, false), map(span.end, true)) {
            (Some(start), Some(end)) if end >= start => Span::new(start, end),
            (Some(start), _) => Span::new(start, start),
            _ => self.fallback,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    #[test]
    fn finds_block_scalar_lines_in_the_source() {
        let source = "run: |\n  echo a\n  docker build --force-rm .\n";
        let root = yaml::parse(source).root.unwrap();
        let run = root.get("run").unwrap();
        let map = TextMap::for_scalar(source, run);
        let value = run.as_str().unwrap();
        let at = value.find("--force-rm").unwrap();
        let span = map.span(Span::new(at, at + "--force-rm".len()));
        assert_eq!(&source[span.start..span.end], "--force-rm");
    }
}
