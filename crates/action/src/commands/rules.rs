//! `ballast rules`: the rule catalogue as an aligned table, JSON, or the generated Markdown docs.

use crate::cli::{ListFormat, RulesArgs};
use crate::error::{CliError, Result};
use crate::output::Output;
use ballast_policy::rules::{self, RuleMeta};
use serde::Serialize;

pub fn run(args: &RulesArgs) -> Result<Output> {
    let metas: Vec<&RuleMeta> = rules::all().iter().map(|rule| &rule.meta).collect();
    let text = match args.format {
        ListFormat::Human => table(&metas),
        ListFormat::Json => json(&metas)?,
        ListFormat::Markdown => ballast_policy::docs::rules_markdown(),
        ListFormat::Parity => ballast_policy::docs::parity_markdown(),
    };
    Ok(Output::success(text))
}

/// `CODE  NAME  SEVERITY  SUMMARY`, columns padded to their widest cell.
pub fn table(metas: &[&RuleMeta]) -> String {
    let rows: Vec<[String; 4]> = metas
        .iter()
        .map(|meta| {
            [
                meta.code.to_string(),
                meta.name.to_string(),
                meta.severity.to_string(),
                meta.summary(),
            ]
        })
        .collect();
    let header = ["CODE", "NAME", "SEVERITY", "SUMMARY"].map(String::from);
    let mut widths = [0; 3];
    for row in std::iter::once(&header).chain(&rows) {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in std::iter::once(&header).chain(&rows) {
        let [code, name, severity, summary] = row;
        let line = format!(
            "{code:<w0$}  {name:<w1$}  {severity:<w2$}  {summary}",
            w0 = widths[0],
            w1 = widths[1],
            w2 = widths[2]
        );
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct RuleEntry<'a> {
    code: &'a str,
    name: &'a str,
    aliases: &'a [&'a str],
    severity: ballast_policy::Severity,
    tags: &'a [&'a str],
    summary: String,
}

fn json(metas: &[&RuleMeta]) -> Result<String> {
    let entries: Vec<RuleEntry> = metas
        .iter()
        .map(|meta| RuleEntry {
            code: meta.code,
            name: meta.name,
            aliases: meta.aliases,
            severity: meta.severity,
            tags: meta.tags,
            summary: meta.summary(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&entries)
        .map_err(|err| CliError::new(format!("cannot write the rules as JSON: {err}")))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ballast_policy::Severity;

    #[test]
    fn table_columns_line_up() {
        let short = RuleMeta {
            code: "BL1",
            name: "a",
            severity: Severity::Error,
            tags: &[],
            aliases: &[],
            seeds: &[],
            docs: " ## What it does\n Finds a.\n",
        };
        let long = RuleMeta {
            code: "BL1002",
            name: "a-longer-name",
            severity: Severity::Info,
            tags: &[],
            aliases: &[],
            seeds: &[],
            docs: " ## What it does\n Finds b.\n",
        };
        assert_eq!(
            table(&[&short, &long]),
            "\
CODE    NAME           SEVERITY  SUMMARY
BL1     a              error     Finds a.
BL1002  a-longer-name  info      Finds b.
"
        );
    }
}
