//! The typed model of a state machine definition.
//!
//! A definition is parsed and validated once (see [`crate::asl::validate`]) into these types;
//! everything the engine needs to know about a definition's meaning lives here, so nothing
//! downstream looks at the raw JSON again. Fields mirror the Amazon States Language one to one,
//! for both query languages.

mod choice;
mod map;
mod retry;
mod states;
mod template;

pub use choice::{ChoiceRule, Comparator, Comparison, Condition, Operand};
pub use map::{
    Count, ExecutionType, ItemBatcher, ItemProcessor, ItemReader, MapItems, ProcessorMode,
    ReaderConfig, ResultWriter, WriterConfig,
};
pub use retry::{Catcher, JitterStrategy, Retrier};
pub use states::{
    Choice, Credentials, DataFlow, Fail, FailField, IntegrationPattern, JsonPathFlow, JsonataFlow,
    Map, Parallel, Pass, Resource, ResourceKind, State, StateKind, Task, Timeout, Transition, Wait,
    WaitFor,
};
pub use template::{JsonataExpr, JsonataTemplate, Payload, Template, ValueOrExpr};

use std::collections::HashMap;

/// Which language a state's data-flow fields are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryLanguage {
    /// `InputPath`, `Parameters`, `ResultSelector`, `ResultPath`, `OutputPath` (the default).
    #[default]
    JsonPath,
    /// `Arguments`, `Output` and `{% ... %}` expressions.
    Jsonata,
}

/// A field that can be absent (the default applies), explicitly `null`, or set.
///
/// `InputPath: null` means "`{}` as input" and `ResultPath: null` means "discard the result",
/// which differ from leaving the field out, so the distinction is kept.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum PathField<P> {
    /// Not written: the default (`$`) applies.
    #[default]
    Absent,
    /// Written as `null`.
    Null,
    /// Written as a path.
    Path(P),
}

/// A parsed, validated state machine definition.
#[derive(Debug, Clone)]
pub struct Definition {
    /// The top-level `Comment`.
    pub comment: Option<String>,
    /// The top-level `Version` (only `"1.0"` exists).
    pub version: Option<String>,
    /// The execution time limit, `TimeoutSeconds`.
    pub timeout_seconds: Option<u64>,
    /// The machine-wide `QueryLanguage` (default JSONPath).
    pub query_language: QueryLanguage,
    /// The top-level states and where to start.
    pub machine: std::sync::Arc<StateMachine>,
}

/// A set of states with a start: the top level, one Parallel branch, or a Map processor.
#[derive(Debug, Clone)]
pub struct StateMachine {
    /// The `Comment` of this scope, if any.
    pub comment: Option<String>,
    /// The name of the first state.
    pub start_at: String,
    /// The states, in the order written.
    pub states: States,
}

/// Named states in definition order, with lookup by name.
#[derive(Debug, Clone, Default)]
pub struct States {
    entries: Vec<(String, State)>,
    index: HashMap<String, usize>,
}

impl States {
    /// Appends a state; a later state with the same name replaces the earlier one, as JSON
    /// object semantics do.
    pub fn insert(&mut self, name: String, state: State) {
        match self.index.get(&name) {
            Some(&i) => self.entries[i].1 = state,
            None => {
                self.index.insert(name.clone(), self.entries.len());
                self.entries.push((name, state));
            }
        }
    }

    /// The state called `name`.
    pub fn get(&self, name: &str) -> Option<&State> {
        self.index.get(name).map(|&i| &self.entries[i].1)
    }

    /// The states in definition order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &State)> {
        self.entries.iter().map(|(n, s)| (n.as_str(), s))
    }

    /// How many states there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no states.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl StateMachine {
    /// The state execution begins with.
    pub fn start(&self) -> Option<&State> {
        self.states.get(&self.start_at)
    }

    /// The state called `name` here or in any Parallel branch or Map processor below (state
    /// names are unique across the whole machine).
    pub fn find_state(&self, name: &str) -> Option<&State> {
        self.states.get(name).or_else(|| {
            self.states.iter().find_map(|(_, state)| match &state.kind {
                StateKind::Map(map) => map.processor.machine.find_state(name),
                StateKind::Parallel(parallel) => parallel
                    .branches
                    .iter()
                    .find_map(|branch| branch.find_state(name)),
                _ => None,
            })
        })
    }

    /// The Distributed Map labelled `label` (its `Label`, or else its state name) here or in
    /// any Parallel branch or Map processor below.
    pub fn distributed_map(&self, label: &str) -> Option<&Map> {
        self.states
            .iter()
            .find_map(|(name, state)| match &state.kind {
                StateKind::Map(map) => {
                    let labelled = map.label.as_deref().unwrap_or(name) == label;
                    if labelled && map.processor.mode == ProcessorMode::Distributed {
                        Some(&**map)
                    } else {
                        map.processor.machine.distributed_map(label)
                    }
                }
                StateKind::Parallel(parallel) => parallel
                    .branches
                    .iter()
                    .find_map(|branch| branch.distributed_map(label)),
                _ => None,
            })
    }
}
