//! Reading path fields and payload templates, with the path and intrinsic parsers.

use super::ctx::{Ctx, Obj, child};
use crate::asl::definition::{
    JsonataExpr, JsonataTemplate, PathField, Payload, QueryLanguage, Template, ValueOrExpr,
};
use crate::asl::intrinsic::Intrinsic;
use crate::asl::path::{Path, ReferencePath};
use serde_json::Value;

/// A JSONPath field (`InputPath`, `OutputPath`, ...).
pub(super) fn path(ctx: &mut Ctx, obj: &Obj, key: &str) -> Option<Path> {
    let s = obj.string(ctx, key)?;
    match Path::parse(s) {
        Ok(p) => Some(p),
        Err(_) => {
            ctx.schema(
                &obj.at(key),
                format!("The value for the field '{key}' must be a valid JSONPath"),
            );
            None
        }
    }
}

/// A reference-path field (`ResultPath`, `ItemsPath`, `...SecondsPath`, ...).
pub(super) fn reference_path(ctx: &mut Ctx, obj: &Obj, key: &str) -> Option<ReferencePath> {
    let s = obj.string(ctx, key)?;
    match ReferencePath::parse(s) {
        Ok(p) => Some(p),
        Err(_) => {
            ctx.schema(
                &obj.at(key),
                format!("The value for the field '{key}' must be a valid ReferencePath"),
            );
            None
        }
    }
}

/// A path field that may be absent, `null`, or a JSONPath.
pub(super) fn nullable_path(ctx: &mut Ctx, obj: &Obj, key: &str) -> PathField<Path> {
    match obj.get(key) {
        None => PathField::Absent,
        Some(Value::Null) => PathField::Null,
        Some(_) => path(ctx, obj, key).map_or(PathField::Absent, PathField::Path),
    }
}

/// A reference-path field that may be absent, `null`, or set.
pub(super) fn nullable_reference_path(
    ctx: &mut Ctx,
    obj: &Obj,
    key: &str,
) -> PathField<ReferencePath> {
    match obj.get(key) {
        None => PathField::Absent,
        Some(Value::Null) => PathField::Null,
        Some(_) => reference_path(ctx, obj, key).map_or(PathField::Absent, PathField::Path),
    }
}

/// A JSONPath payload template at `loc`.
pub(super) fn payload(ctx: &mut Ctx, value: &Value, loc: &str) -> Option<Payload> {
    let errors = ctx.error_count();
    let template = build_payload(ctx, value, loc);
    (ctx.error_count() == errors).then_some(template)
}

fn build_payload(ctx: &mut Ctx, value: &Value, loc: &str) -> Payload {
    match value {
        Value::Object(map) if has_dynamic_key(value) => Payload::Object(
            map.iter()
                .map(|(key, v)| match key.strip_suffix(".$") {
                    Some(out) => (out.to_owned(), dynamic_value(ctx, key, v, loc)),
                    None => (key.clone(), build_payload(ctx, v, &child(loc, key))),
                })
                .collect(),
        ),
        Value::Array(items) if has_dynamic_key(value) => Payload::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| build_payload(ctx, v, &format!("{loc}[{i}]")))
                .collect(),
        ),
        _ => Payload::Literal(value.clone()),
    }
}

fn has_dynamic_key(value: &Value) -> bool {
    match value {
        Value::Object(map) => map
            .iter()
            .any(|(k, v)| k.ends_with(".$") || has_dynamic_key(v)),
        Value::Array(items) => items.iter().any(has_dynamic_key),
        _ => false,
    }
}

fn dynamic_value(ctx: &mut Ctx, key: &str, value: &Value, loc: &str) -> Payload {
    let parsed = value.as_str().and_then(|s| match path_or_intrinsic(s) {
        Some(PathOrIntrinsic::Path(p)) => Some(Payload::Path(p)),
        Some(PathOrIntrinsic::Intrinsic(i)) => Some(Payload::Intrinsic(i)),
        None => None,
    });
    parsed.unwrap_or_else(|| {
        ctx.schema(
            loc,
            format!("The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call"),
        );
        Payload::Literal(Value::Null)
    })
}

/// What a `.$` value or a Fail `...Path` holds.
pub(super) enum PathOrIntrinsic {
    Path(Path),
    Intrinsic(Intrinsic),
}

/// Parses a string that must be a path (`$...`) or an intrinsic call (`States.X(...)`).
pub(super) fn path_or_intrinsic(s: &str) -> Option<PathOrIntrinsic> {
    if s.starts_with('$') {
        Path::parse(s).ok().map(PathOrIntrinsic::Path)
    } else {
        Intrinsic::parse(s).ok().map(PathOrIntrinsic::Intrinsic)
    }
}

/// A template field in the state's language.
pub(super) fn template(
    ctx: &mut Ctx,
    obj: &Obj,
    key: &str,
    language: QueryLanguage,
) -> Option<Template> {
    let value = obj.get(key)?;
    match language {
        QueryLanguage::JsonPath => payload(ctx, value, &obj.at(key)).map(Template::JsonPath),
        QueryLanguage::Jsonata => Some(Template::Jsonata(JsonataTemplate::from_value(value))),
    }
}

/// An `Assign` block of a Choice rule or a Catcher, with its variable names checked.
pub(super) fn assign(ctx: &mut Ctx, obj: &Obj, language: QueryLanguage) -> Option<Template> {
    super::variables::check_assign(ctx, obj.get("Assign"), &obj.at("Assign"), language);
    template(ctx, obj, "Assign", language)
}

/// A JSONata template field (`Output`, `Arguments`, `Items`, ...).
pub(super) fn jsonata(obj: &Obj, key: &str) -> Option<JsonataTemplate> {
    obj.get(key).map(JsonataTemplate::from_value)
}

/// An integer field in `min..=max` that a JSONata state may also write as an expression. In
/// a JSONPath state `"{% ... %}"` is only a string, so the integer type is what is wrong.
pub(super) fn integer_or_expr(
    ctx: &mut Ctx,
    obj: &Obj,
    key: &str,
    (min, max): (u64, u64),
    language: QueryLanguage,
) -> Option<ValueOrExpr<u64>> {
    match expr_field(obj, key) {
        Some(expr) if language == QueryLanguage::Jsonata => Some(ValueOrExpr::Expr(expr)),
        Some(_) => {
            ctx.schema(&obj.at(key), "Expected value of type [INTEGER]");
            None
        }
        None => obj.integer(ctx, key, min, max).map(ValueOrExpr::Value),
    }
}

/// The expression of a field written as `"{% ... %}"`.
pub(super) fn expr_field(obj: &Obj, key: &str) -> Option<JsonataExpr> {
    obj.get(key)?.as_str().and_then(JsonataExpr::from_delimited)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asl::validate::MachineType;
    use serde_json::json;

    #[test]
    fn payload_strips_suffix_and_keeps_literals() {
        let mut ctx = Ctx::new(MachineType::Standard);
        let value = json!({"a.$": "$.x", "b": "$.not-a-path", "c": {"d.$": "States.UUID()"}});
        let Some(Payload::Object(fields)) = payload(&mut ctx, &value, "/States/P/Parameters")
        else {
            panic!("expected object")
        };
        assert!(matches!(&fields[0], (k, Payload::Path(_)) if k == "a"));
        assert_eq!(
            fields[1],
            ("b".to_owned(), Payload::Literal(json!("$.not-a-path")))
        );
        assert!(
            matches!(&fields[2].1, Payload::Object(inner) if matches!(inner[0].1, Payload::Intrinsic(_)))
        );
        assert!(ctx.diagnostics.is_empty());
    }

    #[test]
    fn dollar_key_needs_path_or_intrinsic() {
        let mut ctx = Ctx::new(MachineType::Standard);
        assert_eq!(
            payload(&mut ctx, &json!({"a.$": "x"}), "/States/P/Parameters"),
            None
        );
        assert_eq!(
            ctx.diagnostics[0].message,
            "The value for the field 'a.$' must be a valid JSONPath or a valid intrinsic function call"
        );
        assert_eq!(
            ctx.diagnostics[0].location.as_deref(),
            Some("/States/P/Parameters")
        );
    }
}
