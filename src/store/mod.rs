//! Where state is kept. A [`Table`] holds one kind of record by key (the engine keeps its
//! executions and its Map Runs in two); the engine reads and changes rows only through a
//! locked [`Rows`], so where they are kept is the table's business: in memory
//! ([`memory::MemoryTable`]) today, durable (`--data-dir`) later as another implementation
//! that writes back the rows a lock changed when it is released.

pub mod memory;

use std::fmt::Debug;

/// A keyed collection of records.
pub trait Table<V>: Send + Sync + Debug {
    /// The rows, locked: never held across an await.
    fn lock(&self) -> Box<dyn Rows<V> + '_>;
}

/// A table's rows, while locked.
pub trait Rows<V> {
    /// The row under `key`.
    fn get(&self, key: &str) -> Option<&V>;

    /// The row under `key`, to change.
    fn get_mut(&mut self, key: &str) -> Option<&mut V>;

    /// Whether there is a row under `key`.
    fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Puts `row` under `key`; the row it replaces.
    fn insert(&mut self, key: String, row: V) -> Option<V>;

    /// Removes the row under `key`.
    fn remove(&mut self, key: &str) -> Option<V>;

    /// Every row, in no particular order.
    fn values(&self) -> Box<dyn Iterator<Item = &V> + '_>;

    /// Every row, to change, in no particular order.
    fn values_mut(&mut self) -> Box<dyn Iterator<Item = &mut V> + '_>;

    /// Keeps only the rows `keep` accepts.
    fn retain(&mut self, keep: &mut dyn FnMut(&V) -> bool);

    /// Removes every row and returns them.
    fn take_all(&mut self) -> Vec<V>;
}
