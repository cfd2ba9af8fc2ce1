//! CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
//! ListStateMachines and ValidateStateMachineDefinition.

use super::arn::{self, ArnScope, Qualifier};
use super::check::{self, Check, present};
use super::error::{SfnError, SfnResult};
use super::page::PageRequest;
use super::state::{CreateFingerprint, Revision, StateMachine, Tags};
use super::tags::checked_tags;
use super::types::{
    CreateStateMachineInput, CreateStateMachineOutput, DeleteStateMachineInput,
    DeleteStateMachineOutput, DescribeStateMachineInput, DescribeStateMachineOutput,
    EncryptionConfiguration, ListStateMachinesInput, ListStateMachinesOutput, LoggingConfiguration,
    StateMachineListItem, TracingConfiguration, UpdateStateMachineInput, UpdateStateMachineOutput,
    ValidateStateMachineDefinitionDiagnostic, ValidateStateMachineDefinitionInput,
    ValidateStateMachineDefinitionOutput,
};
use super::wire::Timestamp;
use super::{Sfn, encryption, versions};
use crate::asl::definition::{Definition, ExecutionType};
use crate::asl::rendered::RenderedDefinition;
use crate::asl::validate::{self, Diagnostic, MachineType, Severity};
use std::sync::Arc;

/// The longest definition the model accepts.
const DEFINITION_MAX: usize = 1_048_576;

const MACHINE_TYPES: &[&str] = &["STANDARD", "EXPRESS"];
const LOG_LEVELS: &[&str] = &["ALL", "ERROR", "FATAL", "OFF"];
const INCLUDED_DATA: &[&str] = &["ALL_DATA", "METADATA_ONLY"];

/// The wire name of a machine type.
pub fn type_name(machine_type: MachineType) -> &'static str {
    match machine_type {
        MachineType::Standard => "STANDARD",
        MachineType::Express => "EXPRESS",
    }
}

fn parse_type(name: Option<&str>) -> MachineType {
    match name {
        Some("EXPRESS") => MachineType::Express,
        _ => MachineType::Standard,
    }
}

/// Parses and validates a definition, or fails with AWS's `InvalidDefinition` summary.
pub fn parse_definition(text: &str, machine_type: MachineType) -> SfnResult<Arc<Definition>> {
    let outcome = validate::check(text, machine_type);
    match outcome.definition {
        Some(definition) => Ok(Arc::new(definition)),
        None => Err(SfnError::InvalidDefinition(validate::summary(
            &outcome.diagnostics,
        ))),
    }
}

/// A role ARN must at least look like an ARN (`arn:partition:service:region:account:resource`);
/// the role is never assumed here.
pub(super) fn check_role_arn(role_arn: &str) -> SfnResult<()> {
    let parts: Vec<&str> = role_arn.splitn(6, ':').collect();
    if parts.len() < 6 || parts[0] != "arn" || parts[5].is_empty() {
        return Err(SfnError::InvalidArn(format!(
            "Invalid ARN prefix: {role_arn}"
        )));
    }
    Ok(())
}

fn check_logging(check: &mut Check, logging: Option<&LoggingConfiguration>) {
    if let Some(logging) = logging {
        check.one_of(
            "loggingConfiguration.level",
            logging.level.as_deref(),
            LOG_LEVELS,
        );
    }
}

/// Rules AWS applies to logging beyond the model: a level other than OFF needs exactly one
/// CloudWatch Logs log group, given by a log-group ARN ending in `:*`.
fn check_logging_destinations(logging: Option<&LoggingConfiguration>) -> SfnResult<()> {
    let Some(logging) = logging else {
        return Ok(());
    };
    let destinations = logging.destinations.as_deref().unwrap_or_default();
    let level = logging.level.as_deref().unwrap_or("OFF");
    if destinations.len() > 1 || (level != "OFF" && destinations.len() != 1) {
        return Err(SfnError::InvalidLoggingConfiguration(
            "Invalid Logging Configuration: Must specify exactly one Log Destination.".into(),
        ));
    }
    for destination in destinations {
        let arn = destination
            .cloud_watch_logs_log_group
            .as_ref()
            .and_then(|g| g.log_group_arn.as_deref());
        let valid = arn.is_some_and(|a| {
            a.starts_with("arn:") && a.contains(":logs:") && a.contains(":log-group:")
        });
        if !valid {
            return Err(SfnError::InvalidLoggingConfiguration(format!(
                "Invalid Logging Configuration: Invalid CloudWatch Logs log group ARN: {}",
                arn.unwrap_or("null")
            )));
        }
    }
    Ok(())
}

fn check_version_description(publish: bool, description: Option<&str>) -> SfnResult<()> {
    if description.is_some() && !publish {
        return Err(SfnError::Validation(
            "Version description can only be set when publish is true".into(),
        ));
    }
    Ok(())
}

/// What an UpdateStateMachine request sets, checked.
struct Changes {
    definition: Option<(RenderedDefinition, Arc<Definition>)>,
    role_arn: Option<String>,
    logging: Option<LoggingConfiguration>,
    tracing: Option<TracingConfiguration>,
    encryption: Option<EncryptionConfiguration>,
}

impl Changes {
    /// Whether these settings differ from `revision`'s. An update that changes nothing makes no
    /// new revision: AWS answers it with the current `revisionId` (none before the first real
    /// update) and, with `publish`, the version already published for it (recorded).
    fn alter(&self, revision: &Revision) -> bool {
        let differs = |sent: Option<&RenderedDefinition>| {
            sent.is_some_and(|r| r.text().get() != revision.rendered.text().get())
        };
        differs(self.definition.as_ref().map(|(r, _)| r))
            || self
                .role_arn
                .as_ref()
                .is_some_and(|r| *r != revision.role_arn)
            || self
                .logging
                .as_ref()
                .is_some_and(|l| *l != revision.logging)
            || self
                .tracing
                .as_ref()
                .is_some_and(|t| *t != revision.tracing)
            || (self.encryption.as_ref()).is_some_and(|e| Some(e) != revision.encryption.as_ref())
    }

    fn apply(self, revision: &mut Revision) {
        if let Some((rendered, definition)) = self.definition {
            revision.rendered = rendered;
            revision.definition = definition;
        }
        if let Some(role_arn) = self.role_arn {
            revision.role_arn = role_arn;
        }
        if let Some(logging) = self.logging {
            revision.logging = logging;
        }
        if let Some(tracing) = self.tracing {
            revision.tracing = tracing;
        }
        if let Some(encryption) = self.encryption {
            revision.encryption = Some(encryption);
        }
    }
}

/// A CreateStateMachine request that passed every check, in AWS's order: the model's
/// constraints, then the name, role, version description, logging, definition and tags.
struct NewMachine {
    name: String,
    role_arn: String,
    definition: Arc<Definition>,
    tags: Vec<(String, String)>,
    /// The settings as sent, which a repeated request must match.
    fingerprint: CreateFingerprint,
}

impl NewMachine {
    fn check(input: CreateStateMachineInput, scope: &ArnScope) -> SfnResult<NewMachine> {
        let tags = check_create_constraints(&input)?;
        let name = present(input.name);
        check::resource_name(&name)?;
        let role_arn = present(input.role_arn);
        check_role_arn(&role_arn)?;
        let publish = input.publish.unwrap_or(false);
        check_version_description(publish, input.version_description.as_deref())?;
        check_logging_destinations(input.logging_configuration.as_ref())?;
        encryption::check_key(input.encryption_configuration.as_ref())?;
        let machine_type = parse_type(input.r#type.as_deref());
        let definition_text = present(input.definition);
        let definition = parse_definition(&definition_text, machine_type)?;
        super::tags::check_tag_count(&scope.state_machine(&name), tags.len())?;
        let fingerprint = CreateFingerprint {
            definition_text,
            machine_type,
            logging: input.logging_configuration,
            tracing: input.tracing_configuration,
            encryption: input.encryption_configuration,
            publish,
            version_description: input.version_description,
        };
        Ok(NewMachine {
            name,
            role_arn,
            definition,
            tags,
            fingerprint,
        })
    }

    /// The answer to a repeat of the request that created `existing`: the same machine (and
    /// its first version) when every setting matches, else `StateMachineAlreadyExists`.
    fn repeats(&self, existing: &StateMachine, arn: String) -> SfnResult<CreateStateMachineOutput> {
        if existing.created_with != self.fingerprint {
            return Err(SfnError::StateMachineAlreadyExists(arn));
        }
        let first_version = existing.versions.keys().next();
        let version = first_version
            .filter(|_| self.fingerprint.publish)
            .map(|n| existing.version_arn(*n));
        Ok(CreateStateMachineOutput {
            state_machine_arn: arn,
            creation_date: existing.creation_date,
            state_machine_version_arn: version,
        })
    }

    /// The machine, created at `now`, and its version 1's ARN when `publish` asked for one.
    fn build(self, arn: String, now: Timestamp) -> SfnResult<(StateMachine, Option<String>)> {
        let mut tags = Tags::default();
        tags.merge(&self.tags);
        let sent = &self.fingerprint;
        let current = Revision {
            rendered: RenderedDefinition::new(&sent.definition_text),
            definition: self.definition,
            role_arn: self.role_arn,
            logging: sent
                .logging
                .clone()
                .unwrap_or_else(LoggingConfiguration::off),
            tracing: sent.tracing.clone().unwrap_or(TracingConfiguration {
                enabled: Some(false),
            }),
            encryption: sent.encryption.clone(),
            revision_id: None,
            update_date: now,
        };
        let (publish, description) = (sent.publish, sent.version_description.clone());
        let mut machine = StateMachine {
            arn,
            name: self.name,
            machine_type: sent.machine_type,
            creation_date: now,
            current,
            created_with: self.fingerprint,
            versions: Default::default(),
            last_version: 0,
            aliases: Default::default(),
            tags,
        };
        let version_arn = match publish {
            true => {
                let number = versions::publish(&mut machine, description, now)?;
                Some(machine.version_arn(number))
            }
            false => None,
        };
        Ok((machine, version_arn))
    }
}

/// The model's constraints on a CreateStateMachine request; answers its tags once checked.
fn check_create_constraints(input: &CreateStateMachineInput) -> SfnResult<Vec<(String, String)>> {
    let mut check = Check::new();
    check
        .required("name", &input.name)
        .required("definition", &input.definition)
        .required("roleArn", &input.role_arn);
    check.len("name", input.name.as_deref(), 1, 80);
    check.len("definition", input.definition.as_deref(), 1, DEFINITION_MAX);
    check.len("roleArn", input.role_arn.as_deref(), 1, 256);
    check.one_of("type", input.r#type.as_deref(), MACHINE_TYPES);
    check.len(
        "versionDescription",
        input.version_description.as_deref(),
        0,
        256,
    );
    check_logging(&mut check, input.logging_configuration.as_ref());
    encryption::check_constraints(&mut check, input.encryption_configuration.as_ref());
    let tags = checked_tags(&mut check, input.tags.as_deref().unwrap_or_default());
    check.finish()?;
    Ok(tags)
}

impl Sfn {
    /// CreateStateMachine: validates everything, then stores the machine (and version 1 when
    /// `publish` is set). A repeat with identical settings returns the existing machine.
    pub fn create_state_machine(
        &self,
        input: CreateStateMachineInput,
    ) -> SfnResult<CreateStateMachineOutput> {
        let new = NewMachine::check(input, &self.scope)?;
        let arn = self.scope.state_machine(&new.name);
        let mut state = self.lock();
        if let Some(existing) = state.machines.get(&arn) {
            return new.repeats(existing, arn);
        }
        self.room_for_state_machine(state.machines.len())?;
        let now = self.now();
        let (machine, version_arn) = new.build(arn.clone(), now)?;
        state.machines.insert(arn.clone(), machine);
        Ok(CreateStateMachineOutput {
            state_machine_arn: arn,
            creation_date: now,
            state_machine_version_arn: version_arn,
        })
    }

    /// DescribeStateMachine for an unqualified, version or Distributed Map label ARN.
    pub fn describe_state_machine(
        &self,
        input: DescribeStateMachineInput,
    ) -> SfnResult<DescribeStateMachineOutput> {
        let mut check = Check::new();
        check.required("stateMachineArn", &input.state_machine_arn);
        check.len(
            "stateMachineArn",
            input.state_machine_arn.as_deref(),
            1,
            256,
        );
        check.one_of(
            "includedData",
            input.included_data.as_deref(),
            INCLUDED_DATA,
        );
        check.finish()?;
        let requested = present(input.state_machine_arn);
        let (base, qualifier) = arn::state_machine(&requested)?;
        let state = self.lock();
        let missing = || SfnError::StateMachineDoesNotExist(requested.clone());
        let machine = state.machines.get(&base).ok_or_else(missing)?;
        let mut output = match qualifier {
            Qualifier::None => describe(
                machine,
                &machine.current,
                machine.arn.clone(),
                machine.creation_date,
            ),
            Qualifier::Version(n) => {
                let version = machine.versions.get(&n).ok_or_else(missing)?;
                let mut out = describe(
                    machine,
                    &version.revision,
                    requested.clone(),
                    version.creation_date,
                );
                out.description = version.description.clone();
                out
            }
            Qualifier::Label(label) => {
                // The sub-workflow a Distributed Map's children run, in the current revision.
                let map = machine
                    .current
                    .definition
                    .machine
                    .distributed_map(&label)
                    .ok_or_else(missing)?;
                let mut out = describe(
                    machine,
                    &machine.current,
                    requested.clone(),
                    machine.creation_date,
                );
                let processor = (map.processor.definition.clone())
                    .unwrap_or_else(|| RenderedDefinition::new("{}"));
                out.definition = processor.text();
                out.variable_references = processor.variable_references();
                out.r#type = match map.processor.execution_type {
                    Some(ExecutionType::Express) => "EXPRESS",
                    _ => "STANDARD",
                }
                .to_owned();
                out.label = Some(label);
                out
            }
            Qualifier::Alias(_) => return Err(missing()),
        };
        if input.included_data.as_deref() == Some("METADATA_ONLY") {
            output.definition = RenderedDefinition::new("{}").text();
        }
        Ok(output)
    }

    /// UpdateStateMachine: a new revision of the definition and settings, optionally published.
    pub fn update_state_machine(
        &self,
        input: UpdateStateMachineInput,
    ) -> SfnResult<UpdateStateMachineOutput> {
        let mut check = Check::new();
        check.required("stateMachineArn", &input.state_machine_arn);
        check.len(
            "stateMachineArn",
            input.state_machine_arn.as_deref(),
            1,
            256,
        );
        check.len("definition", input.definition.as_deref(), 1, DEFINITION_MAX);
        check.len("roleArn", input.role_arn.as_deref(), 1, 256);
        check.len(
            "versionDescription",
            input.version_description.as_deref(),
            0,
            256,
        );
        check_logging(&mut check, input.logging_configuration.as_ref());
        encryption::check_constraints(&mut check, input.encryption_configuration.as_ref());
        check.finish()?;
        let requested = present(input.state_machine_arn);
        let (base, qualifier) = arn::state_machine(&requested)?;
        match qualifier {
            Qualifier::None => {}
            Qualifier::Label(_) => return Err(arn::labeled_arn_refused(&requested)),
            _ => return Err(SfnError::StateMachineDoesNotExist(requested)),
        }
        let nothing = input.definition.is_none()
            && input.role_arn.is_none()
            && input.logging_configuration.is_none()
            && input.tracing_configuration.is_none()
            && input.encryption_configuration.is_none();
        if nothing {
            return Err(SfnError::MissingRequiredParameter(
                "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified"
                    .into(),
            ));
        }
        let publish = input.publish.unwrap_or(false);
        check_version_description(publish, input.version_description.as_deref())?;
        if let Some(role_arn) = &input.role_arn {
            check_role_arn(role_arn)?;
        }
        check_logging_destinations(input.logging_configuration.as_ref())?;
        encryption::check_key(input.encryption_configuration.as_ref())?;
        let machine_type = self
            .machine_type(&base)
            .ok_or_else(|| SfnError::StateMachineDoesNotExist(requested.clone()))?;
        let definition = match &input.definition {
            Some(text) => Some((
                RenderedDefinition::new(text),
                parse_definition(text, machine_type)?,
            )),
            None => None,
        };
        let changes = Changes {
            definition,
            role_arn: input.role_arn,
            logging: input.logging_configuration,
            tracing: input.tracing_configuration,
            encryption: input.encryption_configuration,
        };

        let mut state = self.lock();
        let machine = state
            .machines
            .get_mut(&base)
            .ok_or(SfnError::StateMachineDoesNotExist(requested))?;
        let now = self.now();
        let revision = &mut machine.current;
        if changes.alter(revision) {
            changes.apply(revision);
            revision.revision_id = Some(uuid::Uuid::new_v4().to_string());
            revision.update_date = now;
        }
        let revision_id = revision.revision_id.clone();
        let version_arn = match publish {
            true => {
                let number = versions::publish(machine, input.version_description, now)?;
                Some(machine.version_arn(number))
            }
            false => None,
        };
        Ok(UpdateStateMachineOutput {
            update_date: now,
            revision_id,
            state_machine_version_arn: version_arn,
        })
    }

    /// DeleteStateMachine: removes the machine with its versions and aliases. Deleting a machine
    /// that does not exist succeeds, as on AWS.
    pub fn delete_state_machine(
        &self,
        input: DeleteStateMachineInput,
    ) -> SfnResult<DeleteStateMachineOutput> {
        let mut check = Check::new();
        check.required("stateMachineArn", &input.state_machine_arn);
        check.len(
            "stateMachineArn",
            input.state_machine_arn.as_deref(),
            1,
            256,
        );
        check.finish()?;
        let requested = present(input.state_machine_arn);
        let (base, qualifier) = arn::state_machine(&requested)?;
        if let Qualifier::Label(_) = qualifier {
            return Err(arn::labeled_arn_refused(&requested));
        }
        if qualifier != Qualifier::None {
            return Err(SfnError::Validation(format!(
                "Unsupported state machine ARN '{requested}': use DeleteStateMachineVersion or DeleteStateMachineAlias for qualified ARNs"
            )));
        }
        self.lock().machines.remove(&base);
        Ok(DeleteStateMachineOutput {})
    }

    /// ListStateMachines, in ascending name order.
    pub fn list_state_machines(
        &self,
        input: ListStateMachinesInput,
    ) -> SfnResult<ListStateMachinesOutput> {
        let page = PageRequest {
            max_results: input.max_results,
            next_token: input.next_token,
        };
        let mut check = Check::new();
        page.check(&mut check, 1024);
        check.finish()?;
        let state = self.lock();
        let items = state
            .machines
            .values()
            .map(|m| {
                let item = StateMachineListItem {
                    state_machine_arn: m.arn.clone(),
                    name: m.name.clone(),
                    r#type: type_name(m.machine_type).to_owned(),
                    creation_date: m.creation_date,
                };
                (m.name.clone(), item)
            })
            .collect();
        let (state_machines, next_token) = page.page(items)?;
        Ok(ListStateMachinesOutput {
            state_machines,
            next_token,
        })
    }

    /// ValidateStateMachineDefinition: always answers, with diagnostics rather than an error.
    pub fn validate_state_machine_definition(
        &self,
        input: ValidateStateMachineDefinitionInput,
    ) -> SfnResult<ValidateStateMachineDefinitionOutput> {
        let mut check = Check::new();
        check.required("definition", &input.definition);
        check.len("definition", input.definition.as_deref(), 1, DEFINITION_MAX);
        check.one_of("type", input.r#type.as_deref(), MACHINE_TYPES);
        check.one_of("severity", input.severity.as_deref(), &["ERROR", "WARNING"]);
        check.range("maxResults", input.max_results, 0, 100);
        check.finish()?;
        let outcome = validate::check(
            &present(input.definition),
            parse_type(input.r#type.as_deref()),
        );
        let with_warnings = input.severity.as_deref() == Some("WARNING");
        let limit = match input.max_results {
            Some(n) if n > 0 => n as usize,
            _ => 100,
        };
        let failed = outcome
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        let mut shown: Vec<ValidateStateMachineDefinitionDiagnostic> = outcome
            .diagnostics
            .into_iter()
            .filter(|d| with_warnings || d.severity == Severity::Error)
            .map(diagnostic_item)
            .collect();
        let truncated = shown.len() > limit;
        shown.truncate(limit);
        Ok(ValidateStateMachineDefinitionOutput {
            result: if failed { "FAIL" } else { "OK" }.to_owned(),
            diagnostics: shown,
            truncated: Some(truncated),
        })
    }

    fn machine_type(&self, arn: &str) -> Option<MachineType> {
        self.lock().machines.get(arn).map(|m| m.machine_type)
    }
}

fn diagnostic_item(d: Diagnostic) -> ValidateStateMachineDefinitionDiagnostic {
    ValidateStateMachineDefinitionDiagnostic {
        severity: if d.severity == Severity::Error {
            "ERROR"
        } else {
            "WARNING"
        }
        .to_owned(),
        code: d.code.to_owned(),
        message: d.message,
        location: d.location,
    }
}

fn describe(
    machine: &StateMachine,
    revision: &Revision,
    arn: String,
    created: Timestamp,
) -> DescribeStateMachineOutput {
    DescribeStateMachineOutput {
        state_machine_arn: arn,
        name: machine.name.clone(),
        status: Some("ACTIVE".to_owned()),
        definition: revision.rendered.text(),
        role_arn: revision.role_arn.clone(),
        r#type: type_name(machine.machine_type).to_owned(),
        creation_date: created,
        logging_configuration: Some(revision.logging.clone()),
        tracing_configuration: Some(revision.tracing.clone()),
        label: None,
        revision_id: revision.revision_id.clone(),
        description: None,
        encryption_configuration: revision.encryption.clone(),
        variable_references: revision.rendered.variable_references(),
    }
}
