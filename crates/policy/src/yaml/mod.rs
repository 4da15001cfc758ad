//! YAML with positions: a small tree in which every key and value keeps its byte span.
//!
//! Built on `saphyr-parser`'s event stream (pure Rust, compiles to wasm32). Anchors and aliases
//! are resolved and `<<` merge keys (common in Compose files) are applied, so models read the
//! values the file means; spans stay those of the text that wrote them.

mod build;

use crate::span::Span;

pub use build::parse;

/// One node of a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlNode {
    pub kind: YamlKind,
    /// Where the node is written (for a mapping or sequence: from its first to its last item).
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlKind {
    /// Entries in the order written; keys are nodes so they keep their spans.
    Map(Vec<(YamlNode, YamlNode)>),
    Seq(Vec<YamlNode>),
    /// Any non-null scalar, as text (`true`, `3` and `"x"` alike).
    Scalar(String),
    /// `null`, `~` or nothing at all.
    Null,
}

/// A parse result: the first document's root, or the error that stopped the parser.
#[derive(Debug, Clone, Default)]
pub struct YamlDocument {
    pub root: Option<YamlNode>,
    pub error: Option<YamlError>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}

impl YamlNode {
    pub fn null(span: Span) -> Self {
        Self {
            kind: YamlKind::Null,
            span,
        }
    }

    /// The value of `key` in a mapping.
    pub fn get(&self, key: &str) -> Option<&YamlNode> {
        self.entry(key).map(|(_, value)| value)
    }

    /// The key node and value node of `key` in a mapping.
    pub fn entry(&self, key: &str) -> Option<(&YamlNode, &YamlNode)> {
        self.entries()
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(k, v)| (k, v))
    }

    /// Follows mapping keys: `node.path(&["build", "context"])`.
    pub fn path(&self, keys: &[&str]) -> Option<&YamlNode> {
        keys.iter().try_fold(self, |node, key| node.get(key))
    }

    /// A mapping's entries; empty for anything else.
    pub fn entries(&self) -> &[(YamlNode, YamlNode)] {
        match &self.kind {
            YamlKind::Map(entries) => entries,
            _ => &[],
        }
    }

    /// A sequence's items; empty for anything else.
    pub fn items(&self) -> &[YamlNode] {
        match &self.kind {
            YamlKind::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            YamlKind::Scalar(text) => Some(text),
            _ => None,
        }
    }

    /// `true`, `True` or `TRUE` (YAML 1.2 core schema).
    pub fn is_true(&self) -> bool {
        matches!(self.as_str(), Some("true" | "True" | "TRUE"))
    }

    pub fn is_map(&self) -> bool {
        matches!(self.kind, YamlKind::Map(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(source: &str, span: Span) -> &str {
        &source[span.start..span.end]
    }

    #[test]
    fn keys_and_values_keep_byte_spans() {
        let source = "services:\n  web:\n    image: \"nginx:1.27\" # é\n    build: ./web  # c\n    tag: 'it''s'\n";
        let doc = parse(source);
        assert!(doc.error.is_none());
        let root = doc.root.unwrap();
        let (key, value) = root
            .get("services")
            .unwrap()
            .get("web")
            .unwrap()
            .entry("image")
            .unwrap();
        assert_eq!(text(source, key.span), "image");
        assert_eq!(value.as_str(), Some("nginx:1.27"));
        assert_eq!(text(source, value.span), "\"nginx:1.27\"");
        let build = root.path(&["services", "web", "build"]).unwrap();
        assert_eq!(text(source, build.span), "./web");
    }

    #[test]
    fn spans_are_bytes_after_multibyte_characters() {
        let source = "# 日本語のコメント\nname: ビルド\nfile: ./backend/Dockerfile\n";
        let root = parse(source).root.unwrap();
        let file = root.get("file").unwrap();
        assert_eq!(text(source, file.span), "./backend/Dockerfile");
        assert_eq!(text(source, root.get("name").unwrap().span), "ビルド");
    }

    #[test]
    fn sequences_nulls_and_flow_collections() {
        let source = "a: [x, 'y']\nb:\nc: ~\nd:\n  - 1\n  - {k: v}\n";
        let root = parse(source).root.unwrap();
        let a: Vec<_> = root
            .get("a")
            .unwrap()
            .items()
            .iter()
            .map(|n| n.as_str())
            .collect();
        assert_eq!(a, [Some("x"), Some("y")]);
        assert_eq!(root.get("b").unwrap().kind, YamlKind::Null);
        assert_eq!(root.get("c").unwrap().kind, YamlKind::Null);
        let d = root.get("d").unwrap().items();
        assert_eq!(d[1].get("k").and_then(YamlNode::as_str), Some("v"));
    }

    #[test]
    fn aliases_and_merge_keys_are_resolved() {
        let source = "x: &base\n  image: alpine:3.21\n  user: app\ny:\n  <<: *base\n  user: root\nz: *base\n";
        let root = parse(source).root.unwrap();
        let y = root.get("y").unwrap();
        assert_eq!(
            y.get("image").and_then(YamlNode::as_str),
            Some("alpine:3.21")
        );
        // Keys written in the mapping win over merged ones.
        assert_eq!(y.get("user").and_then(YamlNode::as_str), Some("root"));
        assert_eq!(
            root.path(&["z", "user"]).and_then(YamlNode::as_str),
            Some("app")
        );
    }

    #[test]
    fn block_scalars_are_text() {
        let source = "run: |\n  docker build .\n  echo done\n";
        let root = parse(source).root.unwrap();
        assert_eq!(
            root.get("run").and_then(YamlNode::as_str),
            Some("docker build .\necho done\n")
        );
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let source = "jobs:\n  build:\n    steps: [a, b\n";
        let doc = parse(source);
        let error = doc.error.expect("unclosed flow sequence");
        assert!(doc.root.is_none());
        assert!(error.span.start <= source.len());
        let source = "a: b\n c: d: e\n";
        assert!(parse(source).error.is_some());
    }

    #[test]
    fn empty_and_garbage_inputs_do_not_panic() {
        for source in [
            "",
            "\n",
            "---\n",
            "- ",
            ":",
            "{",
            "\u{feff}a: 1",
            "a: *nope",
            "&a [*a]",
            "\t- x",
        ] {
            let _ = parse(source);
        }
    }

    #[test]
    fn crlf_and_bom_keep_spans_on_the_text() {
        for source in [
            "a: 1\r\nfile: ./x/Dockerfile\r\n",
            "\u{feff}a: 1\nfile: ./x/Dockerfile\n",
        ] {
            let root = parse(source).root.unwrap();
            let file = root.get("file").unwrap();
            assert_eq!(
                &source[file.span.start..file.span.end],
                "./x/Dockerfile",
                "{source:?}"
            );
        }
    }
}
