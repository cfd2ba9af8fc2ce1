//! Temporary directories that a Stepstone server which did not stop cleanly (killed, crashed,
//! out of memory) left behind: its unpacked function code (`stepstone-<pid>-<id>`) and runtime
//! bootstraps (`stepstone-runtimes-<pid>-<id>`). The next server to start removes those whose
//! server is no longer running.

use std::path::Path;

/// Removes from `temp` the directories of servers that are no longer running, and returns how
/// many it removed. A directory whose server may still run is left alone.
pub fn remove_stale(temp: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()))
        .filter(|entry| owner(&entry.file_name().to_string_lossy()).is_some_and(|pid| !alive(pid)))
        .filter(|entry| std::fs::remove_dir_all(entry.path()).is_ok())
        .count()
}

/// The pid of the server that made a directory called `name`, if it is one of those names.
fn owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix("stepstone-")?;
    let rest = rest.strip_prefix("runtimes-").unwrap_or(rest);
    let (pid, id) = rest.split_once('-')?;
    let ours = id.len() == 32
        && id.bytes().all(|b| b.is_ascii_hexdigit())
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit());
    ours.then(|| pid.parse().ok()).flatten()
}

/// Whether process `pid` exists. Where that cannot be known, it is taken to exist. (A pid taken
/// over by an unrelated process keeps the directories until that one ends too: harmless. Pids
/// are those of this pid namespace: servers in containers that share one temporary directory
/// cannot see each other's, and each needs its own `TMPDIR`.)
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    use nix::errno::Errno;
    use nix::sys::signal::kill;
    use nix::unistd::Pid;
    let Ok(pid) = i32::try_from(pid) else {
        return true;
    };
    // Signal 0 checks without sending anything; EPERM means it exists, as another user's.
    pid <= 0 || kill(Pid::from_raw(pid), None) != Err(Errno::ESRCH)
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tell_their_server() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(owner(&format!("stepstone-42-{id}")), Some(42));
        assert_eq!(owner(&format!("stepstone-runtimes-42-{id}")), Some(42));
        for other in [
            format!("stepstone-42-{id}x"),
            format!("stepstone--{id}"),
            format!("stepstone-4x2-{id}"),
            "stepstone-config-42".to_owned(),
            "stepstone-approvals-42-order".to_owned(),
            format!("other-42-{id}"),
        ] {
            assert_eq!(owner(&other), None, "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn only_dead_servers_directories_go() {
        let temp = std::env::temp_dir().join(format!(
            "stepstone-leftovers-test-{}",
            uuid::Uuid::new_v4().simple()
        ));
        let id = "0123456789abcdef0123456789abcdef";
        // Above any pid_max Linux allows (2^22), so no process has it.
        let dead = format!("stepstone-999999999-{id}");
        let live = format!("stepstone-runtimes-{}-{id}", std::process::id());
        for name in [&dead, &live] {
            std::fs::create_dir_all(temp.join(name).join("f-1")).unwrap();
        }
        std::fs::write(
            temp.join(format!("stepstone-999999998-{id}")),
            "a file, not ours",
        )
        .unwrap();
        assert_eq!(remove_stale(&temp), 1);
        assert!(!temp.join(&dead).exists());
        assert!(temp.join(&live).exists(), "this process is alive");
        assert!(temp.join(format!("stepstone-999999998-{id}")).exists());
        std::fs::remove_dir_all(&temp).unwrap();
    }
}
