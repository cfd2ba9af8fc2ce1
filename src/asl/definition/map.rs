//! Map-state parts: the item processor, item source, reader, batcher and writer.

use super::StateMachine;
use super::template::{JsonataExpr, JsonataTemplate, Template};
use crate::asl::path::ReferencePath;

/// `ProcessorConfig.Mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProcessorMode {
    /// Iterations run inside the parent execution (the default).
    #[default]
    Inline,
    /// Iterations run as child executions of a Map Run.
    Distributed,
}

/// `ProcessorConfig.ExecutionType` of a distributed Map's children.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExecutionType {
    /// Standard child executions.
    Standard,
    /// Express child executions.
    Express,
}

/// `ItemProcessor` (or the legacy `Iterator`): the sub-machine run per item.
#[derive(Debug, Clone)]
pub struct ItemProcessor {
    /// How iterations run.
    pub mode: ProcessorMode,
    /// The child execution type (distributed mode).
    pub execution_type: Option<ExecutionType>,
    /// The states run for each item.
    pub machine: std::sync::Arc<StateMachine>,
    /// Whether it was written as the legacy `Iterator` field.
    pub legacy_iterator: bool,
    /// A Distributed Map's processor as written: the definition its Map Run's children run,
    /// as DescribeStateMachine on the Map's label ARN shows it.
    pub definition: Option<crate::asl::rendered::RenderedDefinition>,
}

/// Where the items come from, when not from the whole effective input.
#[derive(Debug, Clone, PartialEq)]
pub enum MapItems {
    /// JSONPath `ItemsPath`.
    Path(ReferencePath),
    /// JSONata `Items`: an array literal or an expression.
    Jsonata(JsonataTemplate),
}

/// A count or percentage that may come from a constant, a path, or an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Count<T> {
    /// A constant.
    Value(T),
    /// A `...Path` field.
    Path(ReferencePath),
    /// A JSONata expression.
    Expr(JsonataExpr),
}

/// `ItemReader` (distributed Map).
#[derive(Debug, Clone, PartialEq)]
pub struct ItemReader {
    /// e.g. `arn:aws:states:::s3:getObject`.
    pub resource: String,
    /// `Parameters` (JSONPath) or `Arguments` (JSONata).
    pub parameters: Option<Template>,
    /// `ReaderConfig`.
    pub reader_config: Option<ReaderConfig>,
}

/// `ItemReader.ReaderConfig`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReaderConfig {
    /// CSV, JSON, JSONL, PARQUET or MANIFEST.
    pub input_type: Option<String>,
    /// FIRST_ROW or GIVEN.
    pub csv_header_location: Option<String>,
    /// Headers when the location is GIVEN.
    pub csv_headers: Option<Vec<String>>,
    /// COMMA, PIPE, SEMICOLON, SPACE or TAB.
    pub csv_delimiter: Option<String>,
    /// Limit on items read.
    pub max_items: Option<Count<u64>>,
    /// NONE or LOAD_AND_FLATTEN.
    pub transformation: Option<String>,
    /// ATHENA_DATA or S3_INVENTORY.
    pub manifest_type: Option<String>,
    /// A JSON Pointer into the object read.
    pub items_pointer: Option<String>,
}

/// `ItemBatcher` (distributed Map).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemBatcher {
    /// Most items in one batch.
    pub max_items_per_batch: Option<Count<u64>>,
    /// Most bytes in one batch.
    pub max_input_bytes_per_batch: Option<Count<u64>>,
    /// Extra input given to every batch.
    pub batch_input: Option<Template>,
}

/// `ResultWriter` (distributed Map).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultWriter {
    /// e.g. `arn:aws:states:::s3:putObject`.
    pub resource: Option<String>,
    /// `Parameters` (JSONPath) or `Arguments` (JSONata).
    pub parameters: Option<Template>,
    /// `WriterConfig`.
    pub writer_config: Option<WriterConfig>,
}

/// `ResultWriter.WriterConfig`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WriterConfig {
    /// JSON or JSONL.
    pub output_type: Option<String>,
    /// NONE, COMPACT or FLATTEN.
    pub transformation: Option<String>,
}
