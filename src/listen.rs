//! Binding the port and telling whoever spawned the server where it listens: with `--port 0`
//! the system picks the port, and a test harness learns it from the log or the ready file.

use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;

/// The address clients connect to for a listener bound to `local`: a wildcard address
/// (`0.0.0.0`, `::`) is not one they can connect to, so the loopback address of its family
/// stands in.
pub fn connect_address(local: SocketAddr) -> SocketAddr {
    let ip = match local.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(ip) if ip.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, local.port())
}

/// Writes `address` (`127.0.0.1:41234`, no newline) to `path`. The text goes to a temporary
/// file beside it first and is then renamed into place, so a harness that sees the file never
/// reads half of it.
pub fn write_ready_file(path: &Path, address: SocketAddr) -> io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(format!(".{}.tmp", std::process::id()));
    std::fs::write(&temporary, address.to_string())?;
    std::fs::rename(&temporary, path)
}

/// Removes a ready file, so that one left by an earlier run never names a port nobody serves.
/// A file that is not there is fine.
pub fn remove_ready_file(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_addresses_connect_through_loopback() {
        let cases = [
            ("0.0.0.0:8083", "127.0.0.1:8083"),
            ("[::]:8083", "[::1]:8083"),
            ("192.168.1.5:9000", "192.168.1.5:9000"),
        ];
        for (bound, connect) in cases {
            let bound: SocketAddr = bound.parse().unwrap();
            assert_eq!(connect_address(bound).to_string(), connect);
        }
    }

    #[test]
    fn the_ready_file_holds_the_address_alone() {
        let path = std::env::temp_dir().join(format!("stepstone-ready-{}", std::process::id()));
        write_ready_file(&path, "127.0.0.1:41234".parse().unwrap()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "127.0.0.1:41234");
        remove_ready_file(&path).unwrap();
        assert!(!path.exists());
        remove_ready_file(&path).expect("a missing file is fine");
    }
}
