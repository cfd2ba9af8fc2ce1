//! The in-memory store: a map behind a mutex, forgotten when the server stops.

use super::{Rows, Table};
use std::collections::HashMap;
use std::fmt::Debug;
use std::sync::{Mutex, MutexGuard};

/// A [`Table`] in memory.
#[derive(Debug)]
pub struct MemoryTable<V> {
    rows: Mutex<HashMap<String, V>>,
}

impl<V> Default for MemoryTable<V> {
    fn default() -> Self {
        MemoryTable {
            rows: Mutex::new(HashMap::new()),
        }
    }
}

impl<V: Send + Debug> Table<V> for MemoryTable<V> {
    /// A panic while the lock was held leaves rows the engine validated before changing, so a
    /// poisoned lock is still safe to use.
    fn lock(&self) -> Box<dyn Rows<V> + '_> {
        Box::new(
            self.rows
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

impl<V> Rows<V> for MutexGuard<'_, HashMap<String, V>> {
    fn get(&self, key: &str) -> Option<&V> {
        HashMap::get(self, key)
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        HashMap::get_mut(self, key)
    }

    fn insert(&mut self, key: String, row: V) -> Option<V> {
        HashMap::insert(self, key, row)
    }

    fn remove(&mut self, key: &str) -> Option<V> {
        HashMap::remove(self, key)
    }

    fn values(&self) -> Box<dyn Iterator<Item = &V> + '_> {
        Box::new(HashMap::values(self))
    }

    fn values_mut(&mut self) -> Box<dyn Iterator<Item = &mut V> + '_> {
        Box::new(HashMap::values_mut(self))
    }

    fn retain(&mut self, keep: &mut dyn FnMut(&V) -> bool) {
        HashMap::retain(self, |_, row| keep(row));
    }

    fn take_all(&mut self) -> Vec<V> {
        self.drain().map(|(_, row)| row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_changed_under_a_lock_are_there_under_the_next() {
        let table = MemoryTable::<u32>::default();
        {
            let mut rows = table.lock();
            rows.insert("a".into(), 1);
            rows.insert("b".into(), 2);
            *rows.get_mut("a").unwrap() += 10;
        }
        let mut rows = table.lock();
        assert_eq!(rows.get("a"), Some(&11));
        rows.retain(&mut |row| *row > 5);
        assert!(!rows.contains_key("b"));
        assert_eq!(rows.take_all(), vec![11]);
        assert_eq!(rows.values().count(), 0);
    }
}
