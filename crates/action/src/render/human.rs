//! The default format, modelled on rustc's diagnostics:
//!
//! ```text
//! warning[root-user]: the final stage runs as root
//!  --> Dockerfile:3:1
//!   |
//! 3 | USER root
//!   | ^^^^^^^^^
//!   |
//!   = help: add `USER nonroot` after installing packages
//! ```

use super::style::{Paint, Style};
use super::{plural, Counts, Sources};
use ballast_policy::{Finding, Report};
use std::collections::BTreeMap;
use std::fmt::Write;
use unicode_width::UnicodeWidthChar;

/// Every finding with its source lines, then a one-line summary.
pub fn render(report: &Report, sources: &Sources, style: Style) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        render_finding(&mut out, finding, sources, style);
    }
    out.push_str(&summary(report, style));
    out.push('\n');
    out
}

/// `Found 3 problems (1 error, 2 warnings) in 2 files` or `No problems found in 4 files`.
pub fn summary(report: &Report, style: Style) -> String {
    let counts = Counts::of(report);
    if counts.total() == 0 {
        let checked = plural(report.files.len(), "file", "files");
        return style.paint(Paint::Bold, &format!("No problems found in {checked}"));
    }
    let mut files: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.location.file.as_str())
        .collect();
    files.dedup();
    let text = format!(
        "Found {} ({}) in {}",
        plural(counts.total(), "problem", "problems"),
        counts.describe(),
        plural(files.len(), "file", "files"),
    );
    style.paint(Paint::Bold, &text)
}

/// A place to underline on one line, in 1-based character columns (end exclusive).
struct Annotation<'a> {
    start: usize,
    end: Option<usize>,
    primary: bool,
    label: &'a str,
}

fn render_finding(out: &mut String, finding: &Finding, sources: &Sources, style: Style) {
    let severity = Paint::Severity(finding.severity);
    let at = &finding.location;
    let _ = writeln!(
        out,
        "{}{} {}",
        style.paint(severity, &format!("{}[{}]", finding.severity, finding.rule)),
        style.paint(Paint::Bold, ":"),
        style.paint(Paint::Bold, &printable(&finding.message)),
    );

    // Annotations by line, primary first on its line; related places elsewhere become notes.
    let mut lines: BTreeMap<usize, Vec<Annotation>> = BTreeMap::new();
    let mut notes = Vec::new();
    lines.entry(at.line).or_default().push(Annotation {
        start: at.column,
        // A span over several lines is underlined on its first line, to the line's end.
        end: (at.end_line == at.line).then_some(at.end_column),
        primary: true,
        label: "",
    });
    for related in &finding.related {
        let place = &related.location;
        if place.file == at.file && sources.line(&place.file, place.line).is_some() {
            lines.entry(place.line).or_default().push(Annotation {
                start: place.column,
                end: (place.end_line == place.line).then_some(place.end_column),
                primary: false,
                label: &related.message,
            });
        } else {
            notes.push(format!(
                "{}:{}:{}: {}",
                place.file,
                place.line,
                place.column,
                printable(&related.message)
            ));
        }
    }

    let gutter_width = lines.keys().last().map_or(1, |line| line.to_string().len());
    let pad = " ".repeat(gutter_width);
    let bar = style.paint(Paint::Frame, "|");
    let _ = writeln!(
        out,
        "{pad}{} {}:{}:{}",
        style.paint(Paint::Frame, "-->"),
        at.file,
        at.line,
        at.column
    );

    let has_source = sources.line(&at.file, at.line).is_some();
    if has_source {
        let _ = writeln!(out, "{pad} {bar}");
        let mut previous: Option<usize> = None;
        for (&number, annotations) in &lines {
            let Some(text) = sources.line(&at.file, number) else {
                continue;
            };
            if previous.is_some_and(|previous| number > previous + 1) {
                let _ = writeln!(out, "{}", style.paint(Paint::Frame, "..."));
            }
            previous = Some(number);
            let number_text = format!("{number:>gutter_width$}");
            let _ = writeln!(
                out,
                "{} {bar} {}",
                style.paint(Paint::Frame, &number_text),
                printable(text)
            );
            for annotation in annotations {
                let (offset, width) = underline(text, annotation.start, annotation.end);
                let (marker, paint) = if annotation.primary {
                    ("^", severity)
                } else {
                    ("-", Paint::Frame)
                };
                let mut mark = marker.repeat(width);
                if !annotation.label.is_empty() {
                    mark.push(' ');
                    mark.push_str(&printable(annotation.label));
                }
                let _ = writeln!(
                    out,
                    "{pad} {bar} {}{}",
                    " ".repeat(offset),
                    style.paint(paint, &mark)
                );
            }
        }
    }

    let help = finding.help.as_deref().map(printable);
    if help.is_some() || !notes.is_empty() {
        if has_source {
            let _ = writeln!(out, "{pad} {bar}");
        }
        let equals = style.paint(Paint::Frame, "=");
        for note in &notes {
            let _ = writeln!(
                out,
                "{pad} {equals} {}: {note}",
                style.paint(Paint::Bold, "note")
            );
        }
        if let Some(help) = help {
            let _ = writeln!(
                out,
                "{pad} {equals} {}: {help}",
                style.paint(Paint::Bold, "help")
            );
        }
    }
    out.push('\n');
}

/// Where to start the underline and how wide to make it, in terminal cells of the printed line
/// (tabs take four cells, wide characters two). Never narrower than one cell.
fn underline(line: &str, start: usize, end: Option<usize>) -> (usize, usize) {
    let start = start.max(1);
    let end = end.unwrap_or(usize::MAX).max(start + 1);
    let mut offset = 0;
    let mut width = 0;
    for (column, c) in (1..).zip(line.chars()) {
        if column < start {
            offset += cell_width(c);
        } else if column < end {
            width += cell_width(c);
        }
    }
    (offset, width.max(1))
}

fn cell_width(c: char) -> usize {
    match c {
        '\t' => 4,
        c if c.is_control() => 1,
        c => c.width().unwrap_or(0),
    }
}

/// Text from the checked file made safe for a terminal: tabs become spaces and control
/// characters become visible symbols, so a hostile file cannot send escape sequences.
fn printable(text: &str) -> String {
    // Most lines are printable ASCII already: copy them whole.
    if text.bytes().all(|b| (b' '..b'\x7f').contains(&b)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str("    "),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('\u{2421}'),
            c if c.is_control() => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::finding::{Location, Related};
    use ballast_policy::span::{LineIndex, Span};
    use ballast_policy::{Severity, SourceFile};

    const PATH: &str = "app/Dockerfile";

    fn finding(source: &str, severity: Severity, span: Span, message: &str) -> Finding {
        let index = LineIndex::new(source);
        Finding {
            rule: "root-user",
            code: "BL1001",
            severity,
            location: Location::new(PATH, source, &index, span),
            message: message.to_string(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    fn report(source: &str, findings: Vec<Finding>) -> (Vec<SourceFile>, Report) {
        let files = vec![SourceFile::new(PATH, source)];
        let report = Report {
            version: 1,
            findings,
            files: vec![ballast_policy::engine::FileSummary {
                path: PATH.to_string(),
                kind: ballast_policy::FileKind::Dockerfile,
            }],
        };
        (files, report)
    }

    fn span_of(source: &str, needle: &str) -> Span {
        let start = source.find(needle).expect("needle in source");
        Span::new(start, start + needle.len())
    }

    #[test]
    fn renders_a_finding_like_rustc() {
        let source = "FROM python:3.12\nUSER root\n";
        let mut f = finding(
            source,
            Severity::Warning,
            span_of(source, "USER root"),
            "runs as root",
        );
        f.help = Some("add a USER".to_string());
        let (files, report) = report(source, vec![f]);
        let text = render(&report, &Sources::new(&files), Style::plain());
        let expected = "\
warning[root-user]: runs as root
 --> app/Dockerfile:2:1
  |
2 | USER root
  | ^^^^^^^^^
  |
  = help: add a USER

Found 1 problem (1 warning) in 1 file
";
        assert_eq!(text, expected);
    }

    #[test]
    fn shows_related_places_in_line_order_with_a_gap_marker() {
        let source = "FROM a AS build\nRUN x\nRUN y\nFROM b AS build\n";
        let mut f = finding(
            source,
            Severity::Error,
            span_of(source, "FROM b AS build"),
            "duplicate stage",
        );
        let index = LineIndex::new(source);
        f.related.push(Related {
            location: Location::new(PATH, source, &index, span_of(source, "build")),
            message: "first defined here".to_string(),
        });
        let (files, report) = report(source, vec![f]);
        let text = render(&report, &Sources::new(&files), Style::plain());
        let expected = "\
error[root-user]: duplicate stage
 --> app/Dockerfile:4:1
  |
1 | FROM a AS build
  |           ----- first defined here
...
4 | FROM b AS build
  | ^^^^^^^^^^^^^^^
";
        assert!(text.starts_with(expected), "{text}");
    }

    #[test]
    fn underlines_the_first_line_of_a_multi_line_span_to_its_end() {
        let source = "RUN apt-get update && \\\n    apt-get install -y curl\n";
        let f = finding(source, Severity::Info, Span::new(4, source.len() - 1), "m");
        let (files, report) = report(source, vec![f]);
        let text = render(&report, &Sources::new(&files), Style::plain());
        assert!(
            text.contains("1 | RUN apt-get update && \\\n  |     ^^^^^^^^^^^^^^^^^^^\n"),
            "{text}"
        );
    }

    #[test]
    fn columns_count_characters_and_cells() {
        // "é" is one column and one cell; "日本" are two columns of two cells each; a tab is four.
        assert_eq!(underline("é x", 3, Some(4)), (2, 1));
        assert_eq!(underline("日本 x", 4, Some(5)), (5, 1));
        assert_eq!(underline("\tx", 2, Some(3)), (4, 1));
        // An empty span or one past the end still gets a caret.
        assert_eq!(underline("ab", 3, Some(3)), (2, 1));
    }

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(printable("a\x1b[31mb\tc"), "a\u{241b}[31mb    c");
        assert_eq!(printable("\u{9b}"), "\u{fffd}");
    }

    #[test]
    fn colours_only_when_asked() {
        let source = "USER root\n";
        let f = finding(source, Severity::Error, span_of(source, "USER"), "m");
        let (files, report) = report(source, vec![f]);
        let plain = render(&report, &Sources::new(&files), Style::plain());
        assert!(!plain.contains('\x1b'));
        let coloured = render(&report, &Sources::new(&files), Style::new(true));
        assert!(
            coloured.contains("\x1b[1;31merror[root-user]\x1b[0m"),
            "{coloured}"
        );
    }

    #[test]
    fn summarises_a_clean_report() {
        let (_, report) = report("FROM a\n", vec![]);
        assert_eq!(
            summary(&report, Style::plain()),
            "No problems found in 1 file"
        );
    }
}
