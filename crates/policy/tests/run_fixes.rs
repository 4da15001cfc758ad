//! The fixes of the RUN-command rules, applied: each must turn the line into the intended one.

use ballast_policy::{check, Config, SourceFile};

/// Applies the fix of the first finding of `rule` to `source`.
fn fixed(rule: &str, source: &str) -> String {
    let report = check(&[SourceFile::new("Dockerfile", source)], &Config::default());
    let finding = report
        .findings
        .iter()
        .find(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("{rule} did not fire on {source}"));
    let fix = finding.fix.as_ref().expect("a fix");
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    let mut out = source.to_string();
    for edit in edits {
        out.replace_range(edit.span.start..edit.span.end, &edit.replacement);
    }
    out
}

fn has_fix(rule: &str, source: &str) -> bool {
    let report = check(&[SourceFile::new("Dockerfile", source)], &Config::default());
    report
        .findings
        .iter()
        .any(|f| f.rule == rule && f.fix.is_some())
}

#[test]
fn fixes_insert_the_missing_option() {
    let cases = [
        (
            "apt-missing-yes",
            "FROM debian\nRUN apt-get update && apt-get install curl\n",
            "FROM debian\nRUN apt-get update && apt-get install -y curl\n",
        ),
        (
            "apk-missing-no-cache",
            "FROM alpine\nRUN apk add \\\n    curl\n",
            "FROM alpine\nRUN apk add --no-cache \\\n    curl\n",
        ),
        (
            "yum-missing-yes",
            "FROM centos\nRUN yum install httpd && yum clean all\n",
            "FROM centos\nRUN yum install -y httpd && yum clean all\n",
        ),
        (
            "dnf-missing-yes",
            "FROM fedora\nRUN dnf groupinstall x\n",
            "FROM fedora\nRUN dnf groupinstall -y x\n",
        ),
        (
            "apt-instead-of-apt-get",
            "FROM debian\nRUN /usr/bin/apt install -y curl\n",
            "FROM debian\nRUN /usr/bin/apt-get install -y curl\n",
        ),
        (
            "useradd-without-no-log-init",
            "FROM debian\nRUN useradd -u 1000000 app\n",
            "FROM debian\nRUN useradd --no-log-init -u 1000000 app\n",
        ),
        (
            "unquoted-version-specifier",
            "FROM python\nRUN pip install flask>=3.0 gunicorn\n",
            "FROM python\nRUN pip install 'flask>=3.0' gunicorn\n",
        ),
    ];
    for (rule, source, expected) in cases {
        assert_eq!(fixed(rule, source), expected, "{rule}");
    }
}

#[test]
fn no_fix_where_the_text_is_not_the_word() {
    // Inside a quoted `sh -c` string with escapes the word is not where its value is.
    assert!(!has_fix(
        "apt-missing-yes",
        "FROM debian\nRUN sh -c \"apt-get \\\"install\\\" curl\"\n"
    ));
    // `apt list` has no apt-get equivalent.
    assert!(!has_fix(
        "apt-instead-of-apt-get",
        "FROM debian\nRUN apt list\n"
    ));
    assert!(!has_fix(
        "unquoted-version-specifier",
        "FROM python\nRUN pip install \"flask\">=3.0\n"
    ));
}
