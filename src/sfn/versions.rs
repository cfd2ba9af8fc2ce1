//! PublishStateMachineVersion, ListStateMachineVersions and DeleteStateMachineVersion.

use super::Sfn;
use super::arn::{self, Qualifier};
use super::check::{Check, present};
use super::error::{SfnError, SfnResult};
use super::page::PageRequest;
use super::state::{StateMachine, Version};
use super::types::{
    DeleteStateMachineVersionInput, DeleteStateMachineVersionOutput, ListStateMachineVersionsInput,
    ListStateMachineVersionsOutput, PublishStateMachineVersionInput,
    PublishStateMachineVersionOutput, StateMachineVersionListItem,
};
use super::wire::Timestamp;

/// AWS's limit on versions per state machine.
const MAX_VERSIONS: usize = 1000;

/// Publishes the machine's current revision and returns the version number. Publishing a
/// revision that already has a version returns that version instead of a new one.
pub fn publish(
    machine: &mut StateMachine,
    description: Option<String>,
    now: Timestamp,
) -> SfnResult<u32> {
    let current = &machine.current;
    let existing = machine.versions.values().find(|v| {
        v.revision.revision_id == current.revision_id
            && v.revision.update_date == current.update_date
    });
    if let Some(version) = existing {
        return Ok(version.number);
    }
    if machine.versions.len() >= MAX_VERSIONS {
        return Err(SfnError::ServiceQuotaExceeded(format!(
            "Failed to publish the State Machine version: the State Machine '{}' already has {MAX_VERSIONS} versions",
            machine.arn
        )));
    }
    machine.last_version += 1;
    let number = machine.last_version;
    let version = Version {
        number,
        revision: machine.current.clone(),
        description,
        creation_date: now,
    };
    machine.versions.insert(number, version);
    Ok(number)
}

impl Sfn {
    /// PublishStateMachineVersion, guarded by an optional expected `revisionId`.
    pub fn publish_state_machine_version(
        &self,
        input: PublishStateMachineVersionInput,
    ) -> SfnResult<PublishStateMachineVersionOutput> {
        let mut check = Check::new();
        check.required("stateMachineArn", &input.state_machine_arn);
        check.len(
            "stateMachineArn",
            input.state_machine_arn.as_deref(),
            1,
            256,
        );
        check.len("description", input.description.as_deref(), 0, 256);
        check.finish()?;
        let requested = present(input.state_machine_arn);
        let (base, qualifier) = arn::state_machine(&requested)?;
        match qualifier {
            Qualifier::None => {}
            Qualifier::Label(_) => return Err(arn::labeled_arn_refused(&requested)),
            _ => return Err(SfnError::StateMachineDoesNotExist(requested)),
        }
        let mut state = self.lock();
        let machine = state
            .machines
            .get_mut(&base)
            .ok_or(SfnError::StateMachineDoesNotExist(requested))?;
        if let Some(expected) = input.revision_id {
            let current = machine.current.guard_id();
            if expected != current {
                return Err(SfnError::Conflict(format!(
                    "Failed to publish the State Machine version for revision {expected}. The current State Machine revision is {current}."
                )));
            }
        }
        let now = self.now();
        let number = publish(machine, input.description, now)?;
        let creation_date = machine
            .versions
            .get(&number)
            .map_or(now, |v| v.creation_date);
        Ok(PublishStateMachineVersionOutput {
            creation_date,
            state_machine_version_arn: machine.version_arn(number),
        })
    }

    /// ListStateMachineVersions, newest first.
    pub fn list_state_machine_versions(
        &self,
        input: ListStateMachineVersionsInput,
    ) -> SfnResult<ListStateMachineVersionsOutput> {
        let page = PageRequest {
            max_results: input.max_results,
            next_token: input.next_token,
        };
        let mut check = Check::new();
        check.required("stateMachineArn", &input.state_machine_arn);
        check.len(
            "stateMachineArn",
            input.state_machine_arn.as_deref(),
            1,
            256,
        );
        page.check(&mut check, 1024);
        check.finish()?;
        let requested = present(input.state_machine_arn);
        let (base, _) = arn::state_machine(&requested)?;
        let state = self.lock();
        let machine = state
            .machines
            .get(&base)
            .ok_or(SfnError::StateMachineDoesNotExist(requested))?;
        let items = machine
            .versions
            .values()
            .rev()
            .map(|v| {
                let arn = machine.version_arn(v.number);
                (
                    arn.clone(),
                    StateMachineVersionListItem {
                        state_machine_version_arn: arn,
                        creation_date: v.creation_date,
                    },
                )
            })
            .collect();
        let (state_machine_versions, next_token) = page.page(items)?;
        Ok(ListStateMachineVersionsOutput {
            state_machine_versions,
            next_token,
        })
    }

    /// DeleteStateMachineVersion; deleting a version that is gone already succeeds.
    pub fn delete_state_machine_version(
        &self,
        input: DeleteStateMachineVersionInput,
    ) -> SfnResult<DeleteStateMachineVersionOutput> {
        let mut check = Check::new();
        check.required("stateMachineVersionArn", &input.state_machine_version_arn);
        check.len(
            "stateMachineVersionArn",
            input.state_machine_version_arn.as_deref(),
            1,
            2000,
        );
        check.finish()?;
        let requested = present(input.state_machine_version_arn);
        let (base, qualifier) = arn::state_machine(&requested)?;
        let Qualifier::Version(number) = qualifier else {
            return Err(SfnError::Validation(format!(
                "Invalid State Machine Version Arn: '{requested}'"
            )));
        };
        let mut state = self.lock();
        let Some(machine) = state.machines.get_mut(&base) else {
            return Ok(DeleteStateMachineVersionOutput {});
        };
        let referencing: Vec<String> = machine
            .aliases
            .values()
            .filter(|a| a.routing.iter().any(|(v, _)| *v == number))
            .map(|a| a.name.clone())
            .collect();
        if !referencing.is_empty() {
            return Err(SfnError::Conflict(format!(
                "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [{}]",
                referencing.join(", ")
            )));
        }
        machine.versions.remove(&number);
        Ok(DeleteStateMachineVersionOutput {})
    }
}

impl StateMachine {
    /// The ARN of one of this machine's versions.
    pub fn version_arn(&self, number: u32) -> String {
        format!("{}:{number}", self.arn)
    }
}
