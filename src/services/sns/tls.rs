//! TLS for https subscriptions: the system's trusted certificates (so a CA that mkcert or an
//! administrator installed works), plus the extra roots `--sns-extra-ca` names. Server
//! certificates are always verified, as AWS verifies them.

use rustls::ClientConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use std::path::Path;
use std::sync::{Arc, Mutex};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;

/// The roots https deliveries trust, and the client configuration built from them on first
/// use (reading the system's store takes a while, and most runs never need it).
#[derive(Debug, Default)]
pub(super) struct Tls {
    extra: Mutex<Vec<CertificateDer<'static>>>,
    config: Mutex<Option<Arc<ClientConfig>>>,
}

impl Tls {
    /// Trusts `roots` besides the system's certificates from now on.
    pub fn add_roots(&self, roots: Vec<CertificateDer<'static>>) {
        self.extra
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend(roots);
        *self.config.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// A TLS connection to `host` over `stream`, the server's certificate verified.
    pub async fn connect(
        &self,
        host: &str,
        stream: TcpStream,
    ) -> Result<TlsStream<TcpStream>, String> {
        let name = ServerName::try_from(host.to_owned()).map_err(|e| e.to_string())?;
        let connector = TlsConnector::from(self.client_config()?);
        connector
            .connect(name, stream)
            .await
            .map_err(|e| format!("TLS: {e}"))
    }

    fn client_config(&self) -> Result<Arc<ClientConfig>, String> {
        let mut config = self.config.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(built) = config.as_ref() {
            return Ok(built.clone());
        }
        let extra = self.extra.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let built = Arc::new(build(extra)?);
        *config = Some(built.clone());
        Ok(built)
    }
}

/// A client configuration trusting the system's roots and `extra`, with the `ring`
/// provider. Certificates the system store holds but rustls cannot read are skipped.
fn build(extra: Vec<CertificateDer<'static>>) -> Result<ClientConfig, String> {
    let mut roots = rustls::RootCertStore::empty();
    let system = rustls_native_certs::load_native_certs();
    for error in &system.errors {
        tracing::debug!(target: "sns", "system certificates: {error}");
    }
    let (_, ignored) = roots.add_parsable_certificates(system.certs);
    let (_, bad_extra) = roots.add_parsable_certificates(extra);
    if ignored + bad_extra > 0 {
        tracing::debug!(target: "sns", "{} unusable root certificates skipped", ignored + bad_extra);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?;
    Ok(config.with_root_certificates(roots).with_no_client_auth())
}

/// The certificates of a PEM file (`--sns-extra-ca`), or why they cannot be read.
pub fn read_roots(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let certificates: Vec<_> = CertificateDer::pem_file_iter(path)
        .map_err(|e| e.to_string())?
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    match certificates.is_empty() {
        true => Err("no PEM certificate in the file".into()),
        false => Ok(certificates),
    }
}
