//! What the control plane stores: state machines (with their revisions, versions and aliases)
//! and activities. Plain data behind the service's one mutex.

use super::wire::{
    EncryptionConfiguration, LoggingConfiguration, Tag, Timestamp, TracingConfiguration,
};
use crate::asl::definition::Definition;
use crate::asl::rendered::RenderedDefinition;
use crate::asl::validate::MachineType;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything the Step Functions control plane holds, keyed by ARN.
#[derive(Debug, Default)]
pub struct State {
    /// State machines by unqualified ARN.
    pub machines: BTreeMap<String, StateMachine>,
    /// Activities by ARN.
    pub activities: BTreeMap<String, Activity>,
}

/// One state machine: its current revision plus published versions and aliases.
#[derive(Debug, Clone)]
pub struct StateMachine {
    /// Unqualified ARN.
    pub arn: String,
    /// Name (the ARN's last part).
    pub name: String,
    /// STANDARD or EXPRESS; fixed at creation.
    pub machine_type: MachineType,
    /// When it was created.
    pub creation_date: Timestamp,
    /// The definition and settings new executions use.
    pub current: Revision,
    /// What CreateStateMachine was asked for, to answer a repeated create idempotently.
    pub created_with: CreateFingerprint,
    /// Published versions by number.
    pub versions: BTreeMap<u32, Version>,
    /// The highest version number ever used; numbers are never reused.
    pub last_version: u32,
    /// Aliases by name.
    pub aliases: BTreeMap<String, Alias>,
    /// Tags in insertion order.
    pub tags: Tags,
}

/// A definition with the settings that go with it. Each update makes a new revision.
#[derive(Debug, Clone)]
pub struct Revision {
    /// The definition text exactly as sent (AWS returns it verbatim), rendered for
    /// descriptions.
    pub rendered: RenderedDefinition,
    /// The parsed definition.
    pub definition: Arc<Definition>,
    /// The execution role.
    pub role_arn: String,
    /// Logging settings.
    pub logging: LoggingConfiguration,
    /// Tracing settings.
    pub tracing: TracingConfiguration,
    /// Encryption settings, if any were given.
    pub encryption: Option<EncryptionConfiguration>,
    /// `None` until the first update; then a fresh UUID per update.
    pub revision_id: Option<String>,
    /// When this revision was made.
    pub update_date: Timestamp,
}

impl Revision {
    /// The revision id as PublishStateMachineVersion's guard names it.
    pub fn guard_id(&self) -> &str {
        self.revision_id.as_deref().unwrap_or("INITIAL")
    }
}

/// The members of a CreateStateMachine request that decide whether a repeat is idempotent.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateFingerprint {
    /// Definition text as sent.
    pub definition_text: String,
    /// Machine type.
    pub machine_type: MachineType,
    /// Logging as sent.
    pub logging: Option<LoggingConfiguration>,
    /// Tracing as sent.
    pub tracing: Option<TracingConfiguration>,
    /// Encryption as sent.
    pub encryption: Option<EncryptionConfiguration>,
    /// `publish` as sent.
    pub publish: bool,
    /// `versionDescription` as sent.
    pub version_description: Option<String>,
}

/// An immutable published snapshot of a revision.
#[derive(Debug, Clone)]
pub struct Version {
    /// The version number.
    pub number: u32,
    /// The snapshot.
    pub revision: Revision,
    /// Optional description given at publish time.
    pub description: Option<String>,
    /// When it was published.
    pub creation_date: Timestamp,
}

/// A named pointer that routes executions to one or two versions by weight.
#[derive(Debug, Clone)]
pub struct Alias {
    /// Alias ARN.
    pub arn: String,
    /// Alias name.
    pub name: String,
    /// Optional description.
    pub description: Option<String>,
    /// 1-2 (version number, weight) pairs whose weights sum to 100.
    pub routing: Vec<(u32, i64)>,
    /// When it was created.
    pub creation_date: Timestamp,
    /// When it was last updated (= creation until then).
    pub update_date: Timestamp,
}

/// An activity: a task queue that workers poll.
#[derive(Debug, Clone)]
pub struct Activity {
    /// ARN.
    pub arn: String,
    /// Name.
    pub name: String,
    /// When it was created.
    pub creation_date: Timestamp,
    /// Encryption settings, if any were given.
    pub encryption: Option<EncryptionConfiguration>,
    /// Tags.
    pub tags: Tags,
}

/// Tags of a resource, unique by key, in the order they were first set.
#[derive(Debug, Clone, Default)]
pub struct Tags(Vec<(String, String)>);

impl Tags {
    /// Sets (or overwrites) each tag.
    pub fn merge(&mut self, tags: &[(String, String)]) {
        for (key, value) in tags {
            match self.0.iter_mut().find(|(k, _)| k == key) {
                Some(existing) => existing.1 = value.clone(),
                None => self.0.push((key.clone(), value.clone())),
            }
        }
    }

    /// How many tags there would be after merging `tags`.
    pub fn count_after_merge(&self, tags: &[(String, String)]) -> usize {
        let new = tags
            .iter()
            .filter(|(key, _)| !self.0.iter().any(|(k, _)| k == key))
            .count();
        self.0.len() + new
    }

    /// Removes the given keys; absent keys are ignored.
    pub fn remove(&mut self, keys: &[String]) {
        self.0.retain(|(k, _)| !keys.contains(k));
    }

    /// The tags in wire form.
    pub fn to_wire(&self) -> Vec<Tag> {
        self.0
            .iter()
            .map(|(k, v)| Tag {
                key: Some(k.clone()),
                value: Some(v.clone()),
            })
            .collect()
    }
}
