//! Map states: processor, items, concurrency, tolerance, reader, batcher, writer, label.

use super::ctx::{Ctx, Obj};
use super::graph::Scope;
use super::kinds::{MAP, exclusive};
use super::machine::{self, ScopeKind, usable};
use super::{paths, resources, retry};
use crate::asl::definition::{
    Count, ExecutionType, ItemBatcher, ItemProcessor, ItemReader, JsonataExpr, Map, MapItems,
    ProcessorMode, QueryLanguage, ReaderConfig, ResultWriter, Template, WriterConfig,
};
use crate::asl::rendered::RenderedDefinition;
use serde_json::Value;

/// AWS's limit on a Map `Label`.
const MAX_LABEL: usize = 40;

pub(super) fn map(
    ctx: &mut Ctx,
    name: &str,
    obj: &Obj,
    language: QueryLanguage,
    graph: &mut Scope,
) -> Option<Map> {
    let errors = ctx.error_count();
    let processor = processor(ctx, obj);
    let items = items(ctx, obj, language);
    let item_selector = item_selector(ctx, obj, language);
    let whole = (0.0, u64::MAX as f64);
    let max_concurrency = count(ctx, obj, "MaxConcurrency", language, whole).map(to_u64);
    let tolerated_failure_count =
        count(ctx, obj, "ToleratedFailureCount", language, whole).map(to_u64);
    let tolerated_failure_percentage = count(
        ctx,
        obj,
        "ToleratedFailurePercentage",
        language,
        (0.0, 100.0),
    );
    let item_reader = item_reader(ctx, obj, language);
    let item_batcher = item_batcher(ctx, obj, language);
    // ItemBatcher is a Distributed Map field: an INLINE Map has none, and AWS refuses a field
    // a state does not have this way.
    if processor
        .as_ref()
        .is_some_and(|p| p.mode == ProcessorMode::Inline)
        && obj.has("ItemBatcher")
    {
        ctx.schema(&obj.loc, "Field 'ItemBatcher' is not supported");
    }
    let result_writer = result_writer(ctx, obj, language);
    let label = label(ctx, obj);
    let retry = retry::retriers(ctx, obj);
    let catch = retry::catchers(ctx, name, obj, language, graph);
    let map = Map {
        processor: processor?,
        items,
        item_selector,
        max_concurrency,
        tolerated_failure_count,
        tolerated_failure_percentage,
        item_reader,
        item_batcher,
        result_writer,
        label,
        retry,
        catch,
    };
    (ctx.error_count() == errors).then_some(map)
}

/// `ItemProcessor` or the legacy `Iterator` (which AWS accepts in JSONPath states only).
fn processor(ctx: &mut Ctx, obj: &Obj) -> Option<ItemProcessor> {
    exclusive(ctx, obj, &["ItemProcessor", "Iterator"])?;
    let key = if obj.has("Iterator") {
        "Iterator"
    } else {
        "ItemProcessor"
    };
    if !obj.has(key) {
        obj.require(ctx, &["ItemProcessor"]);
        return None;
    }
    let inner = obj.object(ctx, key)?;
    // Observed: the processor carries no QueryLanguage of its own.
    inner.reject_unknown(ctx, &["StartAt", "States", "ProcessorConfig", "Comment"]);
    let (mode, execution_type) = match inner.object(ctx, "ProcessorConfig") {
        Some(config) => processor_config(ctx, &config),
        None => (ProcessorMode::Inline, None),
    };
    let machine = machine::scope(ctx, &inner, ScopeKind::Processor)?;
    let definition = match mode {
        ProcessorMode::Distributed => serde_json::to_string(inner.map)
            .ok()
            .map(|text| RenderedDefinition::new(&text)),
        ProcessorMode::Inline => None,
    };
    Some(ItemProcessor {
        mode,
        execution_type,
        machine: machine.into(),
        legacy_iterator: key == "Iterator",
        definition,
    })
}

fn processor_config(ctx: &mut Ctx, config: &Obj) -> (ProcessorMode, Option<ExecutionType>) {
    config.reject_unknown(ctx, &["Mode", "ExecutionType"]);
    let mode = match config.one_of(ctx, "Mode", &["INLINE", "DISTRIBUTED"]) {
        Some("DISTRIBUTED") => ProcessorMode::Distributed,
        _ => ProcessorMode::Inline,
    };
    // A Distributed Map must say what its children are (AWS documents the field as required
    // for DISTRIBUTED; the wording is AWS's usual one for a missing field).
    if mode == ProcessorMode::Distributed {
        config.require(ctx, &["ExecutionType"]);
    }
    let execution_type = config
        .one_of(ctx, "ExecutionType", &["STANDARD", "EXPRESS"])
        .map(|t| match t {
            "EXPRESS" => ExecutionType::Express,
            _ => ExecutionType::Standard,
        });
    (mode, execution_type)
}

fn items(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<MapItems> {
    match language {
        QueryLanguage::JsonPath => paths::reference_path(ctx, obj, "ItemsPath").map(MapItems::Path),
        QueryLanguage::Jsonata => {
            check_jsonata_items(ctx, obj);
            paths::jsonata(obj, "Items").map(MapItems::Jsonata)
        }
    }
}

/// JSONata `Items` is an array or an expression (developer guide, Map state). A constant of
/// another kind can never be iterated; an object is left alone, since newer documents let a
/// JSONata Map iterate an object's members. The wording is a guess.
fn check_jsonata_items(ctx: &mut Ctx, obj: &Obj) {
    let iterable = match obj.get("Items") {
        None | Some(Value::Array(_) | Value::Object(_)) => true,
        Some(Value::String(s)) => JsonataExpr::from_delimited(s).is_some(),
        Some(_) => false,
    };
    if !iterable {
        ctx.schema(&obj.at("Items"), "Expected value of type [ARRAY]");
    }
}

/// `ItemSelector`, or the legacy JSONPath `Parameters` (not both).
fn item_selector(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<Template> {
    exclusive(ctx, obj, &["ItemSelector", "Parameters"])?;
    let key = if obj.has("Parameters") && usable("Parameters", MAP, language) {
        "Parameters"
    } else {
        "ItemSelector"
    };
    paths::template(ctx, obj, key, language)
}

/// `<key>` / `<key>Path` / an expression; constants must lie in `min..=max`.
fn count(
    ctx: &mut Ctx,
    obj: &Obj,
    key: &str,
    language: QueryLanguage,
    (min, max): (f64, f64),
) -> Option<Count<f64>> {
    let path_key = format!("{key}Path");
    exclusive(ctx, obj, &[key, &path_key])?;
    if obj.has(&path_key) {
        return match language {
            QueryLanguage::JsonPath => paths::reference_path(ctx, obj, &path_key).map(Count::Path),
            QueryLanguage::Jsonata => None,
        };
    }
    let percentage = key == "ToleratedFailurePercentage";
    if let Some(e) = paths::expr_field(obj, key) {
        if language == QueryLanguage::Jsonata {
            return Some(Count::Expr(e));
        }
        // In JSONPath `"{% ... %}"` is only a string where a number belongs.
        let type_name = if percentage { "NUMBER" } else { "INTEGER" };
        ctx.schema(
            &obj.at(key),
            format!("Expected value of type [{type_name}]"),
        );
        return None;
    }
    let value = if percentage {
        obj.number(ctx, key, min, max)
    } else {
        obj.integer(ctx, key, min as u64, max as u64)
            .map(|n| n as f64)
    };
    value.map(Count::Value)
}

fn to_u64(count: Count<f64>) -> Count<u64> {
    match count {
        Count::Value(n) => Count::Value(n as u64),
        Count::Path(p) => Count::Path(p),
        Count::Expr(e) => Count::Expr(e),
    }
}

fn item_reader(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<ItemReader> {
    let reader = obj.object(ctx, "ItemReader")?;
    reader.reject_unknown(
        ctx,
        &["Resource", "Parameters", "Arguments", "ReaderConfig"],
    );
    report_language(ctx, &reader, language);
    reader.require(ctx, &["Resource"]);
    let resource = reader.non_empty_string(ctx, "Resource")?.to_owned();
    resources::check_map_resource(
        ctx,
        &resource,
        resources::ITEM_READER,
        &reader.at("Resource"),
    );
    let parameters = parameters(ctx, &reader, language);
    let reader_config = reader
        .object(ctx, "ReaderConfig")
        .map(|c| reader_config(ctx, &c, language));
    Some(ItemReader {
        resource,
        parameters,
        reader_config,
    })
}

fn reader_config(ctx: &mut Ctx, config: &Obj, language: QueryLanguage) -> ReaderConfig {
    config.reject_unknown(
        ctx,
        &[
            "InputType",
            "CSVHeaderLocation",
            "CSVHeaders",
            "CSVDelimiter",
            "MaxItems",
            "MaxItemsPath",
            "Transformation",
            "ManifestType",
            "ItemsPointer",
        ],
    );
    let strings = |ctx: &mut Ctx, key| config.string(ctx, key).map(str::to_owned);
    let choice = |ctx: &mut Ctx, key, values| config.one_of(ctx, key, values).map(str::to_owned);
    ReaderConfig {
        input_type: config
            .one_of(
                ctx,
                "InputType",
                &["CSV", "JSON", "JSONL", "PARQUET", "MANIFEST"],
            )
            .map(str::to_owned),
        csv_header_location: choice(ctx, "CSVHeaderLocation", &["FIRST_ROW", "GIVEN"]),
        csv_headers: config.array(ctx, "CSVHeaders", false).map(|h| {
            h.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        }),
        csv_delimiter: choice(
            ctx,
            "CSVDelimiter",
            &["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"],
        ),
        max_items: count(ctx, config, "MaxItems", language, (0.0, 100_000_000.0)).map(to_u64),
        transformation: choice(ctx, "Transformation", &["NONE", "LOAD_AND_FLATTEN"]),
        manifest_type: choice(ctx, "ManifestType", &["ATHENA_DATA", "S3_INVENTORY"]),
        items_pointer: strings(ctx, "ItemsPointer"),
    }
}

fn item_batcher(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<ItemBatcher> {
    let batcher = obj.object(ctx, "ItemBatcher")?;
    batcher.reject_unknown(
        ctx,
        &[
            "MaxItemsPerBatch",
            "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch",
            "MaxInputBytesPerBatchPath",
            "BatchInput",
        ],
    );
    // The States Language requires positive batch limits; 256 KiB is AWS's payload limit.
    Some(ItemBatcher {
        max_items_per_batch: count(
            ctx,
            &batcher,
            "MaxItemsPerBatch",
            language,
            (1.0, u64::MAX as f64),
        )
        .map(to_u64),
        max_input_bytes_per_batch: count(
            ctx,
            &batcher,
            "MaxInputBytesPerBatch",
            language,
            (1.0, 262_144.0),
        )
        .map(to_u64),
        batch_input: paths::template(ctx, &batcher, "BatchInput", language),
    })
}

fn result_writer(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<ResultWriter> {
    let writer = obj.object(ctx, "ResultWriter")?;
    writer.reject_unknown(
        ctx,
        &["Resource", "Parameters", "Arguments", "WriterConfig"],
    );
    report_language(ctx, &writer, language);
    let writer_config = writer.object(ctx, "WriterConfig").map(|c| {
        c.reject_unknown(ctx, &["OutputType", "Transformation"]);
        WriterConfig {
            output_type: c
                .one_of(ctx, "OutputType", &["JSON", "JSONL"])
                .map(str::to_owned),
            transformation: c
                .one_of(ctx, "Transformation", &["NONE", "COMPACT", "FLATTEN"])
                .map(str::to_owned),
        }
    });
    let resource = writer.non_empty_string(ctx, "Resource").map(str::to_owned);
    if let Some(arn) = &resource {
        let loc = writer.at("Resource");
        resources::check_map_resource(ctx, arn, resources::RESULT_WRITER, &loc);
    }
    Some(ResultWriter {
        resource,
        parameters: parameters(ctx, &writer, language),
        writer_config,
    })
}

/// Observed: a JSONata reader/writer rejects `Parameters` and a JSONPath one `Arguments`, at
/// the field's own location.
fn report_language(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) {
    let foreign = match language {
        QueryLanguage::JsonPath => "Arguments",
        QueryLanguage::Jsonata => "Parameters",
    };
    if obj.has(foreign) {
        ctx.schema(
            &obj.at(foreign),
            format!("Field '{foreign}' is not supported"),
        );
    }
}

fn parameters(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<Template> {
    let key = match language {
        QueryLanguage::JsonPath => "Parameters",
        QueryLanguage::Jsonata => "Arguments",
    };
    paths::template(ctx, obj, key, language)
}

/// `Label`: at most 40 characters, none of those AWS forbids in names.
fn label(ctx: &mut Ctx, obj: &Obj) -> Option<String> {
    let label = obj.non_empty_string(ctx, "Label")?;
    if label.chars().count() > MAX_LABEL {
        ctx.schema(
            &obj.at("Label"),
            format!("Label must be at most {MAX_LABEL} characters long"),
        );
        return None;
    }
    if let Some(c) = label.chars().find(|c| forbidden_in_name(*c)) {
        ctx.schema(
            &obj.at("Label"),
            format!("Label contains invalid character: '{c}'"),
        );
        return None;
    }
    Some(label.to_owned())
}

/// Characters AWS forbids in names and labels: whitespace, brackets, wildcards, specials and
/// control characters (U+0000-001F, U+007F-009F).
fn forbidden_in_name(c: char) -> bool {
    c.is_whitespace()
        || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c)
        || ('\u{0}'..='\u{1f}').contains(&c)
        || ('\u{7f}'..='\u{9f}').contains(&c)
}
