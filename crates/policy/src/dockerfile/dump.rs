//! BuildKit's `Node.Dump()` format, the golden format of its parser tests: one
//! `(keyword ["--flags"] "arg" ...)` line per instruction.

use super::ast::{Args, CommandForm, Dockerfile, HealthcheckArgs, Instruction};
use super::json_form::{parse_json_form, JsonForm};
use std::fmt::Write;

/// Dumps the instructions as BuildKit does (after its final whitespace trim).
pub fn dump(ast: &Dockerfile, source: &str) -> String {
    let _ = source;
    let mut out = String::new();
    for inst in &ast.instructions {
        out.push('(');
        out.push_str(&instruction(inst));
        out.push_str(")\n");
    }
    out.trim().to_string()
}

fn instruction(inst: &Instruction) -> String {
    let mut out = inst.keyword.as_str().to_ascii_lowercase();
    if !inst.flags.is_empty() {
        out.push_str(" [");
        for (i, flag) in inst.flags.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let mut word = format!("--{}", flag.name);
            if let Some(value) = &flag.value {
                word.push('=');
                word.push_str(value);
            }
            quote_into(&mut out, &word);
        }
        out.push(']');
    }
    let mut arg = |value: &str| {
        out.push(' ');
        quote_into(&mut out, value);
    };
    match &inst.args {
        Args::Command(form) => command(form, &mut arg),
        Args::Healthcheck(HealthcheckArgs::None) => arg("NONE"),
        Args::Healthcheck(HealthcheckArgs::Cmd(form)) => {
            arg("CMD");
            command(form, &mut arg);
        }
        Args::Healthcheck(HealthcheckArgs::Other { kind, rest }) => {
            arg(&kind.value);
            if let Some(rest) = rest {
                match parse_json_form(&rest.value) {
                    JsonForm::Strings(strings) => strings.iter().for_each(|s| arg(&s.value)),
                    _ => arg(&rest.value),
                }
            }
        }
        Args::From {
            image,
            as_keyword,
            name,
        } => [Some(image), as_keyword.as_ref(), name.as_ref()]
            .into_iter()
            .flatten()
            .for_each(|w| arg(&w.value)),
        Args::KeyValues(pairs) => {
            for pair in pairs {
                arg(&pair.key.value);
                arg(&pair.value.value);
                arg(if pair.equals { "=" } else { "" });
            }
        }
        Args::Arg(decls) => {
            for decl in decls {
                match &decl.default {
                    Some(default) => arg(&format!("{}={}", decl.name.value, default.value)),
                    None => arg(&decl.name.value),
                }
            }
        }
        Args::Copy { paths: words, .. } | Args::Words(words) => {
            words.iter().for_each(|w| arg(&w.value))
        }
        Args::Onbuild(inner) => {
            let child = format!("({})", instruction(inner));
            out.push(' ');
            out.push_str(&child);
        }
        Args::Invalid => {}
    }
    out
}

fn command(form: &CommandForm, arg: &mut impl FnMut(&str)) {
    match form {
        CommandForm::Exec { args, .. } => args.iter().for_each(|w| arg(&w.value)),
        CommandForm::Shell(text) if text.text.is_empty() => {}
        CommandForm::Shell(text) => arg(&text.text),
    }
}

/// Go's `strconv.Quote`.
fn quote_into(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\x7f' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
}

/// An approximation of Go's `strconv.IsPrint`: no controls, no spaces other than U+0020, no
/// format characters or private use.
fn is_printable(c: char) -> bool {
    c == ' '
        || !(c.is_control()
            || c.is_whitespace()
            || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}' | '\u{e000}'..='\u{f8ff}' | '\u{fff9}'..='\u{fffb}'))
}
