//! One logical line to an [`Instruction`]: the keyword, the flags (BuildKit's `splitCommand`)
//! and the arguments (dispatched to `line_parsers`).

use super::ast::{Args, Flag, Instruction, Keyword, SourceText, SyntaxError};
use super::flags::extract_builder_flags;
use super::line_parsers::{self as lp, ArgText};
use super::mount::parse_mount;
use super::words::is_token_space;

/// Builds the instruction in `line.text[start..end]`. Errors go to `errors`; `None` when there
/// is no known instruction to keep.
pub(crate) fn build(
    line: &SourceText,
    start: usize,
    end: usize,
    escape: char,
    errors: &mut Vec<SyntaxError>,
) -> Option<Instruction> {
    let slice = line.text.get(start..end)?;
    let lead = slice.len() - slice.trim_start().len();
    let start = start + lead;
    let end = start + slice.trim().len();
    let text = &line.text[start..end];
    let cmd_len = text.find(is_token_space).unwrap_or(text.len());
    let keyword_span = line.source_span(start, start + cmd_len);
    let Some(keyword) = Keyword::parse(&text[..cmd_len]) else {
        errors.push(SyntaxError {
            message: format!("unknown instruction: {}", &text[..cmd_len]),
            span: if cmd_len == 0 {
                line.source_span(start, end)
            } else {
                keyword_span
            },
        });
        return None;
    };
    let rest_start = text[cmd_len..]
        .find(|c| !is_token_space(c))
        .map_or(text.len(), |i| cmd_len + i);
    let (raw_flags, args_offset) = extract_builder_flags(&text[rest_start..]);
    let flags: Vec<Flag> = raw_flags
        .into_iter()
        .map(|f| {
            let base = start + rest_start;
            let body = f.word.strip_prefix("--").unwrap_or(&f.word);
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (body.to_string(), None),
            };
            Flag {
                name,
                value,
                span: line.source_span(base + f.start, base + f.end),
                value_span: f
                    .equals_at
                    .map(|eq| line.source_span(base + eq + 1, base + f.end)),
            }
        })
        .collect();
    let args_text = &text[rest_start + args_offset..];
    let args_lead = args_text.len() - args_text.trim_start().len();
    let at = ArgText {
        line,
        start: start + rest_start + args_offset + args_lead,
        end: start + rest_start + args_offset + args_lead + args_text.trim().len(),
        escape,
        keyword_span,
    };
    if keyword == Keyword::Run {
        check_mounts(&flags, errors);
    }
    let args = arguments(keyword, &at, errors);
    Some(Instruction {
        keyword,
        keyword_span,
        flags,
        args,
        heredocs: Vec::new(),
        span: line.source_span(start, end),
    })
}

fn check_mounts(flags: &[Flag], errors: &mut Vec<SyntaxError>) {
    for flag in flags
        .iter()
        .filter(|f| f.name.eq_ignore_ascii_case("mount"))
    {
        if let Err(message) = parse_mount(flag.value.as_deref().unwrap_or_default(), flag.span) {
            errors.push(SyntaxError {
                message: format!("invalid mount: {message}"),
                span: flag.value_span.unwrap_or(flag.span),
            });
        }
    }
}

fn require(
    at: &ArgText,
    keyword: Keyword,
    min: usize,
    count: usize,
    errors: &mut Vec<SyntaxError>,
) {
    if count < min {
        let what = if min == 1 {
            "at least one argument"
        } else {
            "at least two arguments"
        };
        errors.push(at.error(format!("{} requires {what}", keyword.as_str())));
    }
}

fn arguments(keyword: Keyword, at: &ArgText, errors: &mut Vec<SyntaxError>) -> Args {
    match keyword {
        Keyword::Run | Keyword::Cmd | Keyword::Entrypoint | Keyword::Shell => {
            Args::Command(lp::command(at, errors))
        }
        Keyword::Add | Keyword::Copy => {
            let (paths, json) = lp::json_or_words(at, errors);
            require(at, keyword, 2, paths.len(), errors);
            Args::Copy { paths, json }
        }
        Keyword::Volume => {
            let (words, _) = lp::json_or_words(at, errors);
            require(at, keyword, 1, words.len(), errors);
            Args::Words(words)
        }
        Keyword::Expose => {
            let words = lp::whitespace_words(at);
            require(at, keyword, 1, words.len(), errors);
            Args::Words(words)
        }
        Keyword::Maintainer | Keyword::Stopsignal | Keyword::User | Keyword::Workdir => {
            let words = lp::single_string(at);
            require(at, keyword, 1, words.len(), errors);
            Args::Words(words)
        }
        Keyword::Env | Keyword::Label => {
            let before = errors.len();
            let pairs = lp::key_values(at, keyword.as_str(), errors);
            if errors.len() == before {
                require(at, keyword, 1, pairs.len(), errors);
            }
            Args::KeyValues(pairs)
        }
        Keyword::Arg => {
            let decls = lp::arg_decls(at);
            require(at, keyword, 1, decls.len(), errors);
            Args::Arg(decls)
        }
        Keyword::From => lp::from(at, errors),
        Keyword::Healthcheck => lp::healthcheck(at, errors),
        Keyword::Onbuild => onbuild(at, errors),
    }
}

/// ONBUILD's trigger is a whole instruction of its own, with BuildKit's restrictions.
fn onbuild(at: &ArgText, errors: &mut Vec<SyntaxError>) -> Args {
    if at.is_empty() {
        errors.push(at.error("ONBUILD requires at least one argument"));
        return Args::Invalid;
    }
    let text = at.text();
    let trigger = &text[..text.find(is_token_space).unwrap_or(text.len())];
    let forbidden = match Keyword::parse(trigger) {
        // Checked before recursing, which also bounds the recursion depth.
        Some(Keyword::Onbuild) => {
            Some("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed".to_string())
        }
        Some(k @ (Keyword::From | Keyword::Maintainer)) => Some(format!(
            "{} isn't allowed as an ONBUILD trigger",
            k.as_str()
        )),
        _ => None,
    };
    if let Some(message) = forbidden {
        errors.push(SyntaxError {
            message,
            span: at.span(0, trigger.len()),
        });
        return Args::Invalid;
    }
    match build(at.line, at.start, at.end, at.escape, errors) {
        Some(inner) => Args::Onbuild(Box::new(inner)),
        None => Args::Invalid,
    }
}
