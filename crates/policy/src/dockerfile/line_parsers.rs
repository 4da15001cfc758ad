//! One small function per instruction argument grammar, after BuildKit's `line_parsers.go`.
//! Each reads the (trimmed) argument text of a logical line and reports errors with the exact
//! source span.

use super::ast::SourceText;
use super::ast::{ArgDecl, Args, CommandForm, HealthcheckArgs, KeyValue, SyntaxError, Word};
use super::json_form::{parse_json_form, JsonForm, NOT_STRING_ARRAY};
use super::words::{is_token_space, parse_words, split_whitespace_delimited};
use crate::span::Span;

/// The argument text of an instruction: `line.text[start..end]`, already trimmed.
pub(crate) struct ArgText<'a> {
    pub line: &'a SourceText,
    pub start: usize,
    pub end: usize,
    pub escape: char,
    /// Where to report an error about missing arguments (the keyword).
    pub keyword_span: Span,
}

impl ArgText<'_> {
    pub fn text(&self) -> &str {
        &self.line.text[self.start..self.end]
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// The source span of `a..b`, relative to the argument text.
    pub fn span(&self, a: usize, b: usize) -> Span {
        self.line.source_span(self.start + a, self.start + b)
    }

    pub fn whole_span(&self) -> Span {
        if self.is_empty() {
            self.keyword_span
        } else {
            self.span(0, self.end - self.start)
        }
    }

    pub fn word(&self, a: usize, b: usize) -> Word {
        Word {
            value: self.text()[a..b].to_string(),
            span: self.span(a, b),
        }
    }

    /// The argument text as a `SourceText` (continuations kept mapped).
    pub fn source_text(&self) -> SourceText {
        self.line.slice(self.start, self.end)
    }

    /// The part after `offset`, left-trimmed like Go's `strings.TrimLeftFunc(unicode.IsSpace)`.
    pub fn from(&self, offset: usize) -> ArgText<'_> {
        let rest = &self.text()[offset..];
        let lead = rest.len() - rest.trim_start().len();
        ArgText {
            line: self.line,
            start: self.start + offset + lead,
            end: self.end,
            escape: self.escape,
            keyword_span: self.keyword_span,
        }
    }

    pub fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            span: self.whole_span(),
        }
    }
}

/// RUN, CMD, ENTRYPOINT, SHELL (`parseMaybeJSON`). Empty text gives an empty shell form.
pub(crate) fn command(at: &ArgText, errors: &mut Vec<SyntaxError>) -> CommandForm {
    if at.is_empty() {
        return CommandForm::Shell(SourceText::contiguous("", at.keyword_span.end));
    }
    match parse_json_form(at.text()) {
        JsonForm::Strings(strings) => CommandForm::Exec {
            args: strings
                .into_iter()
                .map(|s| Word {
                    value: s.value,
                    span: at.span(s.start, s.end),
                })
                .collect(),
            span: at.whole_span(),
        },
        JsonForm::NotStringArray => {
            errors.push(at.error(NOT_STRING_ARRAY));
            CommandForm::Exec {
                args: Vec::new(),
                span: at.whole_span(),
            }
        }
        JsonForm::NotJson => CommandForm::Shell(at.source_text()),
    }
}

/// ADD, COPY, VOLUME (`parseMaybeJSONToList`): JSON strings, or whitespace-separated words.
/// The flag tells whether the JSON form was used.
pub(crate) fn json_or_words(at: &ArgText, errors: &mut Vec<SyntaxError>) -> (Vec<Word>, bool) {
    match parse_json_form(at.text()) {
        JsonForm::Strings(strings) => (
            strings
                .into_iter()
                .map(|s| Word {
                    value: s.value,
                    span: at.span(s.start, s.end),
                })
                .collect(),
            true,
        ),
        JsonForm::NotStringArray => {
            errors.push(at.error(NOT_STRING_ARRAY));
            (Vec::new(), true)
        }
        JsonForm::NotJson => (whitespace_words(at), false),
    }
}

/// EXPOSE, FROM (`parseStringsWhitespaceDelimited`).
pub(crate) fn whitespace_words(at: &ArgText) -> Vec<Word> {
    split_whitespace_delimited(at.text())
        .into_iter()
        .map(|r| at.word(r.start, r.end))
        .collect()
}

/// MAINTAINER, STOPSIGNAL, USER, WORKDIR (`parseString`): the whole text as one word.
pub(crate) fn single_string(at: &ArgText) -> Vec<Word> {
    if at.is_empty() {
        return Vec::new();
    }
    vec![at.word(0, at.end - at.start)]
}

/// ENV, LABEL (`parseNameVal`): `key=value ...`, or the legacy `key value` when the first word
/// has no `=`.
pub(crate) fn key_values(
    at: &ArgText,
    keyword: &str,
    errors: &mut Vec<SyntaxError>,
) -> Vec<KeyValue> {
    let text = at.text();
    let words = parse_words(text, at.escape);
    let Some(first) = words.first() else {
        return Vec::new();
    };
    if !text[first.start..first.value_end].contains('=') {
        let Some(key_end) = text.find(is_token_space) else {
            errors.push(at.error(format!("{keyword} must have two arguments")));
            return Vec::new();
        };
        let value_start = key_end
            + text[key_end..]
                .find(|c| !is_token_space(c))
                .unwrap_or(text.len() - key_end);
        return vec![KeyValue {
            key: at.word(0, key_end),
            value: at.word(value_start, text.len()),
            equals: false,
        }];
    }
    let mut pairs = Vec::with_capacity(words.len());
    for w in words {
        let word = &text[w.start..w.value_end];
        let Some(eq) = word.find('=') else {
            errors.push(SyntaxError {
                message: format!(
                    "Syntax error - can't find = in {word:?}. Must be of the form: name=value"
                ),
                span: at.span(w.start, w.end),
            });
            return Vec::new();
        };
        if eq == 0 && keyword == "ENV" {
            errors.push(SyntaxError {
                message: "ENV names can not be blank".into(),
                span: at.span(w.start, w.end),
            });
        }
        pairs.push(KeyValue {
            key: at.word(w.start, w.start + eq),
            value: at.word(w.start + eq + 1, w.value_end),
            equals: true,
        });
    }
    pairs
}

/// ARG (`parseNameOrNameVal`): `name` or `name=default` words.
pub(crate) fn arg_decls(at: &ArgText) -> Vec<ArgDecl> {
    let text = at.text();
    parse_words(text, at.escape)
        .into_iter()
        .map(|w| {
            let word = &text[w.start..w.value_end];
            let (name, default) = match word.find('=') {
                Some(eq) => (
                    at.word(w.start, w.start + eq),
                    Some(at.word(w.start + eq + 1, w.value_end)),
                ),
                None => (at.word(w.start, w.value_end), None),
            };
            ArgDecl {
                name,
                default,
                span: at.span(w.start, w.end),
            }
        })
        .collect()
}

/// HEALTHCHECK (`parseHealthConfig`): a type word, then a command like CMD's.
pub(crate) fn healthcheck(at: &ArgText, errors: &mut Vec<SyntaxError>) -> Args {
    let text = at.text();
    // BuildKit looks at single bytes here.
    let sep = text
        .find(|c: char| c.is_ascii_whitespace() || c == '\x0b')
        .unwrap_or(text.len());
    if sep == 0 {
        errors.push(at.error("HEALTHCHECK requires at least one argument"));
        return Args::Invalid;
    }
    let kind = at.word(0, sep);
    let rest = at.from(sep);
    let args = if kind.value.eq_ignore_ascii_case("NONE") && rest.is_empty() {
        HealthcheckArgs::None
    } else if kind.value.eq_ignore_ascii_case("CMD") {
        if rest.is_empty() {
            errors.push(SyntaxError {
                message: "Missing command after HEALTHCHECK CMD".into(),
                span: kind.span,
            });
        }
        HealthcheckArgs::Cmd(command(&rest, errors))
    } else {
        let rest = (!rest.is_empty()).then(|| rest.word(0, rest.end - rest.start));
        HealthcheckArgs::Other { kind, rest }
    };
    Args::Healthcheck(args)
}

/// FROM: `image [AS name]`.
pub(crate) fn from(at: &ArgText, errors: &mut Vec<SyntaxError>) -> Args {
    let mut words = whitespace_words(at).into_iter();
    match (words.next(), words.next(), words.next(), words.next()) {
        (Some(image), None, None, None) => Args::From {
            image,
            as_keyword: None,
            name: None,
        },
        (Some(image), Some(as_keyword), Some(name), None)
            if as_keyword.value.eq_ignore_ascii_case("as") =>
        {
            Args::From {
                image,
                as_keyword: Some(as_keyword),
                name: Some(name),
            }
        }
        (Some(_), Some(_), Some(_), None) => {
            errors.push(
                at.error("When using FROM with 3 arguments, the second argument must be \"AS\""),
            );
            Args::Invalid
        }
        _ => {
            errors.push(at.error("FROM requires either one or three arguments"));
            Args::Invalid
        }
    }
}
