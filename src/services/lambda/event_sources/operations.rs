//! Create, Get, Update, Delete and ListEventSourceMappings.

use super::config::{Mapping, MappingRequest};
use super::queue::Queue;
use super::{Entry, Mappings, check, poller};
use crate::services::lambda::error::{LambdaError, LambdaResult};
use crate::services::lambda::names::{self, FunctionRef};
use crate::services::lambda::types::{
    EventSourceMappingConfiguration, ListEventSourceMappingsResponse,
};
use crate::services::lambda::{Lambda, functions};
use std::collections::BTreeMap;

impl Lambda {
    /// `CreateEventSourceMapping` from an SQS queue; the poller starts at once when enabled.
    pub async fn create_event_source_mapping(
        &self,
        req: MappingRequest,
    ) -> LambdaResult<EventSourceMappingConfiguration> {
        let source = check::source(req.event_source_arn.as_deref())?;
        check::sqs_members(&req)?;
        let checked = check::settings(&req)?;
        let function = self.mapped_function(req.function_name.as_deref().unwrap_or_default())?;
        let uuid = uuid::Uuid::new_v4().to_string();
        let mut mapping = Mapping::new(uuid, source, function, self.stamp());
        mapping.tags = req.tags.clone().unwrap_or_default();
        mapping.apply(&req);
        checked.apply_to(&mut mapping);
        check::batching(&mapping)?;
        check::scaling(&mapping)?;
        let queue = self.queue_of(&mapping).await?;
        let mut mappings = self.mappings();
        mappings.conflict(&mapping)?;
        mappings.put(self, mapping.clone(), queue);
        Ok(mapping.render("Creating", &self.arn_prefix()))
    }

    /// `GetEventSourceMapping`.
    pub fn get_event_source_mapping(
        &self,
        uuid: &str,
    ) -> LambdaResult<EventSourceMappingConfiguration> {
        let mappings = self.mappings();
        let mapping = &mappings.entry(uuid)?.mapping;
        Ok(mapping.render(mapping.settled_state(), &self.arn_prefix()))
    }

    /// `UpdateEventSourceMapping`: new settings restart the poller; a disabled mapping stops.
    pub fn update_event_source_mapping(
        &self,
        uuid: &str,
        req: MappingRequest,
    ) -> LambdaResult<EventSourceMappingConfiguration> {
        check::sqs_members(&req)?;
        let checked = check::settings(&req)?;
        let function = match req.function_name.as_deref() {
            Some(name) => Some(self.mapped_function(name)?),
            None => None,
        };
        let mut mappings = self.mappings();
        let entry = mappings.entry(uuid)?;
        let (mut mapping, queue) = (entry.mapping.clone(), entry.queue.clone());
        let was_enabled = mapping.enabled;
        if let Some((arn, name)) = function {
            (mapping.function_arn, mapping.function_name) = (arn, name);
        }
        mapping.apply(&req);
        checked.apply_to(&mut mapping);
        check::batching(&mapping)?;
        check::scaling(&mapping)?;
        mappings.conflict(&mapping)?;
        mapping.last_modified = self.stamp();
        let state = match (was_enabled, mapping.enabled) {
            (false, true) => "Enabling",
            (true, false) => "Disabling",
            _ => "Updating",
        };
        mappings.put(self, mapping.clone(), queue);
        Ok(mapping.render(state, &self.arn_prefix()))
    }

    /// `DeleteEventSourceMapping`: the poller stops at once (a batch being processed is
    /// finished).
    pub fn delete_event_source_mapping(
        &self,
        uuid: &str,
    ) -> LambdaResult<EventSourceMappingConfiguration> {
        let removed = self
            .mappings()
            .entries
            .remove(uuid)
            .ok_or_else(mapping_not_found)?;
        Ok(removed.mapping.render("Deleting", &self.arn_prefix()))
    }

    /// `ListEventSourceMappings`, in UUID order, filtered by queue and function.
    pub fn list_event_source_mappings(
        &self,
        source: Option<&str>,
        function: Option<&str>,
        marker: Option<&str>,
        max_items: Option<usize>,
    ) -> LambdaResult<ListEventSourceMappingsResponse> {
        let function = function
            .map(|f| names::parse(f, "functionName"))
            .transpose()?;
        let prefix = self.arn_prefix();
        let mappings = self.mappings();
        let items: Vec<(String, EventSourceMappingConfiguration)> = (mappings.entries.values())
            .map(|entry| &entry.mapping)
            .filter(|m| source.is_none_or(|s| m.queue.arn == s))
            .filter(|m| function.as_ref().is_none_or(|f| maps_to(m, f)))
            .map(|m| (m.uuid.clone(), m.render(m.settled_state(), &prefix)))
            .collect();
        let (page, next_marker) = functions::page(items, marker, max_items)?;
        Ok(ListEventSourceMappingsResponse {
            event_source_mappings: Some(page),
            next_marker,
        })
    }

    /// The UUID of the event source mapping `arn` names, if it names one in this service's
    /// region and account.
    pub(in crate::services::lambda) fn mapping_of<'a>(&self, arn: &'a str) -> Option<&'a str> {
        let rest = arn.strip_prefix(&self.arn_prefix())?;
        rest.strip_prefix(":event-source-mapping:")
    }

    /// Runs `change` on the tags of mapping `uuid`.
    pub(in crate::services::lambda) fn with_mapping_tags<T>(
        &self,
        uuid: &str,
        change: impl FnOnce(&mut BTreeMap<String, String>) -> T,
    ) -> LambdaResult<T> {
        let mut mappings = self.mappings();
        let entry = mappings
            .entries
            .get_mut(uuid)
            .ok_or_else(mapping_not_found)?;
        Ok(change(&mut entry.mapping.tags))
    }

    /// The function a mapping invokes, which must exist (with its version or alias): its
    /// full ARN, qualified as given, and its name.
    fn mapped_function(&self, name: &str) -> LambdaResult<(String, String)> {
        let (version, arn) = self.resolve(name, None)?;
        Ok((arn, version.config.function_name.clone()))
    }

    /// The mapping's queue, found through SQS.
    async fn queue_of(&self, mapping: &Mapping) -> LambdaResult<Queue> {
        let peers = self.peers.read().unwrap_or_else(|e| e.into_inner()).clone();
        Queue::locate(&peers, &mapping.queue, &self.scope.region).await
    }

    fn arn_prefix(&self) -> String {
        crate::aws::arn::prefix("lambda", &self.scope.region, &self.scope.account)
    }

    /// `LastModified` now: seconds since the epoch, to the millisecond.
    fn stamp(&self) -> f64 {
        let millis = self.clock.now().unix_timestamp_nanos() / 1_000_000;
        millis as f64 / 1000.0
    }
}

impl Mappings {
    fn entry(&self, uuid: &str) -> LambdaResult<&Entry> {
        self.entries.get(uuid).ok_or_else(mapping_not_found)
    }

    /// AWS's answer to a second mapping of a queue to the same function.
    fn conflict(&self, mapping: &Mapping) -> LambdaResult<()> {
        let same = self.entries.values().map(|e| &e.mapping).find(|m| {
            m.uuid != mapping.uuid
                && m.queue.arn == mapping.queue.arn
                && m.function_arn == mapping.function_arn
        });
        match same {
            Some(existing) => Err(LambdaError::ResourceConflict(format!(
                "An event source mapping with SQS arn (\" {} \") and function (\" {} \") already exists. Please update or delete the existing mapping with UUID {}",
                mapping.queue.arn, mapping.function_name, existing.uuid
            ))),
            None => Ok(()),
        }
    }

    /// Keeps `mapping`, replacing (and so stopping) any poller it had, and starts one when
    /// it is enabled.
    fn put(&mut self, lambda: &Lambda, mapping: Mapping, queue: Queue) {
        let poller = mapping
            .enabled
            .then(|| poller::start(lambda, &mapping, queue.clone()));
        let entry = Entry {
            mapping,
            queue,
            _poller: poller,
        };
        self.entries.insert(entry.mapping.uuid.clone(), entry);
    }
}

/// Whether `mapping` invokes the function `filter` names: any of its mappings for a plain
/// name, those of that version or alias for a qualified one (AWS does not document this
/// filter's matching; this is the plausible reading).
fn maps_to(mapping: &Mapping, filter: &FunctionRef) -> bool {
    let Ok(target) = names::parse(&mapping.function_arn, "functionName") else {
        return false;
    };
    target.name == filter.name
        && (filter.qualifier.is_none() || filter.qualifier == target.qualifier)
}

fn mapping_not_found() -> LambdaError {
    LambdaError::ResourceNotFound("The resource you requested does not exist.".to_owned())
}
