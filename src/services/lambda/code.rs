//! A function's deployment package: the zip as uploaded, its digest, and the directory it is
//! unpacked into for the runtime processes (removed when no version uses it any more).

use super::error::{LambdaError, LambdaResult};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// AWS's limit on a package's unzipped size.
const UNZIPPED_LIMIT: u64 = 262_144_000;

/// An unpacked deployment package.
#[derive(Debug)]
pub struct Code {
    /// Where the zip was unpacked: the functions's task root.
    pub dir: PathBuf,
    /// Base64 SHA-256 of the zip, as `CodeSha256` reports it.
    pub sha256: String,
    /// The zip's size in bytes (`CodeSize`).
    pub size: u64,
}

impl Drop for Code {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Where packages are unpacked: one directory per server, removed with it.
#[derive(Debug)]
pub struct CodeStore {
    root: PathBuf,
    next: AtomicU64,
}

impl CodeStore {
    /// A fresh directory under the system's temporary directory.
    pub fn new() -> Self {
        let root = std::env::temp_dir().join(format!(
            "stepstone-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        CodeStore {
            root,
            next: AtomicU64::new(1),
        }
    }

    /// Unpacks a zip for `function`. Bad archives are `InvalidParameterValueException`, with
    /// AWS's wording.
    pub fn unpack(&self, function: &str, zip: &[u8]) -> LambdaResult<Code> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let dir = self.root.join(format!("{function}-{n}"));
        let sha256 = BASE64.encode(Sha256::digest(zip));
        // From here on, dropping `code` removes whatever was written.
        let code = Code {
            dir,
            sha256,
            size: zip.len() as u64,
        };
        extract(zip, &code.dir)?;
        Ok(code)
    }
}

impl Default for CodeStore {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for CodeStore {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn unreadable() -> LambdaError {
    LambdaError::InvalidParameterValue(
        "Could not unzip uploaded file. Please check your file, then try to upload again."
            .to_owned(),
    )
}

fn io_failure(error: std::io::Error) -> LambdaError {
    LambdaError::Service(format!("Cannot unpack the function's code: {error}"))
}

/// A failure to place an entry: a file and a directory of the same name (or a path through a
/// file) is a bad archive; anything else is the server's own trouble.
fn misplaced(error: std::io::Error) -> LambdaError {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::AlreadyExists | ErrorKind::NotADirectory | ErrorKind::IsADirectory => {
            unreadable()
        }
        _ => io_failure(error),
    }
}

/// Unpacks every entry of `zip` under `dir`. Symbolic links are kept, as AWS keeps them, but
/// made last (so no entry is ever written through one) and only if they point inside `dir`.
fn extract(zip: &[u8], dir: &Path) -> LambdaResult<()> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).map_err(|_| unreadable())?;
    std::fs::create_dir_all(dir).map_err(io_failure)?;
    let mut total = 0u64;
    let mut links = Vec::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).map_err(|_| unreadable())?;
        // Entries that would land outside the directory (`../x`, absolute paths) are skipped.
        let Some(relative) = entry.enclosed_name() else {
            continue;
        };
        let path = dir.join(&relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&path).map_err(misplaced)?;
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(misplaced)?;
        }
        let bytes = read_entry(&mut entry, &mut total)?;
        if entry.is_symlink() {
            links.push((relative, bytes));
            continue;
        }
        std::fs::write(&path, &bytes).map_err(misplaced)?;
        set_mode(&path, entry.unix_mode(), relative == Path::new("bootstrap"))?;
    }
    for (relative, target) in &links {
        let target = String::from_utf8(target.clone()).map_err(|_| unreadable())?;
        symlink(&target, &dir.join(relative)).map_err(misplaced)?;
    }
    links
        .iter()
        .try_for_each(|(relative, target)| stays_inside(dir, relative, target))
}

/// An entry's contents (a file's bytes, a link's target), counted against the unzipped limit.
fn read_entry(
    entry: &mut zip::read::ZipFile<'_, impl Read>,
    total: &mut u64,
) -> LambdaResult<Vec<u8>> {
    let mut bytes = Vec::with_capacity(entry.size().min(UNZIPPED_LIMIT) as usize);
    entry
        .by_ref()
        .take(UNZIPPED_LIMIT - *total + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| unreadable())?;
    *total += bytes.len() as u64;
    if *total > UNZIPPED_LIMIT {
        return Err(LambdaError::InvalidParameterValue(format!(
            "Unzipped size must be smaller than {UNZIPPED_LIMIT} bytes"
        )));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn symlink(target: &str, path: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, path)
}

#[cfg(not(unix))]
fn symlink(_: &str, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "symbolic links in packages are supported on Unix only",
    ))
}

/// Refuses the link at `relative` unless it resolves inside `dir`: followed through every link
/// when its target exists (links made earlier may climb out together), by its path when not.
/// AWS keeps every link; Stepstone, which unpacks on the user's own machine, keeps only these.
fn stays_inside(dir: &Path, relative: &Path, target: &[u8]) -> LambdaResult<()> {
    let link = dir.join(relative);
    let inside = match (std::fs::canonicalize(&link), std::fs::canonicalize(dir)) {
        (Ok(resolved), Ok(root)) => resolved.starts_with(root),
        _ => lexically_inside(relative, Path::new(&*String::from_utf8_lossy(target))),
    };
    match inside {
        true => Ok(()),
        false => Err(LambdaError::InvalidParameterValue(format!(
            "Could not unzip uploaded file: the symbolic link '{}' points outside the package ('{}'), which Stepstone does not allow.",
            relative.display(),
            String::from_utf8_lossy(target)
        ))),
    }
}

/// Whether `target`, read from the directory holding `link`, names a path inside the package
/// without leaving it on the way.
fn lexically_inside(link: &Path, target: &Path) -> bool {
    use std::path::Component;
    let mut depth = link.components().count().saturating_sub(1);
    for component in target.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}

/// Keeps the archive's permission bits, so executables stay executable. A top-level
/// `bootstrap` is always executable: zips made on Windows carry no modes, and AWS runs it anyway.
#[cfg(unix)]
fn set_mode(path: &Path, mode: Option<u32>, bootstrap: bool) -> LambdaResult<()> {
    use std::os::unix::fs::PermissionsExt;
    let mut mode = mode.unwrap_or(0o644) & 0o777 | 0o400;
    if bootstrap {
        mode |= 0o555;
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(io_failure)
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: Option<u32>, _: bool) -> LambdaResult<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in files {
            writer.start_file(*name, options).unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn unpacks_and_digests_a_package() {
        let store = CodeStore::new();
        let zip = zip_of(&[("handler.py", "x = 1\n"), ("lib/util.py", "y = 2\n")]);
        let code = store.unpack("f", &zip).unwrap();
        assert_eq!(
            std::fs::read_to_string(code.dir.join("lib/util.py")).unwrap(),
            "y = 2\n"
        );
        assert_eq!(code.size, zip.len() as u64);
        assert_eq!(code.sha256, BASE64.encode(Sha256::digest(&zip)));
        let dir = code.dir.clone();
        drop(code);
        assert!(!dir.exists(), "the unpacked code goes with its last user");
    }

    #[cfg(unix)]
    #[test]
    fn bootstrap_is_executable() {
        use std::os::unix::fs::PermissionsExt;
        let store = CodeStore::new();
        let code = store
            .unpack("f", &zip_of(&[("bootstrap", "#!/bin/sh\n")]))
            .unwrap();
        let mode = std::fs::metadata(code.dir.join("bootstrap"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o111, 0o111);
    }

    /// A zip of files, directories (names ending in `/`) and, where a target is given, symbolic
    /// links.
    fn zip_with_links(entries: &[(&str, Option<&str>)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, target) in entries {
            match (name.ends_with('/'), target) {
                (true, _) => writer.add_directory(*name, options).unwrap(),
                (false, Some(target)) => writer.add_symlink(*name, *target, options).unwrap(),
                (false, None) => {
                    writer.start_file(*name, options).unwrap();
                    writer.write_all(b"x = 1\n").unwrap();
                }
            }
        }
        writer.finish().unwrap().into_inner()
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_inside_the_package_are_kept() {
        let zip = zip_with_links(&[
            ("lib/real.py", None),
            ("alias.py", Some("lib/real.py")),
            ("lib/again.py", Some("../alias.py")),
            ("lib/here", Some(".")),
            ("dangling", Some("lib/missing.py")),
        ]);
        let store = CodeStore::new();
        let code = store.unpack("f", &zip).unwrap();
        let link = code.dir.join("lib/again.py");
        assert_eq!(std::fs::read_link(&link).unwrap(), Path::new("../alias.py"));
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "x = 1\n");
        assert!(code.dir.join("lib/here/real.py").exists());
        assert!(code.dir.join("dangling").is_symlink());
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_out_of_the_package_are_refused() {
        let escapes: [&[(&str, Option<&str>)]; 4] = [
            &[("evil", Some("../../../etc/passwd"))],
            &[("evil", Some("/etc"))],
            &[("lib/evil", Some("../.."))],
            // Each is harmless alone; together the second climbs out through the first.
            &[("here", Some(".")), ("evil", Some("here/.."))],
        ];
        for entries in escapes {
            let err = CodeStore::new()
                .unpack("f", &zip_with_links(entries))
                .unwrap_err();
            assert_eq!(err.code(), "InvalidParameterValueException", "{entries:?}");
            assert!(err.message().contains("points outside"), "{err}");
        }
    }

    #[test]
    fn a_file_and_a_directory_of_one_name_is_a_bad_zip() {
        for entries in [
            &[("a", None), ("a/b", None)][..],
            &[("a/", None), ("a", None)],
            &[("a", None), ("a/", None)],
            &[("a/b", None), ("a", Some("b"))],
        ] {
            let err = CodeStore::new()
                .unpack("f", &zip_with_links(entries))
                .unwrap_err();
            assert_eq!(err.code(), "InvalidParameterValueException", "{entries:?}");
            assert_eq!(
                err.message(),
                "Could not unzip uploaded file. Please check your file, then try to upload again."
            );
        }
    }

    #[test]
    fn garbage_is_not_a_zip() {
        let err = CodeStore::new().unpack("f", b"not a zip").unwrap_err();
        assert_eq!(err.code(), "InvalidParameterValueException");
        assert!(err.message().starts_with("Could not unzip uploaded file"));
    }
}
