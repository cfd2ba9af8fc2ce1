//! The validation context: diagnostics collected while walking the JSON, locations, and typed
//! field readers that report AWS's schema messages.

use super::{Diagnostic, MachineType, Severity};
use crate::asl::definition::QueryLanguage;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// AWS's code for every schema-level problem.
pub(super) const SCHEMA: &str = "SCHEMA_VALIDATION_FAILED";

/// Shared state of one validation run.
pub(super) struct Ctx {
    pub diagnostics: Vec<Diagnostic>,
    pub machine_type: MachineType,
    /// The top-level QueryLanguage, which every state without its own inherits (also inside
    /// Map and Parallel: AWS does not propagate a Map's own language into its processor).
    pub machine_language: QueryLanguage,
    /// Every state name seen so far, in any scope (names are unique machine-wide).
    pub state_names: HashSet<String>,
}

impl Ctx {
    pub fn new(machine_type: MachineType) -> Ctx {
        Ctx {
            diagnostics: Vec::new(),
            machine_type,
            machine_language: QueryLanguage::JsonPath,
            state_names: HashSet::new(),
        }
    }

    /// Records a `SCHEMA_VALIDATION_FAILED` error.
    pub fn schema(&mut self, location: &str, message: impl Into<String>) {
        self.error(SCHEMA, Some(location), message);
    }

    /// Records an error with any code.
    pub fn error(
        &mut self,
        code: &'static str,
        location: Option<&str>,
        message: impl Into<String>,
    ) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            location: location.map(str::to_owned),
        });
    }

    /// How many errors have been recorded so far (to tell whether a part parsed cleanly).
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// The location of `segment` below `base`; the root is `/`.
pub(super) fn child(base: &str, segment: &str) -> String {
    if base == "/" {
        format!("/{segment}")
    } else {
        format!("{base}/{segment}")
    }
}

/// The location of element `index` of the array at `base`, e.g. `/States/A/Catch[0]`.
pub(super) fn element(base: &str, index: usize) -> String {
    format!("{base}[{index}]")
}

/// A JSON object being read, with its location.
pub(super) struct Obj<'a> {
    pub map: &'a Map<String, Value>,
    pub loc: String,
}

impl<'a> Obj<'a> {
    pub fn new(map: &'a Map<String, Value>, loc: String) -> Obj<'a> {
        Obj { map, loc }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key)
    }

    pub fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// The location of one of this object's fields.
    pub fn at(&self, key: &str) -> String {
        child(&self.loc, key)
    }

    /// Reports every field not in `allowed` as AWS does: at the object, not at the field.
    pub fn reject_unknown(&self, ctx: &mut Ctx, allowed: &[&str]) {
        for key in self.map.keys().filter(|k| !allowed.contains(&k.as_str())) {
            ctx.schema(&self.loc, format!("Field '{key}' is not supported"));
        }
    }

    /// Reports missing required fields in one diagnostic, in the order given (AWS prints
    /// `[States, StartAt]` for an empty definition). Returns whether all were present.
    pub fn require(&self, ctx: &mut Ctx, required: &[&str]) -> bool {
        let missing: Vec<&str> = required.iter().copied().filter(|k| !self.has(k)).collect();
        if !missing.is_empty() {
            ctx.schema(
                &self.loc,
                format!("These fields are required: [{}]", missing.join(", ")),
            );
        }
        missing.is_empty()
    }

    /// A string field; other types are reported.
    pub fn string(&self, ctx: &mut Ctx, key: &str) -> Option<&'a str> {
        match self.get(key)? {
            Value::String(s) => Some(s),
            _ => self.wrong_type(ctx, key, "STRING"),
        }
    }

    /// A string field that must not be empty.
    pub fn non_empty_string(&self, ctx: &mut Ctx, key: &str) -> Option<&'a str> {
        let s = self.string(ctx, key)?;
        if s.is_empty() {
            ctx.schema(&self.at(key), "Value cannot be empty");
            return None;
        }
        Some(s)
    }

    /// A boolean field.
    pub fn boolean(&self, ctx: &mut Ctx, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            _ => self.wrong_type(ctx, key, "BOOLEAN"),
        }
    }

    /// A non-negative integer field within `[min, max]`.
    pub fn integer(&self, ctx: &mut Ctx, key: &str, min: u64, max: u64) -> Option<u64> {
        let value = self.get(key)?;
        let Some(n) = value
            .as_i64()
            .map(i128::from)
            .or(value.as_u64().map(i128::from))
        else {
            return self.wrong_type(ctx, key, "INTEGER");
        };
        self.in_range(ctx, key, n as f64, min as f64, max as f64)?;
        u64::try_from(n).ok()
    }

    /// A number field within `[min, max]`.
    pub fn number(&self, ctx: &mut Ctx, key: &str, min: f64, max: f64) -> Option<f64> {
        let Some(n) = self.get(key)?.as_f64() else {
            return self.wrong_type(ctx, key, "NUMBER");
        };
        self.in_range(ctx, key, n, min, max)?;
        Some(n)
    }

    fn in_range(&self, ctx: &mut Ctx, key: &str, n: f64, min: f64, max: f64) -> Option<()> {
        if n < min {
            ctx.schema(&self.at(key), format!("Minimum value is {min}"));
            return None;
        }
        if n > max {
            ctx.schema(&self.at(key), format!("Maximum value is {max}"));
            return None;
        }
        Some(())
    }

    /// An object field.
    pub fn object(&self, ctx: &mut Ctx, key: &str) -> Option<Obj<'a>> {
        match self.get(key)? {
            Value::Object(map) => Some(Obj::new(map, self.at(key))),
            _ => self.wrong_type(ctx, key, "OBJECT"),
        }
    }

    /// An array field; `non_empty` reports `[]`.
    pub fn array(&self, ctx: &mut Ctx, key: &str, non_empty: bool) -> Option<&'a Vec<Value>> {
        match self.get(key)? {
            Value::Array(items) if non_empty && items.is_empty() => {
                ctx.schema(&self.at(key), "Value cannot be empty");
                None
            }
            Value::Array(items) => Some(items),
            _ => self.wrong_type(ctx, key, "ARRAY"),
        }
    }

    /// A string field limited to `values` (AWS lists them in the message).
    pub fn one_of(&self, ctx: &mut Ctx, key: &str, values: &[&str]) -> Option<&'a str> {
        let s = self.string(ctx, key)?;
        if values.contains(&s) {
            return Some(s);
        }
        ctx.schema(
            &self.at(key),
            format!(
                "Value should be one of the following: [{}]",
                values.join(", ")
            ),
        );
        None
    }

    fn wrong_type<T>(&self, ctx: &mut Ctx, key: &str, type_name: &str) -> Option<T> {
        ctx.schema(
            &self.at(key),
            format!("Expected value of type [{type_name}]"),
        );
        None
    }
}
