//! Narrowing a report to what is new: findings a baseline accepts and findings away from the
//! changed lines are dropped, each with its fingerprint.

use crate::baseline::Baseline;
use crate::changes::ChangedLines;
use crate::render::Sources;
use ballast_policy::{Finding, Report};

/// A report with one fingerprint per finding, kept in step as findings are dropped.
pub struct Fingerprinted {
    pub report: Report,
    pub fingerprints: Vec<String>,
}

impl Fingerprinted {
    /// Drops the findings the baseline accepts; returns how many.
    pub fn drop_baselined(&mut self, baseline: &Baseline) -> usize {
        let accepted = baseline.accepts(&self.fingerprints);
        self.retain(|index, _| !accepted[index]);
        accepted.iter().filter(|&&known| known).count()
    }

    /// Keeps the findings a change can have caused (see [`is_on_changed_lines`]).
    pub fn keep_changed(&mut self, changed: &ChangedLines, sources: &Sources) {
        self.retain(|_, finding| is_on_changed_lines(finding, changed, sources));
    }

    fn retain(&mut self, mut keep: impl FnMut(usize, &Finding) -> bool) {
        let findings = std::mem::take(&mut self.report.findings);
        let prints = std::mem::take(&mut self.fingerprints);
        for (index, (finding, print)) in findings.into_iter().zip(prints).enumerate() {
            if keep(index, &finding) {
                self.report.findings.push(finding);
                self.fingerprints.push(print);
            }
        }
    }
}

/// A finding of a changed file that a change can have caused: on a changed line, with a related
/// place on one, or about the file as a whole (an empty span at its start, or all of it).
pub fn is_on_changed_lines(finding: &Finding, changed: &ChangedLines, sources: &Sources) -> bool {
    let at = &finding.location;
    if !changed.contains_file(&at.file) {
        return false;
    }
    let whole_file = at.line == 1
        && at.column == 1
        && ((at.end_line, at.end_column) == (1, 1)
            || sources
                .line_count(&at.file)
                // The last line, or the empty one after a final newline.
                .is_some_and(|count| at.end_line + 1 >= count));
    whole_file
        || changed.touches(&at.file, at.line, at.end_line)
        || finding.related.iter().any(|related| {
            let place = &related.location;
            place.file == at.file && changed.touches(&place.file, place.line, place.end_line)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::finding::{Location, Related};
    use ballast_policy::span::{LineIndex, Span};
    use ballast_policy::{Severity, SourceFile};

    const SOURCE: &str = "FROM a AS x\nRUN one\nRUN two\nFROM b AS x\n";

    fn finding(span: Span) -> Finding {
        let index = LineIndex::new(SOURCE);
        Finding {
            rule: "r",
            code: "BL9999",
            severity: Severity::Warning,
            location: Location::new("Dockerfile", SOURCE, &index, span),
            message: String::new(),
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    fn line_span(line: usize) -> Span {
        let index = LineIndex::new(SOURCE);
        index.line_span(SOURCE, line)
    }

    #[test]
    fn keeps_changed_lines_related_places_and_whole_file_findings() {
        let files = [SourceFile::new("Dockerfile", SOURCE)];
        let sources = Sources::new(&files);
        let mut changed = ChangedLines::new();
        changed.add_line("Dockerfile", 3);

        assert!(is_on_changed_lines(
            &finding(line_span(3)),
            &changed,
            &sources
        ));
        assert!(!is_on_changed_lines(
            &finding(line_span(2)),
            &changed,
            &sources
        ));
        // A span over lines 2-3 touches the change.
        let two_lines = line_span(2).cover(line_span(3));
        assert!(is_on_changed_lines(&finding(two_lines), &changed, &sources));
        // About the whole file.
        assert!(is_on_changed_lines(
            &finding(Span::empty(0)),
            &changed,
            &sources
        ));
        let everything = Span::new(0, SOURCE.len());
        assert!(is_on_changed_lines(
            &finding(everything),
            &changed,
            &sources
        ));
        // Reported on line 4 but caused by line 3.
        let mut duplicate = finding(line_span(4));
        duplicate.related.push(Related {
            location: finding(line_span(3)).location,
            message: String::new(),
        });
        assert!(is_on_changed_lines(&duplicate, &changed, &sources));
        // A file the change did not touch.
        let mut elsewhere = finding(line_span(3));
        elsewhere.location.file = "other/Dockerfile".to_string();
        assert!(!is_on_changed_lines(&elsewhere, &changed, &sources));
    }
}
