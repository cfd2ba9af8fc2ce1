//! A Distributed Map's `ItemBatcher`: each child execution processes a batch of items, and
//! its input is `{"BatchInput": ..., "Items": [...]}` (`BatchInput` only when the batcher has
//! one).
//!
//! As the States Language orders it, the `ItemSelector` applies to each item first, then the
//! selected items are grouped, in order, into batches of at most `MaxItemsPerBatch` items and
//! `MaxInputBytesPerBatch` bytes. The batches are formed when the Map starts its children, so
//! the selection runs eagerly here rather than lazily per child as it does without a batcher.
//!
//! What AWS counts with batches, as its documentation describes it: MapStateStarted's `length`
//! and DescribeMapRun's `itemCounts` count items, `executionCounts` counts child executions
//! (batches), ListExecutions' `itemCount` is a child's batch size, and the tolerated failure
//! count and percentage are of items (a failed child fails every item of its batch). The
//! Map's result has one element per batch: each child's output.

use super::states::json_len;
use super::{Core, Frame, PAYLOAD_LIMIT};
use crate::asl::definition::{Count, Map, Template};
use crate::asl::errors::Failure;
use crate::asl::flow;
use crate::asl::path::{NoVariables, Roots};
use crate::asl::payload;
use crate::engine::history::EventKind;
use serde_json::Value;

/// The error of a Map whose items cannot be batched: one item is larger than a batch may be.
///
/// A guess: AWS documents no error for it. Forming the items of a Distributed Map is its item
/// reader's work, so the failure is the one AWS names for that, and unlike `States.Runtime`
/// a `Catch` can handle it.
pub const ITEM_READER_FAILED: &str = "States.ItemReaderFailed";

/// An `ItemBatcher`'s limits, evaluated; `None` where the batcher sets none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchLimits {
    /// `MaxItemsPerBatch`: most items in one batch (no limit by default).
    pub max_items: Option<u64>,
    /// `MaxInputBytesPerBatch`: most bytes one batch's input may take. AWS's payload limit,
    /// 256 KiB, is both the default and the most it can be (a larger value is capped).
    pub max_bytes: Option<u64>,
}

/// Groups `items` (already selected), in order, into the inputs of a batched Map's children:
/// each batch takes as many items as fit in `limits`, its size being the length of its input's
/// JSON text (`BatchInput` included) in UTF-8.
///
/// # Errors
/// [`ITEM_READER_FAILED`] when an item does not fit in a batch on its own.
pub fn batch(
    items: Vec<Value>,
    limits: BatchLimits,
    batch_input: Option<Value>,
) -> Result<Vec<Value>, Failure> {
    let max_items = limits.max_items.unwrap_or(u64::MAX);
    let max_bytes = limits.max_bytes.map_or(PAYLOAD_LIMIT, |bytes| {
        usize::try_from(bytes).map_or(PAYLOAD_LIMIT, |b| b.min(PAYLOAD_LIMIT))
    });
    let envelope = json_len(&batch_value(batch_input.clone(), Vec::new()));
    let mut batches = Vec::new();
    let mut current: Vec<Value> = Vec::new();
    let mut bytes = envelope;
    for (index, item) in items.into_iter().enumerate() {
        let size = json_len(&item);
        if envelope + size > max_bytes {
            return Err(Failure::new(
                ITEM_READER_FAILED,
                format!(
                    "The item at index {index} does not fit in a batch: a batch of it alone takes {} bytes, more than the limit of {max_bytes} bytes",
                    envelope + size
                ),
            ));
        }
        // The comma that separates the item from the one before it counts too.
        let full = current.len() as u64 >= max_items || bytes + 1 + size > max_bytes;
        if !current.is_empty() && full {
            batches.push(batch_value(
                batch_input.clone(),
                std::mem::take(&mut current),
            ));
            bytes = envelope;
        }
        bytes += usize::from(!current.is_empty()) + size;
        current.push(item);
    }
    if !current.is_empty() {
        batches.push(batch_value(batch_input, current));
    }
    Ok(batches)
}

/// A child's input: `BatchInput` first, as AWS's documentation shows it, then `Items`.
fn batch_value(batch_input: Option<Value>, items: Vec<Value>) -> Value {
    let mut object = serde_json::Map::with_capacity(2);
    if let Some(batch_input) = batch_input {
        object.insert("BatchInput".to_owned(), batch_input);
    }
    object.insert("Items".to_owned(), Value::Array(items));
    Value::Object(object)
}

/// How many items each child of a batched Map processes, for its failure tolerance.
#[derive(Debug)]
pub(super) struct BatchSizes {
    /// Items per child, in child order.
    sizes: Vec<u64>,
    /// Items in all.
    total: usize,
}

impl BatchSizes {
    fn of(batches: &[Value]) -> BatchSizes {
        let sizes: Vec<u64> = batches
            .iter()
            .map(|batch| {
                batch["Items"]
                    .as_array()
                    .map_or(0, |items| items.len() as u64)
            })
            .collect();
        let total = sizes.iter().sum::<u64>() as usize;
        BatchSizes { sizes, total }
    }

    /// The items of the child in `slot`.
    pub(super) fn items(&self, slot: usize) -> u64 {
        self.sizes.get(slot).copied().unwrap_or(0)
    }

    /// The items of all the children.
    pub(super) fn total(&self) -> usize {
        self.total
    }
}

impl Core {
    /// A Map's children's inputs: with an `ItemBatcher`, the batches of its selected items and
    /// how many items each holds; without one, `items` as they are (selected later, per child).
    ///
    /// `effective` is the Map state's effective input; `states` is `$states` when the state is
    /// written in JSONata. The batcher's settings are read like the Map's other settings:
    /// after MapStateStarted, before the Map Run starts.
    pub(super) fn batch_items(
        &mut self,
        frame: &mut Frame,
        map: &Map,
        items: Vec<Value>,
        effective: &Value,
        states: Option<&Value>,
    ) -> Result<(Vec<Value>, Option<Box<BatchSizes>>), Failure> {
        let Some(batcher) = &map.item_batcher else {
            return Ok((items, None));
        };
        let limits = BatchLimits {
            max_items: self.positive(
                frame,
                batcher.max_items_per_batch.as_ref(),
                effective,
                "MaxItemsPerBatch",
                states,
            )?,
            max_bytes: self.positive(
                frame,
                batcher.max_input_bytes_per_batch.as_ref(),
                effective,
                "MaxInputBytesPerBatch",
                states,
            )?,
        };
        let batch_input = match (&batcher.batch_input, states) {
            (None, _) => None,
            (Some(Template::JsonPath(template)), _) => Some(payload::evaluate(
                template,
                &Roots::new(effective, &self.context).with_variables(&*frame),
                &mut self.env,
            )?),
            (Some(Template::Jsonata(template)), Some(states)) => {
                Some(self.eval_template(frame, template, states, "BatchInput")?)
            }
            (Some(Template::Jsonata(_)), None) => {
                return Err(Failure::runtime(
                    "BatchInput is a JSONata template; this state is written in JSONPath",
                ));
            }
        };
        let selected = match &map.item_selector {
            None => items,
            Some(selector) => self.select_items(frame, selector, items, effective)?,
        };
        let batches = batch(selected, limits, batch_input).inspect_err(|_| {
            frame.closing = vec![EventKind::MapStateFailed];
        })?;
        let sizes = BatchSizes::of(&batches);
        Ok((batches, Some(Box::new(sizes))))
    }

    /// A batch limit: constant, read by its `...Path` or an expression; 0 is refused.
    fn positive(
        &mut self,
        frame: &mut Frame,
        count: Option<&Count<u64>>,
        effective: &Value,
        field: &str,
        states: Option<&Value>,
    ) -> Result<Option<u64>, Failure> {
        let value = self.setting(frame, effective, states, |inputs| {
            flow::batch_limit(count, field, inputs)
        });
        value.map_err(|e| self.flow_failed(frame, e))
    }

    /// Applies the `ItemSelector` to every item, each seeing itself as `$$.Map.Item`, as a
    /// Distributed Map's children's selection does one at a time: without the outer variables,
    /// and with the same failure.
    fn select_items(
        &mut self,
        frame: &Frame,
        selector: &Template,
        items: Vec<Value>,
        effective: &Value,
    ) -> Result<Vec<Value>, Failure> {
        let mut selected = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let state = (frame.state.as_str(), frame.entered);
            let item = self.select_item(selector, (index, item), effective, &NoVariables, state)?;
            selected.push(item);
        }
        Ok(selected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sizes(batches: &[Value]) -> Vec<usize> {
        batches
            .iter()
            .map(|b| b["Items"].as_array().map_or(0, Vec::len))
            .collect()
    }

    #[test]
    fn items_are_grouped_in_order_by_count() {
        let limits = BatchLimits {
            max_items: Some(2),
            max_bytes: None,
        };
        let batches = batch((1..=5).map(|n| json!(n)).collect(), limits, None).unwrap();
        assert_eq!(
            batches,
            [
                json!({"Items": [1, 2]}),
                json!({"Items": [3, 4]}),
                json!({"Items": [5]})
            ]
        );
    }

    #[test]
    fn the_batch_input_comes_first_and_counts_towards_the_size() {
        let input = json!({"k": "v"});
        // {"BatchInput":{"k":"v"},"Items":[1,2]} is 38 bytes; a third item makes 40.
        let limits = BatchLimits {
            max_items: None,
            max_bytes: Some(39),
        };
        let items = vec![json!(1), json!(2), json!(3)];
        let batches = batch(items, limits, Some(input.clone())).unwrap();
        assert_eq!(sizes(&batches), [2, 1]);
        assert_eq!(
            serde_json::to_string(&batches[0]).unwrap(),
            r#"{"BatchInput":{"k":"v"},"Items":[1,2]}"#
        );
        assert_eq!(batches[1], json!({"BatchInput": input, "Items": [3]}));
    }

    #[test]
    fn the_byte_limit_is_of_the_whole_batch_text() {
        // {"Items":["aaaa"]} is 18 bytes; each further item adds 7 ("," and "aaaa" quoted).
        let items: Vec<Value> = (0..4).map(|_| json!("aaaa")).collect();
        let at = |max_bytes| {
            let limits = BatchLimits {
                max_items: None,
                max_bytes: Some(max_bytes),
            };
            sizes(&batch(items.clone(), limits, None).unwrap())
        };
        assert_eq!(at(25), [2, 2]);
        assert_eq!(at(24), [1, 1, 1, 1]);
        assert_eq!(at(39), [4]);
    }

    #[test]
    fn the_byte_limit_defaults_to_and_is_capped_at_the_payload_limit() {
        let item = json!("x".repeat(PAYLOAD_LIMIT / 2));
        let items = vec![item.clone(), item];
        for max_bytes in [None, Some(u64::MAX)] {
            let limits = BatchLimits {
                max_items: None,
                max_bytes,
            };
            let batches = batch(items.clone(), limits, None).unwrap();
            assert_eq!(sizes(&batches), [1, 1]);
            assert!(batches.iter().all(|b| json_len(b) <= PAYLOAD_LIMIT));
        }
    }

    #[test]
    fn an_item_too_large_for_a_batch_fails() {
        let limits = BatchLimits {
            max_items: None,
            max_bytes: Some(20),
        };
        let items = vec![json!(1), json!("a string of thirty characters.")];
        let failure = batch(items, limits, None).unwrap_err();
        assert_eq!(failure.error, ITEM_READER_FAILED);
        assert!(failure.cause.contains("index 1"), "{}", failure.cause);
    }

    #[test]
    fn no_items_make_no_batches() {
        let limits = BatchLimits {
            max_items: Some(1),
            max_bytes: None,
        };
        assert!(
            batch(Vec::new(), limits, Some(json!(1)))
                .unwrap()
                .is_empty()
        );
    }
}
