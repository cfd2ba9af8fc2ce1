//! The recorded AWS cases (`conformance-tests/cases/`, provenance in its README), for the
//! language's own tests. They are part of the repository: a missing corpus is a broken checkout,
//! so it fails the test instead of letting it pass with nothing checked.

use serde_json::Value;
use std::path::PathBuf;

/// The cases folder, relative to this package.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance-tests/cases")
}

/// Every recorded case whose file name starts with `prefix`, as (file name, case), in file-name
/// order. Panics when the folder is missing or holds no such case.
pub fn load(prefix: &str) -> Vec<(String, Value)> {
    let dir = dir();
    let entries = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("recorded cases missing at {}: {e}", dir.display()));
    let mut names: Vec<String> = entries
        .map(|e| {
            e.expect("directory entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with(prefix) && n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(
        !names.is_empty(),
        "no recorded cases '{prefix}*' in {}",
        dir.display()
    );
    names
        .into_iter()
        .map(|name| {
            let text = std::fs::read_to_string(dir.join(&name)).expect("readable case");
            let case = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, case)
        })
        .collect()
}
