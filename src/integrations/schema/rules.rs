//! The checks themselves: a JSON value against a shape, recursively, reporting the first
//! violation in AWS's words. A field is named by its own member name at any depth; list items
//! and map values by the list's or map's name.

use super::Mode;
use super::catalog::{self, Constraints, Service, Shape, Structure};
use serde_json::{Map, Value};

/// Checks values against one service's shapes.
pub struct Rules<'a> {
    pub service: &'a Service,
    pub mode: Mode,
}

impl Rules<'_> {
    /// The members of a structure present in `object`: in STRICT mode the required ones first
    /// (in the model's order), then each present member in the order given. Members the model
    /// does not know are allowed, as are `null`s, which count as absent. `json_members` are
    /// left unchecked: Step Functions returns them as JSON where the API has text.
    pub fn structure(
        &self,
        object: &Map<String, Value>,
        structure: &Structure,
        json_members: &[&str],
    ) -> Result<(), String> {
        if self.mode == Mode::Strict {
            let missing = structure
                .required
                .iter()
                .find(|name| object.get(name.as_str()).is_none_or(Value::is_null));
            if let Some(name) = missing {
                return Err(format!("Required field '{name}' is missing"));
            }
        }
        for (name, value) in object {
            if value.is_null() || json_members.contains(&name.as_str()) {
                continue;
            }
            if let Some(shape) = structure.members.get(name) {
                self.value(value, shape, name)?;
            }
        }
        Ok(())
    }

    /// `value`, the field `field`, against the shape named `shape`.
    fn value(&self, value: &Value, shape: &str, field: &str) -> Result<(), String> {
        let wrong = |what: &str| Err(format!("Field '{field}' must be {what}"));
        match shape {
            catalog::DOCUMENT => Ok(()),
            catalog::STRING | catalog::BLOB | catalog::TIMESTAMP if !value.is_string() => {
                wrong("a string")
            }
            catalog::NUMBER if !value.is_number() => wrong("a number"),
            catalog::BOOLEAN if !value.is_boolean() => wrong("a boolean"),
            _ => match self.service.shape(shape) {
                None => Ok(()),
                Some(Shape::Structure(structure)) => match value {
                    Value::Object(object) => self.structure(object, structure, &[]),
                    _ => wrong("an object"),
                },
                Some(Shape::List(item)) => match value {
                    Value::Array(items) => items
                        .iter()
                        .filter(|item| !item.is_null())
                        .try_for_each(|value| self.value(value, item, field)),
                    _ => wrong("an array"),
                },
                Some(Shape::Map(item)) => match value {
                    Value::Object(entries) => entries
                        .values()
                        .filter(|value| !value.is_null())
                        .try_for_each(|value| self.value(value, item, field)),
                    _ => wrong("an object"),
                },
                Some(Shape::Text(constraints) | Shape::Blob(constraints)) => match value {
                    Value::String(text) => text_fits(text, constraints, field),
                    _ => wrong("a string"),
                },
            },
        }
    }
}

/// An enum's value must be one of its values, then long enough.
fn text_fits(text: &str, constraints: &Constraints, field: &str) -> Result<(), String> {
    if !constraints.values.is_empty() && !constraints.values.iter().any(|v| v == text) {
        return Err(format!("Field '{field}' is not an expected value"));
    }
    if text.chars().count() < constraints.min {
        return Err(format!(
            "Field '{field}' is smaller than the minimum length"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A service with one of each kind of shape.
    fn service() -> Service {
        serde_json::from_value(json!({
            "operations": {},
            "shapes": {
                "Output": {"structure": {
                    "members": {
                        "Arn": "Arn", "Date": "timestamp", "Count": "number", "Done": "boolean",
                        "Data": "blob", "Color": "Color", "Nested": "Nested", "Items": "Items",
                        "Tags": "Tags", "Extra": "document"
                    },
                    "required": ["Arn", "Date"]
                }},
                "Arn": {"string": {"min": 1}},
                "Color": {"string": {"enum": ["RED", "GREEN"]}},
                "Nested": {"structure": {"members": {"Units": "number", "Name": "string"},
                                         "required": ["Name"]}},
                "Items": {"list": "Nested"},
                "Tags": {"map": "Color"}
            }
        }))
        .unwrap()
    }

    fn check(mode: Mode, result: Value) -> Result<(), String> {
        let service = service();
        let Some(Shape::Structure(output)) = service.shape("Output") else {
            unreachable!()
        };
        let Value::Object(object) = result else {
            unreachable!()
        };
        Rules {
            service: &service,
            mode,
        }
        .structure(&object, output, &[])
    }

    fn fails(mode: Mode, result: Value, message: &str) {
        assert_eq!(check(mode, result), Err(message.to_owned()));
    }

    #[test]
    fn strict_wants_the_required_members_in_the_models_order() {
        fails(Mode::Strict, json!({}), "Required field 'Arn' is missing");
        fails(
            Mode::Strict,
            json!({"Arn": "a"}),
            "Required field 'Date' is missing",
        );
        fails(
            Mode::Strict,
            json!({"Arn": null, "Date": "d"}),
            "Required field 'Arn' is missing",
        );
        assert_eq!(check(Mode::Present, json!({})), Ok(()));
    }

    #[test]
    fn missing_members_are_reported_before_malformed_ones() {
        fails(
            Mode::Strict,
            json!({"Count": "1", "Date": "d"}),
            "Required field 'Arn' is missing",
        );
    }

    #[test]
    fn names_are_case_sensitive_and_unknown_names_are_allowed() {
        fails(
            Mode::Strict,
            json!({"arn": "a", "date": "d"}),
            "Required field 'Arn' is missing",
        );
        assert_eq!(
            check(Mode::Present, json!({"arn": 1, "date": true})),
            Ok(())
        );
        assert_eq!(
            check(Mode::Strict, json!({"Arn": "a", "Date": "d", "Other": [1]})),
            Ok(())
        );
    }

    #[test]
    fn present_members_must_have_their_shapes_type() {
        let cases = [
            (json!({"Arn": 1}), "Field 'Arn' must be a string"),
            (json!({"Date": 1764103483}), "Field 'Date' must be a string"),
            (json!({"Date": true}), "Field 'Date' must be a string"),
            (json!({"Data": 123}), "Field 'Data' must be a string"),
            (json!({"Count": "9000"}), "Field 'Count' must be a number"),
            (json!({"Done": "true"}), "Field 'Done' must be a boolean"),
            (json!({"Nested": []}), "Field 'Nested' must be an object"),
            (json!({"Items": {}}), "Field 'Items' must be an array"),
            (json!({"Tags": ["RED"]}), "Field 'Tags' must be an object"),
        ];
        for (result, message) in cases {
            fails(Mode::Present, result, message);
        }
        let good = json!({
            "Arn": "a", "Date": "2024-05-01T12:00:00Z", "Count": 1.5, "Done": false, "Data": "",
            "Color": "RED", "Extra": {"any": ["thing"]}, "Other": null
        });
        assert_eq!(check(Mode::Strict, good), Ok(()));
    }

    #[test]
    fn enums_and_minimum_lengths_hold() {
        fails(
            Mode::Present,
            json!({"Color": "Papyrus"}),
            "Field 'Color' is not an expected value",
        );
        fails(
            Mode::Present,
            json!({"Arn": ""}),
            "Field 'Arn' is smaller than the minimum length",
        );
    }

    #[test]
    fn nested_fields_are_named_by_their_own_name() {
        fails(
            Mode::Present,
            json!({"Nested": {"Units": "123.45"}}),
            "Field 'Units' must be a number",
        );
        fails(
            Mode::Strict,
            json!({"Arn": "a", "Date": "d", "Nested": {"Units": 1}}),
            "Required field 'Name' is missing",
        );
        assert_eq!(
            check(Mode::Present, json!({"Nested": {"Units": 1}})),
            Ok(())
        );
    }

    #[test]
    fn list_items_and_map_values_are_named_by_the_list_or_map() {
        fails(
            Mode::Present,
            json!({"Items": [{"Name": "n"}, {"Name": 2}]}),
            "Field 'Name' must be a string",
        );
        fails(
            Mode::Present,
            json!({"Items": [{"Name": "n"}, 7]}),
            "Field 'Items' must be an object",
        );
        fails(
            Mode::Present,
            json!({"Tags": {"a": "RED", "b": "BLUE"}}),
            "Field 'Tags' is not an expected value",
        );
    }

    #[test]
    fn the_first_violation_in_the_results_order_is_reported() {
        fails(
            Mode::Present,
            json!({"Done": 1, "Count": "1"}),
            "Field 'Done' must be a boolean",
        );
    }
}
