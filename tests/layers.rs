//! The layers' rules that the compiler cannot see: a service fake never reaches into the engine
//! (it gets the clock from `stepstone::clock`, injected like everything else).

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

#[test]
fn services_never_import_the_engine() {
    let services = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/services");
    let offenders: Vec<String> = sources(&services)
        .into_iter()
        .filter(|(_, text)| text.contains("crate::engine") || text.contains("stepstone::engine"))
        .map(|(path, _)| path)
        .collect();
    assert!(offenders.is_empty(), "import crate::engine: {offenders:?}");
}
