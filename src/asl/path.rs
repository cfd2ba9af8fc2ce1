//! JSONPath in the ASL (Jayway) dialect.
//!
//! ASL paths follow Jayway JsonPath rather than RFC 9535: dotted names are permissive
//! (`$.detail-type`), a *definite* path (names and indices only) yields the value itself while
//! any other path yields an array of matches, and a definite path that misses fails with
//! Jayway's wording, which AWS passes on to users. Paths start at the state input (`$`), the
//! context object (`$$`) or a workflow variable (`$name`).
//!
//! [`Path`] is the full query language (InputPath, Parameters, ...); [`ReferencePath`] is the
//! single-node subset that ResultPath, ItemsPath and Choice variables use, and it can also write.

mod eval;
mod parse;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher;

use serde_json::{Map, Value};

use parse::{Mode, Segment, Selector};

/// Where a path starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Root {
    /// `$`: the state's input (or the value the field is applied to).
    Input,
    /// `$$`: the context object.
    Context,
    /// `$name`: a workflow variable.
    Variable(String),
}

/// Looks up workflow variables by name (without the `$`).
///
/// The engine implements this over its scope chain, so an inner scope can read outer variables.
pub trait Variables {
    /// The current value of the variable, or `None` if it was never assigned.
    fn variable(&self, name: &str) -> Option<&Value>;
}

/// No variables at all, for evaluation outside any scope.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoVariables;

impl Variables for NoVariables {
    fn variable(&self, _name: &str) -> Option<&Value> {
        None
    }
}

impl Variables for Map<String, Value> {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

impl<S: BuildHasher> Variables for HashMap<String, Value, S> {
    fn variable(&self, name: &str) -> Option<&Value> {
        self.get(name)
    }
}

/// The values the three kinds of root refer to during one evaluation.
#[derive(Clone, Copy)]
pub struct Roots<'v> {
    /// What `$` means: the state input, the task result, ... depending on the field.
    pub input: &'v Value,
    /// What `$$` means: the context object.
    pub context: &'v Value,
    /// Where `$name` is looked up.
    pub variables: &'v dyn Variables,
}

impl<'v> Roots<'v> {
    /// Roots with the given input and context object and no variables.
    pub fn new(input: &'v Value, context: &'v Value) -> Roots<'v> {
        Roots {
            input,
            context,
            variables: &NoVariables,
        }
    }

    /// The same roots with `variables` for `$name` lookups.
    pub fn with_variables(self, variables: &'v dyn Variables) -> Roots<'v> {
        Roots { variables, ..self }
    }
}

impl fmt::Debug for Roots<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Roots")
            .field("input", self.input)
            .field("context", self.context)
            .finish()
    }
}

/// A parsed JSONPath (full query syntax).
#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    source: String,
    root: Root,
    segments: Vec<Segment>,
    definite: bool,
}

/// A parsed reference path: names and indices only, a single node.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferencePath {
    path: Path,
}

/// Why a path string could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// Human-readable reason.
    pub message: String,
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for PathError {}

/// Why evaluating (or writing through) a path failed at run time.
///
/// `Display` renders AWS's text for InputPath/OutputPath misses,
/// `Invalid path '$.Payload' : No results for path: $['Payload']`; callers that need another
/// wording (Parameters, ItemsPath, ResultPath) build it from the fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathEvalError {
    /// The path as written in the definition, e.g. `$.Payload`.
    pub path: String,
    /// Jayway's reason, e.g. `No results for path: $['Payload']`.
    pub reason: String,
    /// The name or index that could not be applied, e.g. `Payload` (AWS quotes it in
    /// `Unable to apply step "Payload" to input ...`).
    pub step: String,
}

impl fmt::Display for PathEvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Invalid path '{}' : {}", self.path, self.reason)
    }
}

impl std::error::Error for PathEvalError {}

impl Path {
    /// Parses a path such as `$.a.b[0]`, `$$.Execution.Id`, `$var.x` or `$.items[?(@.v > 1)]`.
    /// Surrounding whitespace is ignored, as Jayway does.
    pub fn parse(s: &str) -> Result<Path, PathError> {
        let text = s.trim();
        let parsed = parse::parse_prefix(text, Mode::Whole)?;
        if parsed.end != text.len() {
            return Err(PathError {
                message: format!(
                    "unexpected character at position {} in '{text}'",
                    parsed.end
                ),
            });
        }
        Ok(Path::from_parts(text, parsed.root, parsed.segments))
    }

    /// Parses the path at the start of `s` (an intrinsic-function argument) and returns it with
    /// the number of bytes it spans; names there also end at `,` and `)`.
    pub(crate) fn parse_argument(s: &str) -> Result<(Path, usize), PathError> {
        let parsed = parse::parse_prefix(s, Mode::Argument)?;
        let text = s.get(..parsed.end).unwrap_or(s);
        Ok((
            Path::from_parts(text, parsed.root, parsed.segments),
            parsed.end,
        ))
    }

    fn from_parts(source: &str, root: Root, segments: Vec<Segment>) -> Path {
        let definite = eval::is_definite(&segments);
        Path {
            source: source.to_owned(),
            root,
            segments,
            definite,
        }
    }

    /// The text the path was parsed from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Where the path starts.
    pub fn root(&self) -> &Root {
        &self.root
    }

    /// Whether the path names a single node (names and indices only): then evaluation yields
    /// the node itself, otherwise an array of all matches.
    pub fn is_definite(&self) -> bool {
        self.definite
    }

    /// Jayway's normalized form, e.g. `$['a']['b'][0]` for `$.a.b[0]`.
    pub fn normalized(&self) -> String {
        let mut out = eval::render_root(&self.root);
        for segment in &self.segments {
            eval::render_segment(segment, &mut out);
        }
        out
    }

    /// Evaluates the path.
    ///
    /// A definite path yields the node (borrowed) or fails with Jayway's reason; any other
    /// path yields an owned array of the matches, possibly empty, and never fails except for
    /// an unassigned variable.
    pub fn eval<'v>(&self, roots: &Roots<'v>) -> Result<Cow<'v, Value>, PathEvalError> {
        let start = self.start(roots)?;
        self.check_multi_names()?;
        let Some((last, init)) = self.segments.split_last() else {
            return Ok(Cow::Borrowed(start));
        };
        if self.definite {
            return self.eval_definite(start, last, init);
        }
        let Segment::Child(Selector::Names(names)) = last else {
            let mut hits = Vec::new();
            eval::select(&self.segments, start, roots, &mut hits);
            return Ok(Cow::Owned(Value::Array(
                hits.into_iter().cloned().collect(),
            )));
        };
        let mut parents = Vec::new();
        eval::select(init, start, roots, &mut parents);
        let merged = parents
            .into_iter()
            .filter_map(|p| eval::merge_names(names, p))
            .collect();
        Ok(Cow::Owned(Value::Array(merged)))
    }

    fn eval_definite<'v>(
        &self,
        start: &'v Value,
        last: &Segment,
        init: &[Segment],
    ) -> Result<Cow<'v, Value>, PathEvalError> {
        let full = self.normalized();
        let Segment::Child(Selector::Names(names)) = last else {
            let node = eval::walk(&self.root, &self.segments, start, &full);
            return node
                .map(Cow::Borrowed)
                .map_err(|m| self.error(m.reason, m.step));
        };
        let parent =
            eval::walk(&self.root, init, start, &full).map_err(|m| self.error(m.reason, m.step))?;
        eval::merge_names(names, parent)
            .map(Cow::Owned)
            .ok_or_else(|| {
                let mut at = eval::render_root(&self.root);
                init.iter().for_each(|s| eval::render_segment(s, &mut at));
                let mut fragment = String::new();
                eval::render_segment(last, &mut fragment);
                self.error(
                    eval::not_an_object(&fragment, &at, parent),
                    eval::step_text(last),
                )
            })
    }

    /// The value the root refers to; an unassigned variable is an error.
    fn start<'v>(&self, roots: &Roots<'v>) -> Result<&'v Value, PathEvalError> {
        eval::root_value(&self.root, roots).ok_or_else(|| {
            let name = eval::render_root(&self.root);
            self.error(format!("The variable '{name}' is not defined"), name)
        })
    }

    /// Jayway accepts a name union (`['a','b']`) only as the last step and fails at run time
    /// otherwise, so AWS accepts such definitions and fails the execution.
    fn check_multi_names(&self) -> Result<(), PathEvalError> {
        let last = self.segments.len().saturating_sub(1);
        let Some(pos) = self.segments.iter().take(last).position(|s| {
            matches!(
                s,
                Segment::Child(Selector::Names(_)) | Segment::Descendant(Selector::Names(_))
            )
        }) else {
            return Ok(());
        };
        let mut at = eval::render_root(&self.root);
        self.segments
            .iter()
            .take(pos + 1)
            .for_each(|s| eval::render_segment(s, &mut at));
        let step = self
            .segments
            .get(pos)
            .map(eval::step_text)
            .unwrap_or_default();
        Err(self.error(
            format!("Multi properties can only be used as path leafs: {at}"),
            step,
        ))
    }

    fn error(&self, reason: String, step: String) -> PathEvalError {
        PathEvalError {
            path: self.source.clone(),
            reason,
            step,
        }
    }
}

impl ReferencePath {
    /// Parses a reference path: like [`Path::parse`], but only names and single indices are
    /// allowed, so the path always names one node.
    pub fn parse(s: &str) -> Result<ReferencePath, PathError> {
        let path = Path::parse(s)?;
        if let Some(what) = path.segments.iter().find_map(non_reference_part) {
            return Err(PathError {
                message: format!(
                    "'{}' is not a valid reference path: {what} are not allowed",
                    path.source
                ),
            });
        }
        Ok(ReferencePath { path })
    }

    /// The text the path was parsed from.
    pub fn source(&self) -> &str {
        &self.path.source
    }

    /// Where the path starts.
    pub fn root(&self) -> &Root {
        &self.path.root
    }

    /// Jayway's normalized form, e.g. `$['a'][0]`.
    pub fn normalized(&self) -> String {
        self.path.normalized()
    }

    /// The same path as a general [`Path`].
    pub fn as_path(&self) -> &Path {
        &self.path
    }

    /// The node the path names, or Jayway's reason why there is none.
    pub fn get<'v>(&self, roots: &Roots<'v>) -> Result<&'v Value, PathEvalError> {
        let start = self.path.start(roots)?;
        eval::walk(
            &self.path.root,
            &self.path.segments,
            start,
            &self.path.normalized(),
        )
        .map_err(|m| self.path.error(m.reason, m.step))
    }

    /// The node the path names, if there is one (for `IsPresent`).
    pub fn find<'v>(&self, roots: &Roots<'v>) -> Option<&'v Value> {
        let mut node = eval::root_value(&self.path.root, roots)?;
        for segment in &self.path.segments {
            node = match (segment, node) {
                (Segment::Child(Selector::Name(name)), Value::Object(map)) => map.get(name)?,
                (Segment::Child(Selector::Index(i)), Value::Array(items)) => {
                    eval::element(items, *i)?
                }
                _ => return None,
            };
        }
        Some(node)
    }

    /// Writes `value` at this path inside `target` (ResultPath semantics): `$` replaces the
    /// whole target, missing objects along the way are created, existing array elements can be
    /// replaced.
    ///
    /// Stepping into a non-object, past the end of an array, or through a `$$` / `$var` root
    /// fails (AWS: `States.ResultPathMatchFailure`); `target` is then left unchanged and the
    /// reason reads `Unable to apply step "b" to input <target as JSON>`.
    pub fn set_creating(&self, target: &mut Value, value: Value) -> Result<(), PathEvalError> {
        if self.path.root != Root::Input {
            let root = eval::render_root(&self.path.root);
            let reason = format!("Unable to write through the root '{root}'");
            return Err(self.path.error(reason, root));
        }
        eval::write(&self.path.segments, target, value).map_err(|step| {
            let input = serde_json::to_string(target).unwrap_or_default();
            self.path.error(
                format!("Unable to apply step \"{step}\" to input {input}"),
                step,
            )
        })
    }
}

/// What makes a segment unfit for a reference path, in words for the error message.
fn non_reference_part(segment: &Segment) -> Option<&'static str> {
    match segment {
        Segment::Child(Selector::Name(_) | Selector::Index(_)) => None,
        Segment::Descendant(_) => Some("recursive descent (..)"),
        Segment::Child(Selector::Wildcard) => Some("wildcards (*)"),
        Segment::Child(Selector::Filter(_)) => Some("filters ([?(...)])"),
        Segment::Child(Selector::Slice(_)) => Some("slices ([a:b])"),
        Segment::Child(Selector::Names(_) | Selector::Indices(_)) => Some("unions ([a,b])"),
    }
}

#[cfg(test)]
mod tests;
