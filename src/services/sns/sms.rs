//! The account's SMS settings: its attributes, opted-out numbers, the SMS sandbox and
//! origination numbers.
//!
//! Choices where AWS cannot be copied: the account is not in the SMS sandbox, so Publish
//! reaches any number (kept, as every SMS is); the sandbox numbers still work as on AWS, and
//! the one-time password AWS texts to a new one is kept as an SMS delivery, where a test
//! reads it. No number is ever opted out (on AWS only the phone's owner opts out, by
//! replying STOP), and the account owns no origination numbers.

use super::error::{SnsError, SnsResult};
use super::outbox::Job;
use super::subscriptions::is_phone_number;
use super::types::{ListSMSSandboxPhoneNumbersInput, SMSSandboxPhoneNumber};
use super::{Sns, State};
use crate::aws::paging;
use std::collections::BTreeMap;

/// The attributes SetSMSAttributes takes (AWS's documented list).
const SETTABLE: &[&str] = &[
    "MonthlySpendLimit",
    "DeliveryStatusIAMRole",
    "DeliveryStatusSuccessSamplingRate",
    "DefaultSenderID",
    "DefaultSMSType",
    "UsageReportS3Bucket",
];

/// A new account's monthly SMS spend limit, in US dollars (AWS: 1).
const DEFAULT_SPEND_LIMIT: &str = "1";

/// ListSMSSandboxPhoneNumbers' page size when none is asked for (the model's maximum).
const SANDBOX_PAGE: usize = 100;

/// The account's SMS state.
#[derive(Debug, Default)]
pub(super) struct Sms {
    /// The attributes as set.
    attributes: BTreeMap<String, String>,
    /// Sandbox numbers: number -> the one-time password, or `None` once verified.
    sandbox: BTreeMap<String, Option<String>>,
}

/// One SMS attribute checked; the reasons are plausible, AWS's exact words unknown.
fn check_attribute(name: &str, value: &str) -> SnsResult<()> {
    let whole = |v: &str, max: u64| v.parse::<u64>().is_ok_and(|n| n <= max);
    let valid = match name {
        _ if !SETTABLE.contains(&name) => false,
        "DefaultSMSType" => matches!(value, "Promotional" | "Transactional"),
        "MonthlySpendLimit" => whole(value, u64::MAX),
        "DeliveryStatusSuccessSamplingRate" => whole(value, 100),
        // AWS: 1 to 11 letters and digits, at least one letter.
        "DefaultSenderID" => {
            (1..=11).contains(&value.len())
                && value.bytes().all(|b| b.is_ascii_alphanumeric())
                && value.bytes().any(|b| b.is_ascii_alphabetic())
        }
        _ => true,
    };
    match valid {
        true => Ok(()),
        false => Err(SnsError::invalid(name.to_owned())),
    }
}

/// A phone number checked as CheckIfPhoneNumberIsOptedOut and OptInPhoneNumber check it.
fn check_number(number: &str) -> SnsResult<()> {
    match number.starts_with('+') && is_phone_number(number) {
        true => Ok(()),
        false => Err(SnsError::invalid(
            "PhoneNumber Reason: input incorrectly formatted",
        )),
    }
}

/// A fresh six-digit one-time password.
fn one_time_password() -> String {
    format!("{:06}", uuid::Uuid::new_v4().as_u128() % 1_000_000)
}

/// The sandbox's complaint about a number it does not hold (a plausible wording).
const NO_SANDBOX_NUMBER: SnsError =
    SnsError::ResourceNotFound("The phone number is not in the SMS sandbox");

impl Sns {
    /// SetSMSAttributes: every attribute checked before any is set.
    pub(super) fn set_sms_attributes(&self, given: BTreeMap<String, String>) -> SnsResult<()> {
        for (name, value) in &given {
            check_attribute(name, value)?;
        }
        self.state().sms.attributes.extend(given);
        Ok(())
    }

    /// GetSMSAttributes: those named (all when none are), with the account's defaults.
    pub(super) fn sms_attributes(&self, names: &[String]) -> BTreeMap<String, String> {
        let state = self.state();
        let mut all = state.sms.attributes.clone();
        all.entry("MonthlySpendLimit".into())
            .or_insert_with(|| DEFAULT_SPEND_LIMIT.into());
        all.retain(|k, _| names.is_empty() || names.contains(k));
        all
    }

    /// CheckIfPhoneNumberIsOptedOut: never, as no number opts out here.
    pub(super) fn opted_out(&self, number: &str) -> SnsResult<bool> {
        check_number(number).map(|()| false)
    }

    /// OptInPhoneNumber: nothing to undo, once the number is checked.
    pub(super) fn opt_in(&self, number: &str) -> SnsResult<()> {
        check_number(number)
    }

    /// CreateSMSSandboxPhoneNumber: the number waits for the one-time password, which is
    /// texted to it (kept as an SMS delivery). Adding a pending number again sends a new
    /// password; a verified one stays verified (both guesses).
    pub(super) fn create_sandbox_number(&self, number: &str) -> SnsResult<()> {
        let mut state = self.state();
        if matches!(state.sms.sandbox.get(number), Some(None)) {
            return Ok(());
        }
        let password = one_time_password();
        let text = format!("Your Amazon SNS verification code is: {password}");
        state.sms.sandbox.insert(number.to_owned(), Some(password));
        self.outbox.send(Job::Text {
            number: number.to_owned(),
            text,
        });
        Ok(())
    }

    /// VerifySMSSandboxPhoneNumber: the number is verified by the password it was sent.
    pub(super) fn verify_sandbox_number(&self, number: &str, password: &str) -> SnsResult<()> {
        let mut state = self.state();
        let entry = state.sms.sandbox.get_mut(number).ok_or(NO_SANDBOX_NUMBER)?;
        match entry.as_deref() {
            None => Ok(()),
            Some(expected) if expected == password => {
                *entry = None;
                Ok(())
            }
            Some(_) => Err(SnsError::Verification("Invalid one-time password.")),
        }
    }

    /// DeleteSMSSandboxPhoneNumber.
    pub(super) fn delete_sandbox_number(&self, number: &str) -> SnsResult<()> {
        let mut state = self.state();
        state.sms.sandbox.remove(number).ok_or(NO_SANDBOX_NUMBER)?;
        Ok(())
    }

    /// ListSMSSandboxPhoneNumbers: a page of numbers with their status, and the next token.
    pub(super) fn list_sandbox_numbers(
        &self,
        input: ListSMSSandboxPhoneNumbersInput,
    ) -> SnsResult<(Vec<SMSSandboxPhoneNumber>, Option<String>)> {
        let size = input
            .max_results
            .map_or(SANDBOX_PAGE, |n| n.clamp(1, 100) as usize);
        let state = self.state();
        sandbox_page(&state, input.next_token.as_deref(), size)
    }
}

/// A page of `size` sandbox numbers after the token's, and the next page's token.
fn sandbox_page(
    state: &State,
    token: Option<&str>,
    size: usize,
) -> SnsResult<(Vec<SMSSandboxPhoneNumber>, Option<String>)> {
    let after = match token.filter(|t| !t.is_empty()) {
        Some(token) => Some(paging::decode(token).ok_or_else(|| SnsError::invalid("NextToken"))?),
        None => None,
    };
    let mut rest = state
        .sms
        .sandbox
        .iter()
        .filter(|(n, _)| after.as_ref().is_none_or(|a| n.as_str() > a.as_str()));
    let numbers: Vec<SMSSandboxPhoneNumber> = rest
        .by_ref()
        .take(size)
        .map(|(number, password)| SMSSandboxPhoneNumber {
            phone_number: Some(number.clone()),
            status: Some(match password {
                Some(_) => "Pending".into(),
                None => "Verified".into(),
            }),
        })
        .collect();
    let next = match rest.next() {
        Some(_) => numbers
            .last()
            .and_then(|n| n.phone_number.as_deref())
            .map(paging::encode),
        None => None,
    };
    Ok((numbers, next))
}
