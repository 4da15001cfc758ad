//! Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
//! `${VAR:?err}`, `$$` for a literal `$`.

/// Known variables (from the project's `.env` file); anything else is unknown.
#[derive(Debug, Clone, Default)]
pub struct Variables {
    values: Vec<(String, String)>,
}

impl Variables {
    /// Reads a `.env` file: `NAME=value` lines, `#` comments, optional quotes, `export `.
    pub fn from_env_file(source: &str) -> Self {
        let values = source
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let line = line.strip_prefix("export ").unwrap_or(line);
                if line.starts_with('#') {
                    return None;
                }
                let (name, value) = line.split_once('=')?;
                let value = value.trim();
                let unquoted = value
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
                    .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                    .unwrap_or(value);
                Some((name.trim().to_string(), unquoted.to_string()))
            })
            .collect();
        Self { values }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The text with every variable replaced, or `None` when one is unknown and has no default.
    pub fn interpolate(&self, text: &str) -> Option<String> {
        if !text.contains('$') {
            return Some(text.to_string());
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(i) = rest.find('$') {
            out.push_str(&rest[..i]);
            let after = &rest[i + 1..];
            if let Some(after) = after.strip_prefix('$') {
                out.push('$');
                rest = after;
            } else if let Some(braced) = after.strip_prefix('{') {
                let end = closing_brace(braced)?;
                out.push_str(&self.expand_braced(&braced[..end])?);
                rest = &braced[end + 1..];
            } else {
                let len = after
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(after.len());
                if len == 0 {
                    out.push('$');
                } else {
                    out.push_str(self.get(&after[..len])?);
                }
                rest = &after[len..];
            }
        }
        out.push_str(rest);
        Some(out)
    }

    fn expand_braced(&self, body: &str) -> Option<String> {
        let name_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(body.len());
        let (name, op) = body.split_at(name_len);
        let value = self.get(name);
        let default = |d: &str| self.interpolate(d);
        match op {
            "" => value.map(str::to_string),
            _ if op.starts_with(":-") => match value {
                Some(v) if !v.is_empty() => Some(v.to_string()),
                _ => default(&op[2..]),
            },
            _ if op.starts_with('-') => {
                value.map_or_else(|| default(&op[1..]), |v| Some(v.to_string()))
            }
            _ if op.starts_with(":+") => match value {
                Some(v) if !v.is_empty() => default(&op[2..]),
                Some(_) => Some(String::new()),
                None => None,
            },
            // `:?` and `?` abort when unset; otherwise the value.
            _ if op.starts_with(":?") || op.starts_with('?') => value.map(str::to_string),
            _ => None,
        }
    }
}

/// The index of the `}` closing a `${`, skipping nested `${...}`.
fn closing_brace(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_known_variables_and_defaults() {
        let vars = Variables::from_env_file("# c\nTAG=3.21\nexport APP='web'\nEMPTY=\n");
        assert_eq!(
            vars.interpolate("alpine:${TAG}").as_deref(),
            Some("alpine:3.21")
        );
        assert_eq!(vars.interpolate("$APP/x").as_deref(), Some("web/x"));
        assert_eq!(vars.interpolate("${NOPE:-./app}").as_deref(), Some("./app"));
        assert_eq!(vars.interpolate("${EMPTY:-d}").as_deref(), Some("d"));
        assert_eq!(vars.interpolate("${EMPTY-d}").as_deref(), Some(""));
        assert_eq!(vars.interpolate("cost $$5").as_deref(), Some("cost $5"));
        assert_eq!(vars.interpolate("${NOPE}"), None);
        assert_eq!(vars.interpolate("${UNCLOSED"), None);
        assert_eq!(vars.interpolate("${NOPE:-${TAG}}").as_deref(), Some("3.21"));
    }
}
