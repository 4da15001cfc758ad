//! The hidden markers by which a re-run recognises what ballast posted before.
//!
//! Each inline comment carries its finding's fingerprint (`crate::fingerprint`: rule, file, the
//! flagged line's text, occurrence; not the line number, so a finding pushed down the file
//! keeps it), and the summary review carries [`SUMMARY_MARKER`].

const FINGERPRINT_MARKER: &str = "<!-- ballast:fingerprint=";
/// Hidden in the body of the review that summarises a run.
pub const SUMMARY_MARKER: &str = "<!-- ballast:summary -->";

/// The hidden marker that carries `fingerprint` in a comment body.
pub fn marker(fingerprint: &str) -> String {
    format!("{FINGERPRINT_MARKER}{fingerprint} -->")
}

/// The fingerprint in a comment body ballast posted, if it is one.
pub fn parse_marker(body: &str) -> Option<&str> {
    let start = body.find(FINGERPRINT_MARKER)? + FINGERPRINT_MARKER.len();
    let rest = &body[start..];
    let end = rest.find(" -->")?;
    Some(&rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip() {
        let body = format!("**warning** text\n\n{}", marker("00ff00ff00ff00ff"));
        assert_eq!(parse_marker(&body), Some("00ff00ff00ff00ff"));
        assert_eq!(parse_marker("a human comment"), None);
    }
}
