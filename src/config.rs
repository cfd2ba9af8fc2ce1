//! Command-line flags and environment variables. Names follow AWS Step Functions Local where it
//! has one (`AWS_DEFAULT_REGION`, `AWS_ACCOUNT_ID`, `SFN_MOCK_CONFIG`).

use crate::logging::LogFormat;
use clap::Parser;
use std::path::PathBuf;

/// How the server is configured.
#[derive(Debug, Clone, Parser)]
#[command(
    name = "stepstone",
    version,
    about = "A local AWS Step Functions emulator"
)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "STEPSTONE_HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on (8083 is AWS Step Functions Local's).
    #[arg(long, env = "STEPSTONE_PORT", default_value_t = 8083)]
    pub port: u16,
    /// Region used in every ARN the server mints.
    #[arg(long, env = "AWS_DEFAULT_REGION", default_value = "us-east-1", value_parser = parse_region)]
    pub region: String,
    /// Twelve-digit account id used in every ARN the server mints.
    #[arg(long = "account-id", env = "AWS_ACCOUNT_ID", default_value = "123456789012", value_parser = parse_account)]
    pub account_id: String,
    /// Multiplies every wait (Wait states, retry back-off, timeouts); 0 skips waiting.
    #[arg(
        long = "wait-time-scale",
        env = "WAIT_TIME_SCALE",
        default_value_t = 1.0,
        value_parser = parse_wait_time_scale,
        allow_negative_numbers = true
    )]
    pub wait_time_scale: f64,
    /// A Step Functions Local mock configuration file (`MockConfigFile.json`): executions started
    /// as `<stateMachineArn>#<TestCase>` answer that test case's Task states from it.
    #[arg(long = "mock-config", env = "SFN_MOCK_CONFIG", value_name = "PATH")]
    pub mock_config: Option<PathBuf>,
    /// Time stands still until `POST /_stepstone/clock/advance` moves it, so tests control
    /// Wait states, back-offs, timeouts and every date the services write exactly.
    #[arg(long = "manual-clock", env = "STEPSTONE_MANUAL_CLOCK")]
    pub manual_clock: bool,
    /// Send Lambda tasks to this Lambda-compatible endpoint (e.g. `sam local start-lambda`'s
    /// `http://127.0.0.1:3001`) instead of running them in Stepstone's own Lambda.
    #[arg(long = "lambda-endpoint", env = "LAMBDA_ENDPOINT", value_name = "URL")]
    pub lambda_endpoint: Option<String>,
    /// Host names to accept besides loopback ones while listening on loopback (comma-separated,
    /// e.g. a name that a container or /etc/hosts gives this machine). Other names are refused
    /// as DNS rebinding attempts.
    #[arg(
        long = "allowed-hosts",
        env = "STEPSTONE_ALLOWED_HOSTS",
        value_delimiter = ',',
        value_name = "NAMES"
    )]
    pub allowed_hosts: Vec<String>,
    /// A PEM file of CA certificates SNS trusts, besides the system's, when it delivers to
    /// https subscriptions (e.g. a local CA that signed a test endpoint's certificate).
    #[arg(
        long = "sns-extra-ca",
        env = "STEPSTONE_SNS_EXTRA_CA",
        value_name = "PATH"
    )]
    pub sns_extra_ca: Option<PathBuf>,
    /// How many finished executions are kept (the oldest are forgotten first).
    #[arg(
        long = "max-finished-executions",
        env = "STEPSTONE_MAX_FINISHED_EXECUTIONS",
        default_value_t = 10_000,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub max_finished_executions: u32,
    /// How many days a finished execution is kept, on Stepstone's clock (AWS keeps 90).
    #[arg(
        long = "execution-retention-days",
        env = "STEPSTONE_EXECUTION_RETENTION_DAYS",
        default_value_t = 90,
        value_parser = clap::value_parser!(u32).range(1..=36_500)
    )]
    pub execution_retention_days: u32,
    /// How many state machines the account may have (AWS's default quota is 10,000).
    #[arg(
        long = "max-state-machines",
        env = "STEPSTONE_MAX_STATE_MACHINES",
        default_value_t = 10_000,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub max_state_machines: u32,
    /// How many activities the account may have (AWS's default quota is 10,000).
    #[arg(
        long = "max-activities",
        env = "STEPSTONE_MAX_ACTIVITIES",
        default_value_t = 10_000,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub max_activities: u32,
    /// How many standard executions may run at once (AWS's default quota is 1,000,000).
    #[arg(
        long = "max-open-executions",
        env = "STEPSTONE_MAX_OPEN_EXECUTIONS",
        default_value_t = 1_000_000,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub max_open_executions: u32,
    /// Once the server is ready to serve, write the address to connect to
    /// (`127.0.0.1:41234`) to this file: with `--port 0`, how a harness learns the port.
    #[arg(long = "ready-file", env = "STEPSTONE_READY_FILE", value_name = "PATH")]
    pub ready_file: Option<PathBuf>,
    /// `text` for people, `json` (one object per line) for machines; the log goes to stderr.
    #[arg(
        long = "log-format",
        env = "STEPSTONE_LOG_FORMAT",
        value_enum,
        default_value_t
    )]
    pub log_format: LogFormat,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8083,
            region: "us-east-1".into(),
            account_id: "123456789012".into(),
            wait_time_scale: 1.0,
            mock_config: None,
            manual_clock: false,
            lambda_endpoint: None,
            allowed_hosts: Vec::new(),
            sns_extra_ca: None,
            max_finished_executions: 10_000,
            execution_retention_days: 90,
            max_state_machines: 10_000,
            max_activities: 10_000,
            max_open_executions: 1_000_000,
            ready_file: None,
            log_format: LogFormat::Text,
        }
    }
}

/// The file Step Functions Local reads mocks from when `SFN_MOCK_CONFIG` is not set.
pub const DEFAULT_MOCK_CONFIG: &str = "MockConfigFile.json";

impl Config {
    /// Step Functions Local's fallback: with no mock configuration named, a
    /// `MockConfigFile.json` in `dir` (the working directory) is used.
    pub fn with_default_mock_config(mut self, dir: &std::path::Path) -> Self {
        if self.mock_config.is_none() {
            let candidate = dir.join(DEFAULT_MOCK_CONFIG);
            if candidate.is_file() {
                self.mock_config = Some(candidate);
            }
        }
        self
    }
}

fn parse_region(value: &str) -> Result<String, String> {
    let valid = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(value.to_owned())
    } else {
        Err(format!("'{value}' is not a region name such as us-east-1"))
    }
}

fn parse_wait_time_scale(value: &str) -> Result<f64, String> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|scale| scale.is_finite() && *scale >= 0.0)
        .ok_or_else(|| {
            format!("'{value}' is not a scale of 0 or more (1 waits in full, 0.01 a hundredth, 0 not at all)")
        })
}

fn parse_account(value: &str) -> Result<String, String> {
    if value.len() == 12 && value.chars().all(|c| c.is_ascii_digit()) {
        Ok(value.to_owned())
    } else {
        Err(format!("'{value}' is not a twelve-digit account id"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_defaults() {
        let config = Config::try_parse_from([
            "stepstone",
            "--port",
            "9000",
            "--region",
            "eu-west-1",
            "--account-id",
            "000000000000",
        ])
        .unwrap();
        assert_eq!(
            (
                config.port,
                config.region.as_str(),
                config.account_id.as_str()
            ),
            (9000, "eu-west-1", "000000000000")
        );
    }

    #[test]
    fn mock_config_file_in_the_working_directory_is_the_fallback() {
        let dir = std::env::temp_dir().join(format!("stepstone-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(
            Config::default().with_default_mock_config(&dir).mock_config,
            None,
            "no file, no mocks"
        );
        std::fs::write(dir.join(DEFAULT_MOCK_CONFIG), "{}").unwrap();
        assert_eq!(
            Config::default().with_default_mock_config(&dir).mock_config,
            Some(dir.join(DEFAULT_MOCK_CONFIG))
        );
        let named = Config {
            mock_config: Some(PathBuf::from("/elsewhere.json")),
            ..Config::default()
        };
        assert_eq!(
            named.with_default_mock_config(&dir).mock_config,
            Some(PathBuf::from("/elsewhere.json")),
            "a named file wins"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn mock_config_is_a_path() {
        let config =
            Config::try_parse_from(["stepstone", "--mock-config", "mocks/MockConfigFile.json"])
                .unwrap();
        assert_eq!(
            config.mock_config,
            Some(PathBuf::from("mocks/MockConfigFile.json"))
        );
        assert_eq!(Config::default().mock_config, None);
    }

    #[test]
    fn wait_time_scales_are_numbers_of_zero_or_more() {
        let scale = |value: &str| {
            Config::try_parse_from(["stepstone", "--wait-time-scale", value])
                .map(|c| c.wait_time_scale)
                .map_err(|e| e.to_string())
        };
        assert_eq!(scale("0.01"), Ok(0.01));
        assert_eq!(scale("0"), Ok(0.0));
        for bad in ["-1", "NaN", "inf", "fast"] {
            let error = scale(bad).unwrap_err();
            assert!(
                error.contains(&format!("'{bad}' is not a scale of 0 or more")),
                "{error}"
            );
        }
    }

    #[test]
    fn bad_account_and_region_are_rejected() {
        assert!(Config::try_parse_from(["stepstone", "--account-id", "12"]).is_err());
        assert!(Config::try_parse_from(["stepstone", "--region", "US EAST"]).is_err());
    }
}
