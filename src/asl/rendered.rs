//! JSON rendered once for responses to copy: a definition as descriptions show it.

use super::references::variable_references;
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;
use std::sync::Arc;

/// A definition's text (a state machine's, or a Distributed Map's item processor's) and its
/// `variableReferences`, as JSON ready to be copied into DescribeStateMachine and
/// DescribeStateMachineForExecution responses.
///
/// Both follow from the text alone, but working out the references re-parses the whole text
/// (and every JSONata expression in it), and quoting the text escapes each of its `"`: together
/// they cost several times a whole small request. Describing a machine is the call SDK
/// waiters, Terraform and CDK make most, so this is made once, when the definition is stored.
#[derive(Debug, Clone)]
pub struct RenderedDefinition {
    text: Arc<RawValue>,
    variable_references: Option<Arc<RawValue>>,
}

impl RenderedDefinition {
    /// Renders the definition `text` as it was sent.
    pub fn new(text: &str) -> Self {
        let references = serde_json::from_str::<Value>(text)
            .map(|definition| variable_references(&definition))
            .ok()
            .filter(|references| !references.is_empty());
        RenderedDefinition {
            text: raw_json(text),
            variable_references: references.as_ref().map(raw_json),
        }
    }

    /// The text, as a JSON string.
    pub fn text(&self) -> Arc<RawValue> {
        self.text.clone()
    }

    /// `variableReferences` (state name -> the variables it reads), as a JSON object; `None`
    /// when no state reads a variable, as AWS then leaves the member out.
    pub fn variable_references(&self) -> Option<Arc<RawValue>> {
        self.variable_references.clone()
    }
}

/// Stored as the definition text it was rendered from.
impl Serialize for RenderedDefinition {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text: String =
            serde_json::from_str(self.text.get()).map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> serde::Deserialize<'de> for RenderedDefinition {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ok(RenderedDefinition::new(&text))
    }
}

impl PartialEq for RenderedDefinition {
    fn eq(&self, other: &Self) -> bool {
        // The references follow from the text.
        self.text.get() == other.text.get()
    }
}

/// `value` as JSON text that serialises verbatim.
pub fn raw_json<T: Serialize + ?Sized>(value: &T) -> Arc<RawValue> {
    // Strings and maps of strings always serialise; `null` keeps the fallback well-formed.
    serde_json::value::to_raw_value(value)
        .unwrap_or_else(|_| RawValue::NULL.to_owned())
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_text_is_quoted_verbatim() {
        let text = "{\"StartAt\": \"A\",\n  \"States\": {\"A\": {\"Type\": \"Succeed\"}}}";
        let rendered = RenderedDefinition::new(text);
        let back: String = serde_json::from_str(rendered.text().get()).unwrap();
        assert_eq!(back, text);
        assert_eq!(rendered.variable_references().map(|r| r.to_string()), None);
    }

    #[test]
    fn references_are_those_of_the_parsed_text() {
        let definition = json!({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "B"},
            "B": {"Type": "Pass", "Parameters": {"a.$": "$x", "b.$": "States.Format('{}', $y)"},
                "Next": "C"},
            "C": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $x + $z %}",
                "End": true}}});
        let rendered = RenderedDefinition::new(&definition.to_string());
        let references: Value =
            serde_json::from_str(rendered.variable_references().unwrap().get()).unwrap();
        assert_eq!(references, json!(variable_references(&definition)));
        assert_eq!(references, json!({"B": ["x", "y"], "C": ["x", "z"]}));
    }
}
