//! The module boundaries of issue 13, checked on the sources: the engine and the integrations
//! never import the Step Functions control plane (they reach it through the engine's
//! `StepFunctions` handle), the store knows nothing of what it stores, and `asl` stays pure.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir)];
    while let Some(path) = pending.pop() {
        if path.is_dir() {
            pending.extend(fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found
}

/// The files under `src/<dir>` that mention any of `forbidden`.
fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    sources(dir)
        .into_iter()
        .filter(|file| {
            let text = fs::read_to_string(file).unwrap();
            forbidden.iter().any(|f| text.contains(f))
        })
        .map(|file| file.display().to_string())
        .collect()
}

#[test]
fn the_engine_and_the_integrations_never_import_the_control_plane() {
    assert_eq!(
        offenders("engine", &["crate::sfn", "crate::integrations"]),
        Vec::<String>::new()
    );
    assert_eq!(
        offenders("integrations", &["crate::sfn"]),
        Vec::<String>::new()
    );
}

#[test]
fn the_store_knows_nothing_of_what_it_stores() {
    let others = [
        "crate::engine",
        "crate::sfn",
        "crate::services",
        "crate::integrations",
    ];
    assert_eq!(offenders("store", &others), Vec::<String>::new());
}

#[test]
fn asl_is_pure() {
    let others = [
        "crate::engine",
        "crate::integrations",
        "crate::sfn",
        "crate::services",
        "crate::protocol",
        "crate::store",
        "tokio",
    ];
    assert_eq!(offenders("asl", &others), Vec::<String>::new());
}
