//! Workflow variable names in `Assign` blocks (of states, Choice rules and Catchers).
//!
//! AWS documents the syntax: Unicode identifier characters, not starting with a digit, at most
//! 80 of them; `states` is reserved for `$states`. A leading `_` is taken too, rather than
//! reject a name AWS may accept. No recorded AWS case shows the diagnostic's wording, so the
//! message below is ours; the code and location follow AWS's other schema errors.

use super::ctx::Ctx;
use crate::asl::definition::QueryLanguage;
use serde_json::Value;

/// The longest variable name AWS allows, in characters.
const MAX_NAME: usize = 80;

/// Reports an `Assign` that is not an object (AWS documents it as a JSON object of names and
/// values, in both languages; the wording is AWS's usual type error, a guess here) and every
/// key that does not name a variable. In JSONPath a key ending in `.$` takes a path, and the
/// name is the key without it.
pub(super) fn check_assign(
    ctx: &mut Ctx,
    assign: Option<&Value>,
    loc: &str,
    language: QueryLanguage,
) {
    let members = match assign {
        None => return,
        Some(Value::Object(members)) => members,
        Some(_) => {
            ctx.schema(loc, "Expected value of type [OBJECT]");
            return;
        }
    };
    for key in members.keys() {
        let name = match language {
            QueryLanguage::JsonPath => key.strip_suffix(".$").unwrap_or(key),
            QueryLanguage::Jsonata => key,
        };
        if !valid_name(name) {
            ctx.schema(loc, format!("'{name}' is not a valid variable name"));
        }
    }
}

/// A JavaScript-like identifier (`_` counts as a letter), not `states`, of at most 80
/// characters.
fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first == '_' || first.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && name.chars().count() <= MAX_NAME
        && name != "states"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_identifier_syntax() {
        for name in ["x", "_x", "value1", "théâtre", "名前", &"a".repeat(80)] {
            assert!(valid_name(name), "{name}");
        }
        for name in [
            "",
            "1x",
            "x.y",
            "x-y",
            "a b",
            "$x",
            "states",
            &"a".repeat(81),
        ] {
            assert!(!valid_name(name), "{name}");
        }
    }
}
