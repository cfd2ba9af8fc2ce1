//! JSONata expressions are parsed when a definition is created or validated: one that does
//! not parse is an `INVALID_JSONATA_EXPRESSION` error at its location.

use super::ctx::Ctx;
use crate::asl::definition::{JsonataExpr, QueryLanguage};
use serde_json::{Map, Value};

const INVALID: &str = "INVALID_JSONATA_EXPRESSION";

/// Reports every unparsable `{% %}` expression in the JSONata states of a machine.
pub(super) fn check(ctx: &mut Ctx, states: Option<&Value>, location: &str, machine: QueryLanguage) {
    let Some(Value::Object(states)) = states else {
        return;
    };
    for (name, state) in states {
        let Value::Object(state) = state else {
            continue;
        };
        let here = format!("{location}/{}", escape(name));
        let language = match state.get("QueryLanguage").and_then(Value::as_str) {
            Some("JSONata") => QueryLanguage::Jsonata,
            Some("JSONPath") => QueryLanguage::JsonPath,
            _ => machine,
        };
        check_state(ctx, state, &here, language, machine);
    }
}

fn check_state(
    ctx: &mut Ctx,
    state: &Map<String, Value>,
    here: &str,
    language: QueryLanguage,
    machine: QueryLanguage,
) {
    for (key, value) in state {
        let field = format!("{here}/{}", escape(key));
        match (key.as_str(), value) {
            ("Branches", Value::Array(branches)) => {
                for (i, branch) in branches.iter().enumerate() {
                    check(
                        ctx,
                        branch.get("States"),
                        &format!("{field}/{i}/States"),
                        machine,
                    );
                }
            }
            ("ItemProcessor" | "Iterator", processor) => {
                check(
                    ctx,
                    processor.get("States"),
                    &format!("{field}/States"),
                    machine,
                );
            }
            _ if language == QueryLanguage::Jsonata => expressions(ctx, value, &field),
            _ => {}
        }
    }
}

fn expressions(ctx: &mut Ctx, value: &Value, location: &str) {
    match value {
        Value::String(text) => {
            if let Some(Err(message)) = JsonataExpr::from_delimited(text)
                .as_ref()
                .map(JsonataExpr::parsed)
            {
                ctx.error(INVALID, Some(location), message.to_owned());
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                expressions(ctx, item, &format!("{location}/{i}"));
            }
        }
        Value::Object(members) => {
            for (key, member) in members {
                expressions(ctx, member, &format!("{location}/{}", escape(key)));
            }
        }
        _ => {}
    }
}

/// JSON pointer escaping of one reference token.
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
