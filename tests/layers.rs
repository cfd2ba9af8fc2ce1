//! The layers' rules that the compiler cannot see: a service fake never reaches into the engine
//! (it gets the clock from `stepstone::clock`, injected like everything else); the engine and
//! the integrations never import the Step Functions control plane (they reach it through the
//! engine's `StepFunctions` handle); the store knows nothing of what it stores; `asl` is pure.

use std::path::Path;

/// Every Rust file under `dir`, with its text.
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source directory") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            found.push((path.display().to_string(), text));
        }
    }
    found
}

/// The files under `src/<dir>` that mention any of `forbidden`.
fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    sources(&dir)
        .into_iter()
        .filter(|(_, text)| forbidden.iter().any(|f| text.contains(f)))
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn services_never_import_the_engine() {
    let offenders = offenders("services", &["crate::engine", "stepstone::engine"]);
    assert!(offenders.is_empty(), "import crate::engine: {offenders:?}");
}

#[test]
fn the_engine_and_the_integrations_never_import_the_control_plane() {
    let engine = offenders("engine", &["crate::sfn", "crate::integrations"]);
    assert!(
        engine.is_empty(),
        "import crate::sfn or integrations: {engine:?}"
    );
    let integrations = offenders("integrations", &["crate::sfn"]);
    assert!(
        integrations.is_empty(),
        "import crate::sfn: {integrations:?}"
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
    let offenders = offenders("store", &others);
    assert!(
        offenders.is_empty(),
        "import what the store keeps: {offenders:?}"
    );
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
        "crate::clock",
        "tokio",
    ];
    let offenders = offenders("asl", &others);
    assert!(offenders.is_empty(), "asl imports: {offenders:?}");
}
