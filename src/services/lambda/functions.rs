//! Function, version, alias and tag operations: the Lambda control plane.

use super::code::Code;
use super::error::{LambdaError, LambdaResult};
use super::model::*;
use super::names::{self, FunctionRef, out_of_range};
use super::types::{
    self, CreateAliasRequest, CreateFunctionRequest, FunctionCodeLocation, GetFunctionResponse,
    ListAliasesResponse, ListFunctionsResponse, ListTagsResponse, ListVersionsByFunctionResponse,
    PublishVersionRequest, TagResourceRequest, UpdateAliasRequest, UpdateFunctionCodeRequest,
    UpdateFunctionConfigurationRequest,
};
use super::{Function, Lambda, State, Version};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Runtimes the model lists; any other value is a validation error.
const RUNTIMES: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "nodejs20.x",
    "nodejs22.x",
    "nodejs24.x",
    "java8",
    "java8.al2",
    "java11",
    "java17",
    "java21",
    "java25",
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "python3.10",
    "python3.11",
    "python3.12",
    "python3.13",
    "python3.14",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet6",
    "dotnet8",
    "dotnet10",
    "nodejs4.3-edge",
    "go1.x",
    "ruby2.5",
    "ruby2.7",
    "ruby3.2",
    "ruby3.3",
    "ruby3.4",
    "provided",
    "provided.al2",
    "provided.al2023",
];

/// Variables Lambda sets itself; a function may not configure them.
const RESERVED_VARIABLES: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

const DEFAULT_TIMEOUT: u32 = 3;
const DEFAULT_MEMORY: u32 = 128;
const MAX_TIMEOUT: u32 = 900;
const DEFAULT_PAGE: usize = 50;

impl Lambda {
    /// `CreateFunction`.
    pub fn create_function(
        &self,
        mut req: CreateFunctionRequest,
    ) -> LambdaResult<FunctionConfiguration> {
        let checked = check_create(&req)?;
        let code = std::mem::take(&mut req.code);
        let zip = zip_bytes(
            code.zip_file.as_deref(),
            code.s3_bucket.is_some() || code.s3_key.is_some(),
            code.image_uri.is_some(),
        )?;
        if self.state().functions.contains_key(&checked.name) {
            return Err(conflict_exists(&checked.name));
        }
        // Unpacking happens outside the lock: a large zip must not stall other requests.
        let code = Arc::new(self.code.unpack(&checked.name, &zip)?);
        let (tags, publish) = (
            req.tags.take().unwrap_or_default(),
            req.publish == Some(true),
        );
        let config = self.new_configuration(&checked, &code, req);
        let latest = Version::new(config, code);
        self.store_new(checked.name, latest, tags, publish)
    }

    /// The `$LATEST` configuration of a function being created.
    fn new_configuration(
        &self,
        checked: &CheckedCreate,
        code: &Code,
        req: CreateFunctionRequest,
    ) -> FunctionConfiguration {
        let name = &checked.name;
        FunctionConfiguration {
            function_name: name.clone(),
            function_arn: self.scope.function_arn(name),
            runtime: Some(checked.runtime.clone()),
            role: checked.role.clone(),
            handler: Some(checked.handler.clone()),
            code_size: code.size,
            description: req.description.unwrap_or_default(),
            timeout: checked.timeout,
            memory_size: checked.memory_size,
            last_modified: last_modified(self.clock.now()),
            code_sha256: code.sha256.clone(),
            version: "$LATEST".to_owned(),
            environment: (req.environment.map(Environment::from))
                .filter(|e| !e.variables.is_empty()),
            tracing_config: (req.tracing_config.map(TracingConfig::from)).unwrap_or(
                TracingConfig {
                    mode: "PassThrough".to_owned(),
                },
            ),
            revision_id: revision(),
            layers: layers(req.layers.unwrap_or_default()),
            state: "Active".to_owned(),
            last_update_status: "Successful".to_owned(),
            package_type: "Zip".to_owned(),
            architectures: req
                .architectures
                .unwrap_or_else(|| vec!["x86_64".to_owned()]),
            ephemeral_storage: (req.ephemeral_storage.map(EphemeralStorage::from))
                .unwrap_or(EphemeralStorage { size: 512 }),
            snap_start: SnapStart {
                apply_on: "None".to_owned(),
                optimization_status: "Off".to_owned(),
            },
            logging_config: logging(req.logging_config.map(LoggingConfig::from), name),
        }
    }

    /// Stores a new function unless another request created it meanwhile; answers its
    /// configuration (its first version's, when `Publish` asked for one).
    fn store_new(
        &self,
        name: String,
        latest: Version,
        tags: BTreeMap<String, String>,
        publish_now: bool,
    ) -> LambdaResult<FunctionConfiguration> {
        let mut state = self.state();
        if state.functions.contains_key(&name) {
            return Err(conflict_exists(&name));
        }
        let mut function = Function {
            latest,
            versions: BTreeMap::new(),
            next_version: 1,
            aliases: BTreeMap::new(),
            tags,
            concurrency: Default::default(),
        };
        let created = match publish_now {
            true => (*publish(&mut function, None).config).clone(),
            false => (*function.latest.config).clone(),
        };
        state.functions.insert(name, function);
        Ok(created)
    }

    /// `GetFunction`: configuration, code location and tags.
    pub fn get_function(
        &self,
        name: &str,
        qualifier: Option<&str>,
    ) -> LambdaResult<GetFunctionResponse> {
        let reference = reference(name, qualifier)?;
        let state = self.state();
        let function = self.function(&state, &reference.name)?;
        let version = self.version_of(function, &reference)?;
        Ok(GetFunctionResponse {
            configuration: Some(version.wire()),
            code: Some(FunctionCodeLocation {
                repository_type: Some("S3".to_owned()),
                location: Some(String::new()),
                ..FunctionCodeLocation::default()
            }),
            tags: (!function.tags.is_empty()).then(|| function.tags.clone()),
            tags_error: None,
            concurrency: function.concurrency.reservation(),
        })
    }

    /// `GetFunctionConfiguration`.
    pub fn get_function_configuration(
        &self,
        name: &str,
        qualifier: Option<&str>,
    ) -> LambdaResult<Arc<types::FunctionConfiguration>> {
        let reference = reference(name, qualifier)?;
        let state = self.state();
        let function = self.function(&state, &reference.name)?;
        Ok(self.version_of(function, &reference)?.wire())
    }

    /// `ListFunctions`: `$LATEST` of every function in name order, or every version with
    /// `FunctionVersion=ALL`.
    pub fn list_functions(
        &self,
        all_versions: bool,
        marker: Option<&str>,
        max_items: Option<usize>,
    ) -> LambdaResult<ListFunctionsResponse> {
        let state = self.state();
        // Keys sort as the map does: `!` is below every character a name may hold.
        let mut items = Vec::new();
        for (name, function) in &state.functions {
            items.push((format!("{name}!$LATEST"), &function.latest));
            if all_versions {
                for (n, version) in &function.versions {
                    items.push((format!("{name}!{n:010}"), version));
                }
            }
        }
        let (page, next_marker) = page(items, marker, max_items)?;
        Ok(ListFunctionsResponse {
            functions: Some(page.into_iter().map(Version::wire).collect()),
            next_marker,
        })
    }

    /// `UpdateFunctionConfiguration` (of `$LATEST`).
    pub fn update_function_configuration(
        &self,
        name: &str,
        req: UpdateFunctionConfigurationRequest,
    ) -> LambdaResult<FunctionConfiguration> {
        let reference = unqualified(name)?;
        if let Some(role) = &req.role {
            check_role(role)?;
        }
        if let Some(runtime) = &req.runtime {
            check_runtime(runtime)?;
        }
        if let Some(handler) = &req.handler {
            check_handler(handler)?;
        }
        let timeout = check_timeout(unsigned(req.timeout))?;
        let memory_size = check_memory(unsigned(req.memory_size))?;
        check_description(req.description.as_deref())?;
        let environment = req.environment.map(Environment::from);
        if let Some(env) = &environment {
            check_environment(&env.variables)?;
        }
        let mut state = self.state();
        let function = self.function_mut(&mut state, &reference.name)?;
        check_revision(
            &function.latest.config.revision_id,
            req.revision_id.as_deref(),
        )?;
        let config = function.latest.config_mut();
        if let Some(role) = req.role {
            config.role = role;
        }
        if let Some(runtime) = req.runtime {
            config.runtime = Some(runtime);
        }
        if let Some(handler) = req.handler {
            config.handler = Some(handler);
        }
        if let Some(description) = req.description {
            config.description = description;
        }
        config.timeout = timeout.unwrap_or(config.timeout);
        config.memory_size = memory_size.unwrap_or(config.memory_size);
        if let Some(environment) = environment {
            config.environment = Some(environment).filter(|e| !e.variables.is_empty());
        }
        if let Some(layers_arns) = req.layers {
            config.layers = layers(layers_arns);
        }
        if let Some(tracing) = req.tracing_config {
            config.tracing_config = tracing.into();
        }
        if let Some(storage) = req.ephemeral_storage {
            config.ephemeral_storage = storage.into();
        }
        if let Some(logging_config) = req.logging_config {
            config.logging_config = logging(Some(logging_config.into()), name);
        }
        config.last_modified = last_modified(self.clock.now());
        config.revision_id = revision();
        let updated = config.clone();
        drop(state);
        // Warm processes run the old configuration: they go.
        self.runtimes.retire(&reference.name, Some("$LATEST"));
        Ok(updated)
    }

    /// `UpdateFunctionCode` (of `$LATEST`).
    pub fn update_function_code(
        &self,
        name: &str,
        req: UpdateFunctionCodeRequest,
    ) -> LambdaResult<FunctionConfiguration> {
        let reference = unqualified(name)?;
        let zip = zip_bytes(
            req.zip_file.as_deref(),
            req.s3_bucket.is_some() || req.s3_key.is_some(),
            req.image_uri.is_some(),
        )?;
        {
            let state = self.state();
            let function = self.function(&state, &reference.name)?;
            check_revision(
                &function.latest.config.revision_id,
                req.revision_id.as_deref(),
            )?;
        }
        let code: Arc<Code> = Arc::new(self.code.unpack(&reference.name, &zip)?);
        let mut state = self.state();
        let function = self.function_mut(&mut state, &reference.name)?;
        if req.dry_run == Some(true) {
            let mut config = (*function.latest.config).clone();
            config.code_sha256 = code.sha256.clone();
            config.code_size = code.size;
            return Ok(config);
        }
        function.latest.code = code.clone();
        let config = function.latest.config_mut();
        config.code_sha256 = code.sha256.clone();
        config.code_size = code.size;
        if let Some(architectures) = req.architectures {
            config.architectures = architectures;
        }
        config.last_modified = last_modified(self.clock.now());
        config.revision_id = revision();
        let updated = match req.publish == Some(true) {
            true => (*publish(function, None).config).clone(),
            false => (*function.latest.config).clone(),
        };
        drop(state);
        self.runtimes.retire(&reference.name, Some("$LATEST"));
        Ok(updated)
    }

    /// `DeleteFunction`: the whole function, or one version with a qualifier.
    pub fn delete_function(&self, name: &str, qualifier: Option<&str>) -> LambdaResult<()> {
        let reference = reference(name, qualifier)?;
        let mut state = self.state();
        let arn = self.scope.function_arn(&reference.name);
        match reference.qualifier.as_deref() {
            None => {
                let function = state
                    .functions
                    .remove(&reference.name)
                    .ok_or_else(|| not_found(&arn))?;
                drop(state);
                self.runtimes.retire(&reference.name, None);
                self.recent.forget(Some(&reference.name));
                drop(function);
                Ok(())
            }
            Some("$LATEST") => Err(LambdaError::InvalidParameterValue(
                "$LATEST version cannot be deleted without deleting the function.".to_owned(),
            )),
            Some(qualifier) => {
                let function = self.function_mut(&mut state, &reference.name)?;
                let Ok(number) = qualifier.parse::<u32>() else {
                    return Err(LambdaError::InvalidParameterValue(
                        "Deletion of aliases is not currently supported.".to_owned(),
                    ));
                };
                let users: Vec<&str> = function
                    .aliases
                    .values()
                    .filter(|a| a.function_version == qualifier)
                    .map(|a| a.name.as_str())
                    .collect();
                if !users.is_empty() {
                    return Err(LambdaError::ResourceConflict(format!(
                        "Unable to delete version because the following aliases reference it: [{}]",
                        users.join(", ")
                    )));
                }
                let version = function.versions.remove(&number);
                drop(state);
                self.runtimes.retire(&reference.name, Some(qualifier));
                drop(version);
                Ok(())
            }
        }
    }

    /// `PublishVersion`: a new version from `$LATEST`, unless the newest version already has
    /// the same code and configuration.
    pub fn publish_version(
        &self,
        name: &str,
        req: PublishVersionRequest,
    ) -> LambdaResult<FunctionConfiguration> {
        let reference = unqualified(name)?;
        let mut state = self.state();
        let function = self.function_mut(&mut state, &reference.name)?;
        check_revision(
            &function.latest.config.revision_id,
            req.revision_id.as_deref(),
        )?;
        if let Some(sha) = &req.code_sha256
            && *sha != function.latest.config.code_sha256
        {
            return Err(LambdaError::InvalidParameterValue(format!(
                "CodeSHA256 ({sha}) is different from current CodeSHA256 in $LATEST ({}). Please try again with the CodeSHA256 in $LATEST.",
                function.latest.config.code_sha256
            )));
        }
        Ok((*publish(function, req.description).config).clone())
    }

    /// `ListVersionsByFunction`: `$LATEST` then the versions in order.
    pub fn list_versions_by_function(
        &self,
        name: &str,
        marker: Option<&str>,
        max_items: Option<usize>,
    ) -> LambdaResult<ListVersionsByFunctionResponse> {
        let reference = unqualified(name)?;
        let state = self.state();
        let function = self.function(&state, &reference.name)?;
        let mut items = vec![("0000000000".to_owned(), &function.latest)];
        for (n, version) in &function.versions {
            items.push((format!("{n:010}"), version));
        }
        let (page, next_marker) = page(items, marker, max_items)?;
        Ok(ListVersionsByFunctionResponse {
            versions: Some(page.into_iter().map(Version::wire).collect()),
            next_marker,
        })
    }

    /// `CreateAlias`.
    pub fn create_alias(
        &self,
        name: &str,
        req: CreateAliasRequest,
    ) -> LambdaResult<AliasConfiguration> {
        let reference = unqualified(name)?;
        let alias = req.name.as_str();
        check_alias_name(alias)?;
        let version = req.function_version.as_str();
        let routing_config = req.routing_config.map(RoutingConfig::from);
        let mut state = self.state();
        let arn = self.scope.function_arn(&reference.name);
        let function = self.function_mut(&mut state, &reference.name)?;
        check_version_exists(function, version, &arn)?;
        if let Some(routing) = &routing_config {
            check_routing(function, routing, &arn)?;
        }
        if function.aliases.contains_key(alias) {
            return Err(LambdaError::ResourceConflict(format!(
                "Alias already exists: {arn}:{alias}"
            )));
        }
        let config = AliasConfiguration {
            alias_arn: format!("{arn}:{alias}"),
            name: alias.to_owned(),
            function_version: version.to_owned(),
            description: req.description.unwrap_or_default(),
            routing_config: routing_config.filter(|r| !r.additional_version_weights.is_empty()),
            revision_id: revision(),
        };
        function.aliases.insert(alias.to_owned(), config.clone());
        Ok(config)
    }

    /// `GetAlias`.
    pub fn get_alias(&self, name: &str, alias: &str) -> LambdaResult<AliasConfiguration> {
        let reference = unqualified(name)?;
        let state = self.state();
        let function = self.function(&state, &reference.name)?;
        function
            .aliases
            .get(alias)
            .cloned()
            .ok_or_else(|| alias_not_found(&self.scope.function_arn(&reference.name), alias))
    }

    /// `UpdateAlias`.
    pub fn update_alias(
        &self,
        name: &str,
        alias: &str,
        req: UpdateAliasRequest,
    ) -> LambdaResult<AliasConfiguration> {
        let reference = unqualified(name)?;
        let mut state = self.state();
        let arn = self.scope.function_arn(&reference.name);
        let function = self.function_mut(&mut state, &reference.name)?;
        if let Some(version) = &req.function_version {
            check_version_exists(function, version, &arn)?;
        }
        let routing_config = req.routing_config.map(RoutingConfig::from);
        if let Some(routing) = &routing_config {
            check_routing(function, routing, &arn)?;
        }
        let config = function
            .aliases
            .get_mut(alias)
            .ok_or_else(|| alias_not_found(&arn, alias))?;
        check_revision(&config.revision_id, req.revision_id.as_deref())?;
        if let Some(version) = req.function_version {
            config.function_version = version;
        }
        if let Some(description) = req.description {
            config.description = description;
        }
        if let Some(routing) = routing_config {
            config.routing_config =
                Some(routing).filter(|r| !r.additional_version_weights.is_empty());
        }
        config.revision_id = revision();
        Ok(config.clone())
    }

    /// `DeleteAlias` (an unknown alias is not an error, as in AWS).
    pub fn delete_alias(&self, name: &str, alias: &str) -> LambdaResult<()> {
        let reference = unqualified(name)?;
        let mut state = self.state();
        let function = self.function_mut(&mut state, &reference.name)?;
        function.aliases.remove(alias);
        Ok(())
    }

    /// `ListAliases`, optionally only those pointing at one version.
    pub fn list_aliases(
        &self,
        name: &str,
        function_version: Option<&str>,
        marker: Option<&str>,
        max_items: Option<usize>,
    ) -> LambdaResult<ListAliasesResponse> {
        let reference = unqualified(name)?;
        let state = self.state();
        let function = self.function(&state, &reference.name)?;
        let items = function
            .aliases
            .iter()
            .filter(|(_, a)| function_version.is_none_or(|v| a.function_version == v))
            .map(|(name, alias)| (name.clone(), alias))
            .collect();
        let (page, next_marker) = page(items, marker, max_items)?;
        Ok(ListAliasesResponse {
            aliases: Some(page.into_iter().map(AliasConfiguration::to_wire).collect()),
            next_marker,
        })
    }

    /// `TagResource` on a function or event source mapping ARN.
    pub fn tag_resource(&self, arn: &str, req: TagResourceRequest) -> LambdaResult<()> {
        self.with_tags(arn, |tags| tags.extend(req.tags))
    }

    /// `UntagResource`.
    pub fn untag_resource(&self, arn: &str, keys: &[String]) -> LambdaResult<()> {
        self.with_tags(arn, |tags| {
            for key in keys {
                tags.remove(key);
            }
        })
    }

    /// `ListTags`.
    pub fn list_tags(&self, arn: &str) -> LambdaResult<ListTagsResponse> {
        self.with_tags(arn, |tags| ListTagsResponse {
            tags: Some(tags.clone()),
        })
    }

    /// Runs `change` on the tags of the function or event source mapping `arn` names.
    fn with_tags<T>(
        &self,
        arn: &str,
        change: impl FnOnce(&mut BTreeMap<String, String>) -> T,
    ) -> LambdaResult<T> {
        if let Some(uuid) = self.mapping_of(arn) {
            return self.with_mapping_tags(uuid, change);
        }
        let mut state = self.state();
        let function = self.tagged(&mut state, arn)?;
        Ok(change(&mut function.tags))
    }

    /// The version an invocation of `name`/`qualifier` runs (an alias resolves to its version,
    /// or by weight to its additional version), and the ARN the caller invoked.
    pub(super) fn resolve(
        &self,
        name: &str,
        qualifier: Option<&str>,
    ) -> LambdaResult<(Version, String)> {
        let reference = reference(name, qualifier)?;
        let invoked_arn = self.scope.qualified_arn(&reference);
        let state = self.state();
        // Invocations name the version they asked for when the function is missing.
        let function = state
            .functions
            .get(&reference.name)
            .ok_or_else(|| not_found(&invoked_arn))?;
        let version = self.version_of(function, &reference)?.clone();
        Ok((version, invoked_arn))
    }

    fn tagged<'s>(&self, state: &'s mut State, arn: &str) -> LambdaResult<&'s mut Function> {
        let reference = names::parse(arn, "resource")?;
        if !arn.starts_with("arn:") || reference.qualifier.is_some() {
            return Err(LambdaError::InvalidParameterValue(format!(
                "The resource you requested is not a valid function ARN: {arn}"
            )));
        }
        self.function_mut(state, &reference.name)
    }

    pub(super) fn function<'s>(&self, state: &'s State, name: &str) -> LambdaResult<&'s Function> {
        state
            .functions
            .get(name)
            .ok_or_else(|| not_found(&self.scope.function_arn(name)))
    }

    pub(super) fn function_mut<'s>(
        &self,
        state: &'s mut State,
        name: &str,
    ) -> LambdaResult<&'s mut Function> {
        let arn = self.scope.function_arn(name);
        state.functions.get_mut(name).ok_or_else(|| not_found(&arn))
    }

    fn version_of<'f>(
        &self,
        function: &'f Function,
        reference: &FunctionRef,
    ) -> LambdaResult<&'f Version> {
        let arn = self.scope.function_arn(&reference.name);
        let Some(qualifier) = reference.qualifier.as_deref() else {
            return Ok(&function.latest);
        };
        if let Some(alias) = function.aliases.get(qualifier) {
            let version = routed_version(alias);
            return version_by_name(function, &version).ok_or_else(|| not_found(&arn));
        }
        version_by_name(function, qualifier)
            .ok_or_else(|| not_found(&self.scope.qualified_arn(reference)))
    }
}

/// A name plus a separate `Qualifier` parameter; the two must agree when both are given.
fn reference(name: &str, qualifier: Option<&str>) -> LambdaResult<FunctionRef> {
    let mut reference = names::parse(name, "functionName")?;
    match (reference.qualifier.as_deref(), qualifier) {
        (Some(a), Some(b)) if a != b => Err(LambdaError::InvalidParameterValue(
            "The derived qualifier from the function name does not match the specified qualifier."
                .to_owned(),
        )),
        (None, Some(q)) => {
            if !(q == "$LATEST" || names::is_name(q)) {
                return Err(out_of_range(
                    "qualifier",
                    q,
                    "Member must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)",
                ));
            }
            reference.qualifier = Some(q.to_owned());
            Ok(reference)
        }
        _ => Ok(reference),
    }
}

/// A name for an operation on the function as a whole.
/// The function a name, partial or full ARN names; qualifiers are refused.
pub(super) fn unqualified_name(name: &str) -> LambdaResult<String> {
    Ok(unqualified(name)?.name)
}

fn unqualified(name: &str) -> LambdaResult<FunctionRef> {
    let reference = names::parse(name, "functionName")?;
    match reference.qualifier {
        None => Ok(reference),
        Some(_) => Err(LambdaError::InvalidParameterValue(
            "Unsupported function name: a qualifier is not allowed here".to_owned(),
        )),
    }
}

fn version_by_name<'f>(function: &'f Function, name: &str) -> Option<&'f Version> {
    match name {
        "$LATEST" => Some(&function.latest),
        number => number
            .parse::<u32>()
            .ok()
            .and_then(|n| function.versions.get(&n)),
    }
}

/// The version an alias sends one invocation to, honouring its routing weights.
fn routed_version(alias: &AliasConfiguration) -> String {
    if let Some(routing) = &alias.routing_config {
        let mut roll: f64 = rand::random();
        for (version, weight) in &routing.additional_version_weights {
            if roll < *weight {
                return version.clone();
            }
            roll -= weight;
        }
    }
    alias.function_version.clone()
}

/// Publishes `$LATEST` as the next version, or returns the newest version if nothing changed.
fn publish(function: &mut Function, description: Option<String>) -> &Version {
    let unchanged = function.versions.last_key_value().is_some_and(|(_, v)| {
        v.config.code_sha256 == function.latest.config.code_sha256
            && same_settings(&v.config, &function.latest.config)
    });
    if unchanged {
        let (_, version) = function.versions.last_key_value().expect("checked above");
        return version;
    }
    let number = function.next_version;
    function.next_version += 1;
    let mut config = (*function.latest.config).clone();
    config.version = number.to_string();
    config.function_arn = format!("{}:{number}", config.function_arn);
    config.revision_id = revision();
    if let Some(description) = description {
        config.description = description;
    }
    let version = Version::new(config, function.latest.code.clone());
    function.versions.entry(number).or_insert(version)
}

/// Configuration equality ignoring what every update changes.
fn same_settings(a: &FunctionConfiguration, b: &FunctionConfiguration) -> bool {
    a.runtime == b.runtime
        && a.handler == b.handler
        && a.role == b.role
        && a.timeout == b.timeout
        && a.memory_size == b.memory_size
        && a.environment == b.environment
        && a.layers == b.layers
}

fn check_version_exists(function: &Function, version: &str, arn: &str) -> LambdaResult<()> {
    match version_by_name(function, version) {
        Some(_) => Ok(()),
        None => Err(not_found(&format!("{arn}:{version}"))),
    }
}

fn check_routing(function: &Function, routing: &RoutingConfig, arn: &str) -> LambdaResult<()> {
    for (version, weight) in &routing.additional_version_weights {
        check_version_exists(function, version, arn)?;
        if !(0.0..=1.0).contains(weight) {
            return Err(out_of_range(
                "routingConfig.additionalVersionWeights",
                weight,
                "Member must have value between 0.0 and 1.0",
            ));
        }
    }
    Ok(())
}

/// What `CreateFunction` checks of its request before any work: an unqualified name, a role,
/// a zip function's runtime and handler, and the ranges of its settings.
struct CheckedCreate {
    name: String,
    role: String,
    runtime: String,
    handler: String,
    timeout: u32,
    memory_size: u32,
}

fn check_create(req: &CreateFunctionRequest) -> LambdaResult<CheckedCreate> {
    let name = req.function_name.as_str();
    let FunctionRef {
        name,
        qualifier: None,
    } = names::parse(name, "functionName")?
    else {
        return Err(LambdaError::InvalidParameterValue(
            "Function name cannot contain a qualifier when creating a function".to_owned(),
        ));
    };
    let role = req.role.as_str();
    check_role(role)?;
    let (runtime, handler) = zip_entry_point(req)?;
    let timeout = check_timeout(unsigned(req.timeout))?.unwrap_or(DEFAULT_TIMEOUT);
    let memory_size = check_memory(unsigned(req.memory_size))?.unwrap_or(DEFAULT_MEMORY);
    check_description(req.description.as_deref())?;
    if let Some(variables) = req.environment.as_ref().and_then(|e| e.variables.as_ref()) {
        check_environment(variables)?;
    }
    Ok(CheckedCreate {
        name,
        role: role.to_owned(),
        runtime: runtime.to_owned(),
        handler: handler.to_owned(),
        timeout,
        memory_size,
    })
}

/// The runtime and handler of a .zip function, which Stepstone runs as a local process.
fn zip_entry_point(req: &CreateFunctionRequest) -> LambdaResult<(&str, &str)> {
    if req.package_type.as_deref() == Some("Image") {
        return Err(LambdaError::InvalidParameterValue(
            "Stepstone runs .zip file archives only: container image functions are not supported"
                .to_owned(),
        ));
    }
    let mandatory = || {
        LambdaError::InvalidParameterValue(
            "Runtime and Handler are mandatory parameters for functions created with deployment packages."
                .to_owned(),
        )
    };
    let runtime = req.runtime.as_deref().ok_or_else(mandatory)?;
    check_runtime(runtime)?;
    let handler = req.handler.as_deref().ok_or_else(mandatory)?;
    check_handler(handler)?;
    Ok((runtime, handler))
}

fn check_revision(current: &str, expected: Option<&str>) -> LambdaResult<()> {
    match expected {
        Some(expected) if expected != current => Err(LambdaError::PreconditionFailed(
            "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id".to_owned(),
        )),
        _ => Ok(()),
    }
}

fn check_role(role: &str) -> LambdaResult<()> {
    let valid = role
        .strip_prefix("arn:")
        .and_then(|rest| rest.split_once(":iam::"))
        .and_then(|(partition, rest)| {
            partition
                .starts_with("aws")
                .then_some(rest)
                .and_then(|r| r.split_once(":role/"))
        })
        .is_some_and(|(account, path)| {
            account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()) && !path.is_empty()
        });
    match valid {
        true => Ok(()),
        false => Err(out_of_range(
            "role",
            role,
            "Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
        )),
    }
}

fn check_runtime(runtime: &str) -> LambdaResult<()> {
    match RUNTIMES.contains(&runtime) {
        true => Ok(()),
        false => Err(out_of_range(
            "runtime",
            runtime,
            &format!(
                "Member must satisfy enum value set: [{}] or be a valid ARN",
                RUNTIMES.join(", ")
            ),
        )),
    }
}

fn check_handler(handler: &str) -> LambdaResult<()> {
    match handler.len() <= 128 && !handler.is_empty() && !handler.contains(char::is_whitespace) {
        true => Ok(()),
        false => Err(out_of_range(
            "handler",
            handler,
            "Member must satisfy regular expression pattern: [^\\s]+",
        )),
    }
}

fn check_timeout(timeout: Option<u32>) -> LambdaResult<Option<u32>> {
    match timeout {
        Some(0) => Err(out_of_range(
            "timeout",
            0,
            "Member must have value greater than or equal to 1",
        )),
        Some(t) if t > MAX_TIMEOUT => Err(out_of_range(
            "timeout",
            t,
            "Member must have value less than or equal to 900",
        )),
        other => Ok(other),
    }
}

fn check_memory(memory: Option<u32>) -> LambdaResult<Option<u32>> {
    match memory {
        Some(m) if m < 128 => Err(out_of_range(
            "memorySize",
            m,
            "Member must have value greater than or equal to 128",
        )),
        Some(m) if m > 10240 => Err(out_of_range(
            "memorySize",
            m,
            "Member must have value less than or equal to 10240",
        )),
        other => Ok(other),
    }
}

fn check_description(description: Option<&str>) -> LambdaResult<()> {
    match description {
        Some(d) if d.chars().count() > 256 => Err(out_of_range(
            "description",
            d,
            "Member must have length less than or equal to 256",
        )),
        _ => Ok(()),
    }
}

fn check_alias_name(alias: &str) -> LambdaResult<()> {
    let numeric = alias.bytes().all(|b| b.is_ascii_digit());
    match names::is_name(alias) && !numeric && alias.len() <= 128 {
        true => Ok(()),
        false => Err(out_of_range(
            "name",
            alias,
            "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
        )),
    }
}

/// Reserved names and AWS's 4 KB total for variables.
fn check_environment(variables: &BTreeMap<String, String>) -> LambdaResult<()> {
    let reserved: Vec<&str> = variables
        .keys()
        .map(String::as_str)
        .filter(|k| RESERVED_VARIABLES.contains(k))
        .collect();
    if !reserved.is_empty() {
        return Err(LambdaError::InvalidParameterValue(format!(
            "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: {}",
            reserved.join(", ")
        )));
    }
    let size: usize = variables.iter().map(|(k, v)| k.len() + v.len()).sum();
    if size > 4096 {
        return Err(LambdaError::InvalidParameterValue(format!(
            "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {}",
            serde_json::to_string(variables).unwrap_or_default()
        )));
    }
    Ok(())
}

/// The package bytes from a base64 `ZipFile`; S3 and images are not served here.
fn zip_bytes(zip_file: Option<&str>, s3: bool, image: bool) -> LambdaResult<Vec<u8>> {
    if s3 {
        return Err(LambdaError::InvalidParameterValue(
            "Stepstone does not serve S3: upload the function's code as ZipFile (e.g. --zip-file fileb://function.zip)".to_owned(),
        ));
    }
    if image {
        return Err(LambdaError::InvalidParameterValue(
            "Stepstone runs .zip file archives only: container image functions are not supported"
                .to_owned(),
        ));
    }
    let zip_file = zip_file.ok_or_else(|| {
        LambdaError::InvalidParameterValue("Please provide a source for function code.".to_owned())
    })?;
    BASE64.decode(zip_file).map_err(|_| {
        LambdaError::InvalidParameterValue(
            "Could not unzip uploaded file. Please check your file, then try to upload again."
                .to_owned(),
        )
    })
}

/// A setting the model types as `integer`, as the service keeps it; a negative number (which
/// the model's minimum refuses first) reads as 0, which the range checks refuse.
fn unsigned(value: Option<i32>) -> Option<u32> {
    value.map(|n| u32::try_from(n).unwrap_or(0))
}

fn layers(arns: Vec<String>) -> Vec<LayerReference> {
    arns.into_iter()
        .map(|arn| LayerReference { arn, code_size: 0 })
        .collect()
}

fn logging(config: Option<LoggingConfig>, name: &str) -> LoggingConfig {
    let mut config = config.unwrap_or(LoggingConfig {
        log_format: "Text".to_owned(),
        log_group: None,
        application_log_level: None,
        system_log_level: None,
    });
    if config.log_group.is_none() {
        config.log_group = Some(format!("/aws/lambda/{name}"));
    }
    config
}

/// One page of `items` (already in order, each with its sort key) from `marker`, which
/// carries the first key of the page (the model's range for `MaxItems`, 1 to 10,000, is
/// checked before the service is called).
pub(super) fn page<T>(
    items: Vec<(String, T)>,
    marker: Option<&str>,
    max_items: Option<usize>,
) -> LambdaResult<(Vec<T>, Option<String>)> {
    let max = max_items.unwrap_or(DEFAULT_PAGE).clamp(1, 10_000);
    let start = match marker.filter(|m| !m.is_empty()) {
        None => 0,
        Some(marker) => {
            let key = crate::aws::paging::decode(marker).ok_or_else(|| {
                LambdaError::InvalidParameterValue(format!("Invalid marker: {marker}"))
            })?;
            items.partition_point(|(k, _)| *k < key)
        }
    };
    let mut rest = items.into_iter().skip(start);
    let page: Vec<(String, T)> = rest.by_ref().take(max).collect();
    let next = rest.next().map(|(key, _)| crate::aws::paging::encode(&key));
    Ok((page.into_iter().map(|(_, item)| item).collect(), next))
}

fn not_found(arn: &str) -> LambdaError {
    LambdaError::ResourceNotFound(format!("Function not found: {arn}"))
}

fn alias_not_found(arn: &str, alias: &str) -> LambdaError {
    LambdaError::ResourceNotFound(format!("Alias not found: {arn}:{alias}"))
}

fn conflict_exists(name: &str) -> LambdaError {
    LambdaError::ResourceConflict(format!("Function already exist: {name}"))
}

fn revision() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// `LastModified` for a change at `time`: `2024-01-01T00:00:00.000+0000`.
fn last_modified(time: time::OffsetDateTime) -> String {
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]+0000"
    );
    time.format(&format).unwrap_or_default()
}
