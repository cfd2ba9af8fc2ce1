//! CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
//! DeleteStateMachineAlias and ListStateMachineAliases.

use super::Sfn;
use super::arn::{self, Qualifier};
use super::check::{Check, present};
use super::error::{SfnError, SfnResult, ValidationReason};
use super::page::PageRequest;
use super::state::{Alias, StateMachine};
use super::types::{
    CreateStateMachineAliasInput, CreateStateMachineAliasOutput, DeleteStateMachineAliasInput,
    DeleteStateMachineAliasOutput, DescribeStateMachineAliasInput, DescribeStateMachineAliasOutput,
    ListStateMachineAliasesInput, ListStateMachineAliasesOutput, RoutingConfigurationListItem,
    StateMachineAliasListItem, UpdateStateMachineAliasInput, UpdateStateMachineAliasOutput,
};

/// AWS's limit on aliases per state machine.
const MAX_ALIASES: usize = 100;

/// The model's `CharacterRestrictedName` pattern for alias names.
const ALIAS_NAME_PATTERN: &str = r"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$";

/// Alias names: letters, digits, `_`, `-`, `.`, with at least one non-digit so that an alias can
/// never be mistaken for a version number. AWS reports a violation as the model's pattern
/// (recorded), not as `InvalidName`.
fn alias_name(name: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "_-.".contains(c);
    name.chars().all(allowed) && name.chars().any(|c| !c.is_ascii_digit())
}

fn check_alias_name(check: &mut Check, name: Option<&str>) {
    let name = name.filter(|n| !n.is_empty());
    check.pattern("name", name, ALIAS_NAME_PATTERN, alias_name);
}

/// A routing list as AWS's validator quotes it: Java's rendering of the items (recorded).
fn quoted_routing(routing: &[RoutingConfigurationListItem]) -> String {
    let items: Vec<String> = routing
        .iter()
        .map(|item| {
            format!(
                "RoutingConfigurationListItem(stateMachineVersionArn={}, weight={})",
                item.state_machine_version_arn.as_deref().unwrap_or("null"),
                item.weight.map_or("null".to_owned(), |w| w.to_string())
            )
        })
        .collect();
    format!("[{}]", items.join(", "))
}

fn check_routing(check: &mut Check, routing: Option<&[RoutingConfigurationListItem]>) {
    let Some(routing) = routing else { return };
    if routing.is_empty() || routing.len() > 2 {
        let constraint = if routing.is_empty() {
            "greater than or equal to 1"
        } else {
            "less than or equal to 2"
        };
        check.custom(format!(
            "Value '{}' at 'routingConfiguration' failed to satisfy constraint: Member must have length {constraint}",
            quoted_routing(routing)
        ));
    }
    for (i, item) in routing.iter().enumerate() {
        let field = format!("routingConfiguration.{}.member", i + 1);
        check.required(
            &format!("{field}.stateMachineVersionArn"),
            &item.state_machine_version_arn,
        );
        check.required(&format!("{field}.weight"), &item.weight);
        check.len(
            &format!("{field}.stateMachineVersionArn"),
            item.state_machine_version_arn.as_deref(),
            1,
            256,
        );
        check.range(&format!("{field}.weight"), item.weight, 0, 100);
    }
}

/// A routing rule broken: AWS's recorded wording is `<rule>. Received: [<what was sent>]`; the
/// `INVALID_ROUTING_CONFIGURATION` reason is the model's.
fn invalid_routing(rule: &str, received: &[String]) -> SfnError {
    SfnError::ValidationFor(
        format!("{rule}. Received: [{}]", received.join(", ")),
        ValidationReason::InvalidRoutingConfiguration,
    )
}

fn routing_arns(routing: &[RoutingConfigurationListItem]) -> Vec<String> {
    let arn = |item: &RoutingConfigurationListItem| {
        item.state_machine_version_arn.clone().unwrap_or_default()
    };
    routing.iter().map(arn).collect()
}

/// Resolves routing entries to version numbers of one machine, enforcing AWS's rules in the
/// recorded wording: version ARNs only, distinct, of one state machine (wording guessed), weights
/// summing to 100.
fn resolve_routing(
    routing: &[RoutingConfigurationListItem],
) -> SfnResult<(String, Vec<(u32, i64)>)> {
    let arns = routing_arns(routing);
    let mut parsed = Vec::new();
    for version_arn in &arns {
        match arn::state_machine(version_arn)? {
            (base, Qualifier::Version(number)) => parsed.push((base, number)),
            _ => {
                let rule = "Routing configuration must contain state machine version ARNs";
                return Err(invalid_routing(rule, &arns));
            }
        }
    }
    if parsed.iter().any(|(base, _)| *base != parsed[0].0) {
        let rule = "Routing configuration must contain versions of the same state machine";
        return Err(invalid_routing(rule, &arns));
    }
    if parsed
        .iter()
        .enumerate()
        .any(|(i, p)| parsed[..i].contains(p))
    {
        let rule = "Routing configuration must contain distinct state machine version ARNs";
        return Err(invalid_routing(rule, &arns));
    }
    let weights: Vec<i64> = routing
        .iter()
        .map(|i| i.weight.unwrap_or_default())
        .collect();
    if weights.iter().sum::<i64>() != 100 {
        let received: Vec<String> = weights.iter().map(i64::to_string).collect();
        let rule = "Sum of routing configuration weights must equal 100";
        return Err(invalid_routing(rule, &received));
    }
    let base = parsed.first().map(|(b, _)| b.clone()).unwrap_or_default();
    let resolved = parsed.iter().zip(weights).map(|((_, n), w)| (*n, w));
    Ok((base, resolved.collect()))
}

fn check_versions_exist(machine: &StateMachine, routing: &[(u32, i64)]) -> SfnResult<()> {
    match routing
        .iter()
        .find(|(n, _)| !machine.versions.contains_key(n))
    {
        Some((n, _)) => Err(SfnError::ResourceNotFound(machine.version_arn(*n))),
        None => Ok(()),
    }
}

fn alias_target(requested: &str) -> SfnResult<(String, String)> {
    match arn::state_machine(requested)? {
        (base, Qualifier::Alias(name)) => Ok((base, name)),
        _ => Err(SfnError::Validation(format!(
            "Invalid State Machine Alias Arn: '{requested}'"
        ))),
    }
}

fn not_found(arn: &str) -> SfnError {
    SfnError::ResourceNotFound(arn.to_owned())
}

fn routing_wire(
    machine: &StateMachine,
    routing: &[(u32, i64)],
) -> Vec<RoutingConfigurationListItem> {
    routing
        .iter()
        .map(|(n, w)| RoutingConfigurationListItem {
            state_machine_version_arn: Some(machine.version_arn(*n)),
            weight: Some(*w),
        })
        .collect()
}

impl Sfn {
    /// CreateStateMachineAlias; a repeat with the same settings returns the existing alias.
    pub fn create_state_machine_alias(
        &self,
        input: CreateStateMachineAliasInput,
    ) -> SfnResult<CreateStateMachineAliasOutput> {
        let mut check = Check::new();
        check
            .required("name", &input.name)
            .required("routingConfiguration", &input.routing_configuration);
        check.len("name", input.name.as_deref(), 1, 80);
        check_alias_name(&mut check, input.name.as_deref());
        check.len("description", input.description.as_deref(), 0, 256);
        check_routing(&mut check, input.routing_configuration.as_deref());
        check.finish()?;
        let name = present(input.name);
        let (base, routing) = resolve_routing(&present(input.routing_configuration))?;
        let mut state = self.lock();
        let machine = state
            .machines
            .get_mut(&base)
            .ok_or_else(|| not_found(&base))?;
        check_versions_exist(machine, &routing)?;
        let alias_arn = format!("{base}:{name}");
        if let Some(existing) = machine.aliases.get(&name) {
            if existing.routing != routing || existing.description != input.description {
                return Err(SfnError::Conflict(
                    "Failed to create alias because an alias with the same name and a different routing configuration already exists."
                        .into(),
                ));
            }
            return Ok(CreateStateMachineAliasOutput {
                state_machine_alias_arn: alias_arn,
                creation_date: existing.creation_date,
            });
        }
        if machine.aliases.len() >= MAX_ALIASES {
            return Err(SfnError::ServiceQuotaExceeded(format!(
                "Failed to create alias: the State Machine '{base}' already has {MAX_ALIASES} aliases"
            )));
        }
        let now = self.now();
        let alias = Alias {
            arn: alias_arn.clone(),
            name: name.clone(),
            description: input.description,
            routing,
            creation_date: now,
            update_date: now,
        };
        machine.aliases.insert(name, alias);
        Ok(CreateStateMachineAliasOutput {
            state_machine_alias_arn: alias_arn,
            creation_date: now,
        })
    }

    /// DescribeStateMachineAlias.
    pub fn describe_state_machine_alias(
        &self,
        input: DescribeStateMachineAliasInput,
    ) -> SfnResult<DescribeStateMachineAliasOutput> {
        let requested = checked_alias_arn(input.state_machine_alias_arn)?;
        let (base, name) = alias_target(&requested)?;
        let state = self.lock();
        let machine = state
            .machines
            .get(&base)
            .ok_or_else(|| not_found(&requested))?;
        let alias = machine
            .aliases
            .get(&name)
            .ok_or_else(|| not_found(&requested))?;
        Ok(DescribeStateMachineAliasOutput {
            state_machine_alias_arn: Some(alias.arn.clone()),
            name: Some(alias.name.clone()),
            description: alias.description.clone(),
            routing_configuration: Some(routing_wire(machine, &alias.routing)),
            creation_date: Some(alias.creation_date),
            update_date: Some(alias.update_date),
        })
    }

    /// UpdateStateMachineAlias: a new description and/or routing.
    pub fn update_state_machine_alias(
        &self,
        input: UpdateStateMachineAliasInput,
    ) -> SfnResult<UpdateStateMachineAliasOutput> {
        let mut check = Check::new();
        check.required("stateMachineAliasArn", &input.state_machine_alias_arn);
        check.len(
            "stateMachineAliasArn",
            input.state_machine_alias_arn.as_deref(),
            1,
            256,
        );
        check.len("description", input.description.as_deref(), 0, 256);
        check_routing(&mut check, input.routing_configuration.as_deref());
        check.finish()?;
        let requested = present(input.state_machine_alias_arn);
        let (base, name) = alias_target(&requested)?;
        if input.description.is_none() && input.routing_configuration.is_none() {
            // The model's MISSING_REQUIRED_PARAMETER reason fits; the wording is a guess.
            return Err(SfnError::ValidationFor(
                "Either the description or the routingConfiguration must be specified".into(),
                ValidationReason::MissingRequiredParameter,
            ));
        }
        let routing = match &input.routing_configuration {
            Some(items) => {
                let (routed_base, routing) = resolve_routing(items)?;
                if routed_base != base {
                    let rule =
                        "Routing configuration must contain versions of the alias's state machine";
                    return Err(invalid_routing(rule, &routing_arns(items)));
                }
                Some(routing)
            }
            None => None,
        };
        let mut state = self.lock();
        let machine = state
            .machines
            .get_mut(&base)
            .ok_or_else(|| not_found(&requested))?;
        if let Some(routing) = &routing {
            check_versions_exist(machine, routing)?;
        }
        let alias = machine
            .aliases
            .get_mut(&name)
            .ok_or_else(|| SfnError::NoSuchResource(requested.clone()))?;
        if let Some(routing) = routing {
            alias.routing = routing;
        }
        if let Some(description) = input.description {
            alias.description = Some(description);
        }
        alias.update_date = self.now();
        Ok(UpdateStateMachineAliasOutput {
            update_date: alias.update_date,
        })
    }

    /// DeleteStateMachineAlias; the versions it routed to are kept. Deleting an alias that does
    /// not exist succeeds, as on AWS (recorded).
    pub fn delete_state_machine_alias(
        &self,
        input: DeleteStateMachineAliasInput,
    ) -> SfnResult<DeleteStateMachineAliasOutput> {
        let requested = checked_alias_arn(input.state_machine_alias_arn)?;
        let (base, name) = alias_target(&requested)?;
        if let Some(machine) = self.lock().machines.get_mut(&base) {
            machine.aliases.remove(&name);
        }
        Ok(DeleteStateMachineAliasOutput {})
    }

    /// ListStateMachineAliases, oldest first (AWS's recorded listings put aliases in creation
    /// order, which is also name order there; ties here go by name); a version ARN lists the
    /// aliases routing to it.
    pub fn list_state_machine_aliases(
        &self,
        input: ListStateMachineAliasesInput,
    ) -> SfnResult<ListStateMachineAliasesOutput> {
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
        let (base, qualifier) = arn::state_machine(&requested)?;
        let state = self.lock();
        let machine = state
            .machines
            .get(&base)
            .ok_or_else(|| SfnError::StateMachineDoesNotExist(requested.clone()))?;
        let version = match qualifier {
            Qualifier::None => None,
            Qualifier::Version(n) if machine.versions.contains_key(&n) => Some(n),
            _ => return Err(not_found(&requested)),
        };
        let mut aliases: Vec<&Alias> = machine
            .aliases
            .values()
            .filter(|a| version.is_none_or(|n| a.routing.iter().any(|(v, _)| *v == n)))
            .collect();
        aliases.sort_by(|a, b| {
            (a.creation_date)
                .cmp(&b.creation_date)
                .then_with(|| a.name.cmp(&b.name))
        });
        let items = aliases
            .into_iter()
            .map(|a| {
                (
                    a.arn.clone(),
                    StateMachineAliasListItem {
                        state_machine_alias_arn: a.arn.clone(),
                        creation_date: a.creation_date,
                    },
                )
            })
            .collect();
        let (state_machine_aliases, next_token) = page.page(items)?;
        Ok(ListStateMachineAliasesOutput {
            state_machine_aliases,
            next_token,
        })
    }
}

fn checked_alias_arn(arn: Option<String>) -> SfnResult<String> {
    let mut check = Check::new();
    check.required("stateMachineAliasArn", &arn);
    check.len("stateMachineAliasArn", arn.as_deref(), 1, 256);
    check.finish()?;
    Ok(present(arn))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_names_need_a_non_digit() {
        assert!(alias_name("prod"));
        assert!(alias_name("v-1.2_x"));
        assert!(!alias_name("123"));
        assert!(!alias_name("a b"));
    }

    fn item(arn: &str, weight: i64) -> RoutingConfigurationListItem {
        RoutingConfigurationListItem {
            state_machine_version_arn: Some(arn.into()),
            weight: Some(weight),
        }
    }

    const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:m";

    #[test]
    fn routing_weights_must_sum_to_one_hundred() {
        let ok =
            resolve_routing(&[item(&format!("{SM}:1"), 60), item(&format!("{SM}:2"), 40)]).unwrap();
        assert_eq!(ok, (SM.to_owned(), vec![(1, 60), (2, 40)]));
        let err = resolve_routing(&[item(&format!("{SM}:1"), 70), item(&format!("{SM}:2"), 29)]);
        assert_eq!(
            err.unwrap_err().message(),
            "Sum of routing configuration weights must equal 100. Received: [70, 29]"
        );
    }

    #[test]
    fn routing_rejects_duplicates_and_unversioned_arns() {
        assert!(
            resolve_routing(&[item(&format!("{SM}:1"), 50), item(&format!("{SM}:1"), 50)]).is_err()
        );
        assert!(resolve_routing(&[item(SM, 100)]).is_err());
    }
}
