//! "Did you mean ...?" for misspelt rule names.

/// The candidate closest to `name`, if it is close enough to be what was meant.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name = name.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let distance = strsim::damerau_levenshtein(&name, &candidate.to_ascii_lowercase());
            (distance, candidate)
        })
        // About one edit per three characters: a typo is forgiven, an unrelated word is not.
        .filter(|&(distance, candidate)| distance <= (candidate.len().max(name.len()) / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// `; did you mean `x`?` or nothing.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, candidates)
        .map(|candidate| format!("; did you mean `{candidate}`?"))
        .unwrap_or_default()
}

/// Every name a rule answers to (codes, names, aliases), for suggestions.
pub fn rule_names() -> impl Iterator<Item = &'static str> {
    ballast_policy::rules::all().iter().flat_map(|rule| {
        [rule.meta.code, rule.meta.name]
            .into_iter()
            .chain(rule.meta.aliases.iter().copied())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_near_name() {
        let names = ["root-user", "syntax-error", "pin-base-image"];
        assert_eq!(closest("syntax-eror", names), Some("syntax-error"));
        assert_eq!(closest("ROOT-USR", names), Some("root-user"));
    }

    #[test]
    fn suggests_nothing_for_a_distant_name() {
        assert_eq!(closest("completely-different", ["root-user"]), None);
        assert_eq!(closest("x", ["root-user"]), None);
        assert_eq!(did_you_mean("x", ["root-user"]), "");
    }
}
