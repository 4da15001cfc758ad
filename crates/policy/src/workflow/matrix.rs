//! `strategy.matrix` enumerated into its combinations, as GitHub Actions expands it.

use crate::yaml::{YamlKind, YamlNode};

/// One combination: `(key, value)`, nested mappings flattened to `key.sub`.
pub type Combination = Vec<(String, String)>;

/// More combinations than this and the matrix is not worth enumerating (GitHub caps at 256).
const MAX_COMBINATIONS: usize = 256;

/// The combinations of a matrix; one empty combination when there is none or it is computed
/// at run time (`${{ fromJSON(...) }}`), so every step runs at least once.
pub fn combinations(matrix: Option<&YamlNode>) -> Vec<Combination> {
    let Some(matrix) = matrix.filter(|m| m.is_map()) else {
        return vec![Vec::new()];
    };
    let mut combos: Vec<Combination> = vec![Vec::new()];
    for (key, values) in matrix.entries() {
        let Some(key) = key.as_str() else { continue };
        if key == "include" || key == "exclude" {
            continue;
        }
        let values: Vec<Combination> = values.items().iter().map(|v| flatten(key, v)).collect();
        if values.is_empty() {
            continue;
        }
        combos = combos
            .iter()
            .flat_map(|combo| {
                values
                    .iter()
                    .map(move |v| [combo.clone(), v.clone()].concat())
            })
            .take(MAX_COMBINATIONS)
            .collect();
    }
    let has_base = combos.iter().any(|c| !c.is_empty());
    if let Some(exclude) = matrix.get("exclude") {
        let excluded: Vec<Combination> = exclude.items().iter().map(flatten_map).collect();
        combos.retain(|combo| !excluded.iter().any(|e| is_subset(e, combo)));
    }
    if let Some(include) = matrix.get("include") {
        for entry in include.items() {
            apply_include(&mut combos, flatten_map(entry), has_base);
        }
    }
    if combos.is_empty() {
        combos.push(Vec::new());
    }
    combos.truncate(MAX_COMBINATIONS);
    combos
}

/// An `include` entry extends every combination it does not contradict on original keys;
/// one that extends none is added as a combination of its own.
fn apply_include(combos: &mut Vec<Combination>, entry: Combination, has_base: bool) {
    if !has_base {
        if combos.len() == 1 && combos[0].is_empty() {
            combos[0] = entry;
        } else {
            combos.push(entry);
        }
        return;
    }
    let mut extended = false;
    for combo in combos.iter_mut() {
        let contradicts = entry
            .iter()
            .any(|(k, v)| combo.iter().any(|(ck, cv)| ck == k && cv != v));
        if !contradicts {
            for (k, v) in &entry {
                if !combo.iter().any(|(ck, _)| ck == k) {
                    combo.push((k.clone(), v.clone()));
                }
            }
            extended = true;
        }
    }
    if !extended {
        combos.push(entry);
    }
}

fn is_subset(part: &Combination, whole: &Combination) -> bool {
    part.iter().all(|pair| whole.contains(pair))
}

fn flatten_map(node: &YamlNode) -> Combination {
    node.entries()
        .iter()
        .filter_map(|(k, v)| Some(flatten(k.as_str()?, v)))
        .flatten()
        .collect()
}

fn flatten(key: &str, value: &YamlNode) -> Combination {
    match &value.kind {
        YamlKind::Scalar(text) => vec![(key.to_string(), text.clone())],
        YamlKind::Map(entries) => entries
            .iter()
            .filter_map(|(k, v)| Some(flatten(&format!("{key}.{}", k.as_str()?), v)))
            .flatten()
            .collect(),
        YamlKind::Seq(_) | YamlKind::Null => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn combos(source: &str) -> Vec<Combination> {
        let root = yaml::parse(source).root.unwrap();
        combinations(root.get("matrix"))
    }

    fn pairs(list: &[(&str, &str)]) -> Combination {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn product_exclude_and_include() {
        let got = combos(
            "matrix:\n  app: [api, web]\n  arch: [amd64, arm64]\n  exclude:\n    - {app: web, arch: arm64}\n  include:\n    - {app: api, file: api/Dockerfile}\n    - {app: docs}\n",
        );
        assert_eq!(
            got,
            [
                pairs(&[
                    ("app", "api"),
                    ("arch", "amd64"),
                    ("file", "api/Dockerfile")
                ]),
                pairs(&[
                    ("app", "api"),
                    ("arch", "arm64"),
                    ("file", "api/Dockerfile")
                ]),
                pairs(&[("app", "web"), ("arch", "amd64")]),
                pairs(&[("app", "docs")]),
            ]
        );
    }

    #[test]
    fn include_only_and_nested_values() {
        let got = combos("matrix:\n  include:\n    - image: {name: api, context: ./api}\n    - image: {name: web, context: ./web}\n");
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1],
            pairs(&[("image.name", "web"), ("image.context", "./web")])
        );
    }

    #[test]
    fn computed_or_missing_matrix_runs_once() {
        assert_eq!(
            combos("matrix: ${{ fromJSON(needs.a.outputs.m) }}\n"),
            [Vec::new()]
        );
        assert_eq!(combos("other: 1\n"), [Vec::new()]);
    }
}
