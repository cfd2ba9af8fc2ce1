//! The ARNs this server mints: every one starts `arn:aws:<service>:<region>:<account>`.

/// `arn:aws:<service>:<region>:<account>`, which a resource type and name follow.
pub fn prefix(service: &str, region: &str, account: &str) -> String {
    format!("arn:aws:{service}:{region}:{account}")
}

/// A Step Functions execution: `<states prefix>:execution:<machine>:<name>` for a standard
/// run; express runs are `:express:<machine>:<name>:<run id>`, the run id telling apart
/// executions that share a name. `machine` is the machine's name, or for a Map Run's child its
/// `<machine>/<label>:<run id>` path.
pub fn execution(states_prefix: &str, machine: &str, name: &str, express: bool) -> String {
    match express {
        false => format!("{states_prefix}:execution:{machine}:{name}"),
        true => format!(
            "{states_prefix}:express:{machine}:{name}:{}",
            uuid::Uuid::new_v4()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_are_built_from_their_parts() {
        let states = prefix("states", "us-east-1", "123456789012");
        assert_eq!(states, "arn:aws:states:us-east-1:123456789012");
        assert_eq!(
            execution(&states, "m", "run", false),
            "arn:aws:states:us-east-1:123456789012:execution:m:run"
        );
        let express = execution(&states, "m", "run", true);
        let run_id = express.rsplit(':').next().unwrap();
        assert!(express.starts_with("arn:aws:states:us-east-1:123456789012:express:m:run:"));
        assert!(uuid::Uuid::parse_str(run_id).is_ok(), "{express}");
    }
}
