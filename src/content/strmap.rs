//! A small map from strings to numbers, for the Markdown writer's heading ids and footnote
//! numbers: constant-time lookups, so thousands of headings or footnotes stay linear.
//!
//! Open addressing (linear probing) over FNV-1a. `std`'s `HashMap<String, usize>` does the
//! same job, but its generic code costs the wasm 1.4 KB gzip for its uses here (heading ids,
//! footnote numbers, duplicate essay ids), rustc-hash's `FxHashMap` 1.5 KB (measured
//! 2026-12-02; `BTreeMap`, 2.0 KB before). The keys are one essay's heading slugs and footnote labels, written
//! by its publisher; like `std`'s map in wasm32 (no random seed there), this one does not
//! defend against keys crafted to collide.

#[derive(Default)]
pub struct StrMap {
    /// 0 for an empty slot, else 1 + the index of an entry. A power of two long, at most
    /// half full.
    slots: Vec<u32>,
    entries: Vec<(String, usize)>,
}

impl StrMap {
    /// The value of `key`, if it is in the map.
    pub fn get(&self, key: &str) -> Option<usize> {
        let (_, entry) = self.find(key);
        entry.and_then(|e| self.entries.get(e)).map(|(_, v)| *v)
    }

    /// Sets `key` to `value`, adding it if it is new.
    pub fn insert(&mut self, key: &str, value: usize) {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        match self.find(key) {
            (_, Some(e)) => {
                if let Some(entry) = self.entries.get_mut(e) {
                    entry.1 = value;
                }
            }
            (slot, None) => {
                if let Some(s) = self.slots.get_mut(slot) {
                    self.entries.push((key.to_owned(), value));
                    *s = self.entries.len() as u32;
                }
            }
        }
    }

    /// How many keys the map holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The slot holding `key` and its entry, or the empty slot where it would go.
    fn find(&self, key: &str) -> (usize, Option<usize>) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut slot = fnv1a(key) as usize & mask;
        loop {
            match self.slots.get(slot) {
                None | Some(0) => return (slot, None),
                Some(&e) => {
                    let e = e as usize - 1;
                    if self.entries.get(e).is_some_and(|(k, _)| k == key) {
                        return (slot, Some(e));
                    }
                }
            }
            slot = (slot + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots = vec![0; size];
        for (i, (key, _)) in self.entries.iter().enumerate() {
            let mut slot = fnv1a(key) as usize & (size - 1);
            while self.slots.get(slot).is_some_and(|&s| s != 0) {
                slot = (slot + 1) & (size - 1);
            }
            if let Some(s) = self.slots.get_mut(slot) {
                *s = i as u32 + 1;
            }
        }
    }
}

fn fnv1a(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_map() {
        let mut map = StrMap::default();
        let mut reference = std::collections::HashMap::new();
        for i in 0..5_000u32 {
            // Keys repeat, values change: every case of insert.
            let key = ["k", &(i % 1_700).to_string()].concat();
            map.insert(&key, i as usize);
            reference.insert(key, i as usize);
        }
        assert_eq!(map.len(), reference.len());
        for (key, value) in &reference {
            assert_eq!(map.get(key), Some(*value), "{key}");
        }
        for missing in ["", "k", "k1700", "K1", "k01"] {
            assert_eq!(map.get(missing), None, "{missing}");
        }
    }

    #[test]
    fn an_empty_map_finds_nothing() {
        let map = StrMap::default();
        assert_eq!(map.get("a"), None);
        assert_eq!(map.len(), 0);
    }
}
