//! Docker's `.dockerignore` pattern language, matched the way moby/patternmatcher's regular
//! expression translation matches it (a memoised matcher, no regex engine needed).

#[derive(Debug, Clone)]
pub(super) struct Glob {
    /// `None` when the pattern is malformed (Docker rejects it): it matches nothing.
    tokens: Option<Vec<Token>>,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Literal(char),
    /// `?`: one character other than `/`.
    AnyChar,
    /// `*`: any run of characters other than `/`.
    Star,
    /// `**` (and `**/`) inside a pattern: `(.*/)?`, any number of whole directories.
    AnyDirectories,
    /// `**` at the end: everything.
    Rest,
    /// `[...]`: passed through to Go's regexp by Docker, so `^` negates and it may match `/`.
    Class {
        negated: bool,
        ranges: Vec<(char, char)>,
    },
}

impl Glob {
    pub(super) fn new(pattern: &str) -> Self {
        Self {
            tokens: tokenize(pattern),
        }
    }

    pub(super) fn matches(&self, path: &str) -> bool {
        let Some(tokens) = &self.tokens else {
            return false;
        };
        let chars: Vec<char> = path.chars().collect();
        let mut memo = vec![None; (tokens.len() + 1) * (chars.len() + 1)];
        match_at(tokens, &chars, 0, 0, &mut memo)
    }
}

fn tokenize(pattern: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        let token = match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                }
                if chars.peek().is_none() {
                    Token::Rest
                } else {
                    Token::AnyDirectories
                }
            }
            '*' => Token::Star,
            '?' => Token::AnyChar,
            '\\' => Token::Literal(chars.next().unwrap_or('\\')),
            '[' => {
                let negated = chars.next_if_eq(&'^').is_some();
                let mut ranges = Vec::new();
                let mut closed = false;
                let mut first = true;
                while let Some(c) = chars.next() {
                    if c == ']' && !first {
                        closed = true;
                        break;
                    }
                    first = false;
                    let low = if c == '\\' { chars.next()? } else { c };
                    let high = match chars.next_if_eq(&'-') {
                        Some(_) if chars.peek().is_some_and(|&c| c != ']') => chars.next()?,
                        Some(_) => {
                            ranges.push(('-', '-'));
                            low
                        }
                        None => low,
                    };
                    ranges.push((low, high));
                }
                if !closed {
                    return None;
                }
                Token::Class { negated, ranges }
            }
            c => Token::Literal(c),
        };
        tokens.push(token);
    }
    Some(tokens)
}

fn match_at(
    tokens: &[Token],
    path: &[char],
    t: usize,
    p: usize,
    memo: &mut [Option<bool>],
) -> bool {
    let key = t * (path.len() + 1) + p;
    if let Some(known) = memo[key] {
        return known;
    }
    let result = match tokens.get(t) {
        None => p == path.len(),
        Some(Token::Rest) => true,
        Some(Token::Star) => (p..=path.len())
            .take_while(|&end| end == p || path[end - 1] != '/')
            .any(|end| match_at(tokens, path, t + 1, end, memo)),
        Some(Token::AnyDirectories) => {
            match_at(tokens, path, t + 1, p, memo)
                || (p..path.len())
                    .filter(|&i| path[i] == '/')
                    .any(|i| match_at(tokens, path, t + 1, i + 1, memo))
        }
        Some(single) => {
            path.get(p).is_some_and(|&c| single_matches(single, c))
                && match_at(tokens, path, t + 1, p + 1, memo)
        }
    };
    memo[key] = Some(result);
    result
}

fn single_matches(token: &Token, c: char) -> bool {
    match token {
        Token::Literal(l) => *l == c,
        Token::AnyChar => c != '/',
        Token::Class { negated, ranges } => {
            ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi) != *negated
        }
        Token::Star | Token::AnyDirectories | Token::Rest => false,
    }
}

#[cfg(test)]
mod tests {
    use super::Glob;

    #[test]
    fn stars_and_questions() {
        assert!(Glob::new("*.go").matches("main.go"));
        assert!(!Glob::new("*.go").matches("cmd/main.go"));
        assert!(Glob::new("**/*.go").matches("cmd/x/main.go"));
        assert!(Glob::new("**").matches("anything/at/all"));
        assert!(Glob::new("a?c").matches("abc"));
        assert!(!Glob::new("a?c").matches("a/c"));
        assert!(!Glob::new("[abc").matches("a"));
        assert!(Glob::new("[a-]x").matches("-x"));
    }

    #[test]
    fn many_stars_stay_fast() {
        let pattern = "*a*a*a*a*a*a*a*a*a*a*a*a*b";
        assert!(!Glob::new(pattern).matches(&"a".repeat(200)));
    }
}
