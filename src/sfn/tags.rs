//! TagResource, UntagResource and ListTagsForResource on state machines and activities, and the
//! tag rules CreateStateMachine and CreateActivity share.

use super::Sfn;
use super::arn::{self, Qualifier, Resource};
use super::check::{Check, present};
use super::error::{SfnError, SfnResult};
use super::state::{State, Tags};
use super::types::{
    ListTagsForResourceInput, ListTagsForResourceOutput, Tag, TagResourceInput, TagResourceOutput,
    UntagResourceInput, UntagResourceOutput,
};

/// AWS's limit on tags per resource.
const MAX_TAGS: usize = 50;

/// Tag keys and values: letters, digits, spaces and `_ . : / = + - @`.
fn valid_tag_text(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_alphanumeric() || c == ' ' || "_.:/=+-@".contains(c))
}

const TAG_PATTERN: &str = r"^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$";

/// Checks each tag against the model's constraints and returns them as pairs.
pub fn checked_tags(check: &mut Check, tags: &[Tag]) -> Vec<(String, String)> {
    for (i, tag) in tags.iter().enumerate() {
        let field = format!("tags.{}.member", i + 1);
        check.len(&format!("{field}.key"), tag.key.as_deref(), 1, 128);
        check.len(&format!("{field}.value"), tag.value.as_deref(), 0, 256);
        for (part, text) in [("key", &tag.key), ("value", &tag.value)] {
            if let Some(text) = text.as_deref().filter(|t| !valid_tag_text(t)) {
                check.custom(format!(
                    "Value '{text}' at '{field}.{part}' failed to satisfy constraint: Member must satisfy regular expression pattern: {TAG_PATTERN}"
                ));
            }
        }
    }
    tags.iter()
        .map(|t| {
            (
                t.key.clone().unwrap_or_default(),
                t.value.clone().unwrap_or_default(),
            )
        })
        .collect()
}

/// `TooManyTags` when a resource would carry more than 50 tags.
pub fn check_tag_count(resource: &str, count: usize) -> SfnResult<()> {
    if count > MAX_TAGS {
        return Err(SfnError::TooManyTags(resource.to_owned(), count));
    }
    Ok(())
}

fn checked_arn(check: &mut Check, arn: &Option<String>) {
    check.required("resourceArn", arn);
    check.len("resourceArn", arn.as_deref(), 1, 256);
}

/// The tags of the state machine or activity an ARN names.
fn tags_of<'a>(state: &'a mut State, resource_arn: &str) -> SfnResult<&'a mut Tags> {
    let not_found = || SfnError::ResourceNotFound(resource_arn.to_owned());
    match arn::parse(resource_arn)? {
        Resource::StateMachine {
            base,
            qualifier: Qualifier::None,
            ..
        } => state
            .machines
            .get_mut(&base)
            .map(|m| &mut m.tags)
            .ok_or_else(not_found),
        Resource::StateMachine { .. } => Err(not_found()),
        Resource::Activity(activity) => state
            .activities
            .get_mut(&activity)
            .map(|a| &mut a.tags)
            .ok_or_else(not_found),
        other => Err(arn::wrong_type(&other)),
    }
}

impl Sfn {
    /// TagResource: adds or overwrites tags.
    pub fn tag_resource(&self, input: TagResourceInput) -> SfnResult<TagResourceOutput> {
        let mut check = Check::new();
        checked_arn(&mut check, &input.resource_arn);
        check.required("tags", &input.tags);
        let tags = checked_tags(&mut check, input.tags.as_deref().unwrap_or_default());
        check.finish()?;
        let resource_arn = present(input.resource_arn);
        let mut state = self.lock();
        let existing = tags_of(&mut state, &resource_arn)?;
        check_tag_count(&resource_arn, existing.count_after_merge(&tags))?;
        existing.merge(&tags);
        Ok(TagResourceOutput {})
    }

    /// UntagResource: removes tags by key; absent keys are ignored.
    pub fn untag_resource(&self, input: UntagResourceInput) -> SfnResult<UntagResourceOutput> {
        let mut check = Check::new();
        checked_arn(&mut check, &input.resource_arn);
        check.required("tagKeys", &input.tag_keys);
        for (i, key) in input.tag_keys.iter().flatten().enumerate() {
            check.len(&format!("tagKeys.{}.member", i + 1), Some(key), 1, 128);
        }
        check.finish()?;
        let resource_arn = present(input.resource_arn);
        let mut state = self.lock();
        tags_of(&mut state, &resource_arn)?.remove(&present(input.tag_keys));
        Ok(UntagResourceOutput {})
    }

    /// ListTagsForResource.
    pub fn list_tags_for_resource(
        &self,
        input: ListTagsForResourceInput,
    ) -> SfnResult<ListTagsForResourceOutput> {
        let mut check = Check::new();
        checked_arn(&mut check, &input.resource_arn);
        check.finish()?;
        let resource_arn = present(input.resource_arn);
        let mut state = self.lock();
        Ok(ListTagsForResourceOutput {
            tags: Some(tags_of(&mut state, &resource_arn)?.to_wire()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(key: &str, value: &str) -> Tag {
        Tag {
            key: Some(key.into()),
            value: Some(value.into()),
        }
    }

    #[test]
    fn tag_text_rules() {
        let mut check = Check::new();
        checked_tags(
            &mut check,
            &[tag("team", "a b_c.d:e/f=g+h-i@j"), tag("ünïcode", "1")],
        );
        assert!(check.finish().is_ok());
        let mut check = Check::new();
        checked_tags(&mut check, &[tag("bad#key", "v")]);
        assert!(
            check
                .finish()
                .unwrap_err()
                .message()
                .contains("tags.1.member.key")
        );
    }

    #[test]
    fn at_most_fifty_tags() {
        assert!(check_tag_count("r", 50).is_ok());
        assert_eq!(check_tag_count("r", 51).unwrap_err().code(), "TooManyTags");
    }
}
