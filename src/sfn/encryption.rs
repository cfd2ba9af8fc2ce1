//! The `encryptionConfiguration` that CreateStateMachine, UpdateStateMachine and CreateActivity
//! take: the model's constraints, then the rule AWS documents for `InvalidEncryptionConfiguration`.

use super::check::Check;
use super::error::{SfnError, SfnResult};
use super::wire::EncryptionConfiguration;

const KEY_TYPES: &[&str] = &["AWS_OWNED_KEY", "CUSTOMER_MANAGED_KMS_KEY"];

/// Adds the model's constraints on an encryption configuration to `check`.
pub fn check_constraints(check: &mut Check, encryption: Option<&EncryptionConfiguration>) {
    let Some(e) = encryption else { return };
    check.required("encryptionConfiguration.type", &e.r#type);
    check.one_of(
        "encryptionConfiguration.type",
        e.r#type.as_deref(),
        KEY_TYPES,
    );
    check.len(
        "encryptionConfiguration.kmsKeyId",
        e.kms_key_id.as_deref(),
        1,
        2048,
    );
    check.range(
        "encryptionConfiguration.kmsDataKeyReusePeriodSeconds",
        e.kms_data_key_reuse_period_seconds,
        60,
        900,
    );
}

/// A customer-managed key must be named (API reference, `InvalidEncryptionConfiguration`: "if
/// type is set to CUSTOMER_MANAGED_KMS_KEY, but kmsKeyId is null"). The wording is a guess: AWS's
/// message is not recorded. Keys are not looked up: there is no KMS here.
pub fn check_key(encryption: Option<&EncryptionConfiguration>) -> SfnResult<()> {
    let Some(e) = encryption else { return Ok(()) };
    if e.r#type.as_deref() == Some("CUSTOMER_MANAGED_KMS_KEY") && e.kms_key_id.is_none() {
        return Err(SfnError::InvalidEncryptionConfiguration(
            "Invalid Encryption Configuration: kmsKeyId must be specified when type is CUSTOMER_MANAGED_KMS_KEY."
                .into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(kind: &str, key: Option<&str>) -> EncryptionConfiguration {
        EncryptionConfiguration {
            kms_key_id: key.map(str::to_owned),
            kms_data_key_reuse_period_seconds: None,
            r#type: Some(kind.to_owned()),
        }
    }

    #[test]
    fn customer_managed_keys_are_named() {
        let missing = config("CUSTOMER_MANAGED_KMS_KEY", None);
        let err = check_key(Some(&missing)).unwrap_err();
        assert_eq!(err.code(), "InvalidEncryptionConfiguration");
        assert!(check_key(Some(&config("CUSTOMER_MANAGED_KMS_KEY", Some("alias/k")))).is_ok());
        assert!(check_key(Some(&config("AWS_OWNED_KEY", None))).is_ok());
        assert!(check_key(None).is_ok());
    }
}
