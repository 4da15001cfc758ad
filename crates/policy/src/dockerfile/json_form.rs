//! The exec (JSON array) form: BuildKit treats the arguments as JSON when they are a valid JSON
//! array of strings, rejects a valid array holding anything else, and otherwise falls back to
//! the shell form.

/// One string of the array, with the byte range of its JSON token (quotes included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonString {
    pub value: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonForm {
    Strings(Vec<JsonString>),
    /// Valid JSON, but not an array of strings: BuildKit reports an error.
    NotStringArray,
    /// Not JSON at all: the shell form applies.
    NotJson,
}

pub(crate) const NOT_STRING_ARRAY: &str =
    "when using JSON array syntax, arrays must be comprised of strings only";

/// Parses `text` (offsets in results are relative to it).
pub(crate) fn parse_json_form(text: &str) -> JsonForm {
    let lead = text.len() - text.trim_start().len();
    if !text[lead..].starts_with('[') {
        return JsonForm::NotJson;
    }
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        text,
        pos: lead,
    };
    if let Some(strings) = scanner.string_array() {
        return JsonForm::Strings(strings);
    }
    // Not an array of strings: tell valid JSON of another shape from text that is not JSON.
    match serde_json::from_str::<Vec<serde_json::Value>>(&text[lead..]) {
        Ok(values) if values.iter().any(|v| !v.is_string()) => JsonForm::NotStringArray,
        _ => JsonForm::NotJson,
    }
}

struct Scanner<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Scanner<'_> {
    fn skip_space(&mut self) {
        while matches!(self.bytes.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, b: u8) -> bool {
        let found = self.bytes.get(self.pos) == Some(&b);
        if found {
            self.pos += 1;
        }
        found
    }

    fn string_array(&mut self) -> Option<Vec<JsonString>> {
        let mut out = Vec::new();
        self.eat(b'[').then_some(())?;
        self.skip_space();
        if !self.eat(b']') {
            loop {
                self.skip_space();
                out.push(self.string()?);
                self.skip_space();
                if self.eat(b']') {
                    break;
                }
                self.eat(b',').then_some(())?;
            }
        }
        self.skip_space();
        (self.pos == self.bytes.len()).then_some(out)
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.text.get(self.pos..self.pos + 4)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).ok()
    }

    fn string(&mut self) -> Option<JsonString> {
        let start = self.pos;
        self.eat(b'"').then_some(())?;
        let mut value = String::new();
        loop {
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            value.push_str(&self.text[run_start..self.pos]);
            match *self.bytes.get(self.pos)? {
                b'"' => {
                    self.pos += 1;
                    return Some(JsonString {
                        value,
                        start,
                        end: self.pos,
                    });
                }
                b'\\' => {
                    self.pos += 1;
                    let escaped = *self.bytes.get(self.pos)?;
                    self.pos += 1;
                    let ch = match escaped {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape()?,
                        _ => return None,
                    };
                    value.push(ch);
                }
                _ => return None,
            }
        }
    }

    /// `\uXXXX`, combining surrogate pairs; a lone surrogate becomes U+FFFD as in Go.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.text[self.pos..].starts_with("\\u") {
            let save = self.pos;
            self.pos += 2;
            if let Some(second) = self.hex4() {
                if (0xDC00..0xE000).contains(&second) {
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    return Some(char::from_u32(code).unwrap_or('\u{FFFD}'));
                }
            }
            self.pos = save;
        }
        Some(char::from_u32(first).unwrap_or('\u{FFFD}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Option<Vec<String>> {
        match parse_json_form(text) {
            JsonForm::Strings(s) => Some(s.into_iter().map(|s| s.value).collect()),
            _ => None,
        }
    }

    #[test]
    fn accepts_arrays_of_strings_with_escapes() {
        assert_eq!(values("[]"), Some(vec![]));
        assert_eq!(
            values(" [ \"a\",\t\"b\" ] "),
            Some(vec!["a".into(), "b".into()])
        );
        assert_eq!(
            values(r#"["\" \\ \/ \n \u0000 \u2603 \ud83d\ude00"]"#),
            Some(vec!["\" \\ / \n \0 ☃ 😀".into()])
        );
        assert_eq!(values(r#"["\ud800"]"#), Some(vec!["\u{FFFD}".into()]));
    }

    #[test]
    fn trailing_text_or_bad_json_falls_back_to_shell_form() {
        assert_eq!(
            parse_json_form(r#"["/app", "-health"] || exit 1"#),
            JsonForm::NotJson
        );
        assert_eq!(parse_json_form("['a']"), JsonForm::NotJson);
        assert_eq!(parse_json_form(r#"["a", "b""#), JsonForm::NotJson);
        assert_eq!(parse_json_form(r#"["a",]"#), JsonForm::NotJson);
    }

    #[test]
    fn valid_json_that_is_not_strings_is_an_error() {
        assert_eq!(
            parse_json_form(r#"[ "echo", [ "nested json" ] ]"#),
            JsonForm::NotStringArray
        );
        assert_eq!(parse_json_form("[1]"), JsonForm::NotStringArray);
    }
}
