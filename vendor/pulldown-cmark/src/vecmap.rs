//! essay-embed: a map kept as a sorted `Vec`, binary-searched, in place of
//! `std::collections::HashMap` for the parser's maps (reference and footnote definitions,
//! code span delimiters): the same lookups without hashbrown's tables and SipHash in the
//! wasm. Only what `parse.rs` and `firstpass.rs` call is here. Unlike `HashMap`, `iter`
//! yields the entries sorted by key (`HashMap`'s order is unspecified).

#[derive(Clone, Debug)]
pub(crate) struct VecMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap(Vec::new())
    }
}

impl<K: Ord, V> VecMap<K, V> {
    fn search(&self, key: &K) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.cmp(key))
    }

    pub(crate) fn get(&self, key: &K) -> Option<&V> {
        self.search(key).ok().map(|i| &self.0[i].1)
    }

    pub(crate) fn get_mut(&mut self, key: &K) -> Option<&mut V> {
        match self.search(key) {
            Ok(i) => Some(&mut self.0[i].1),
            Err(_) => None,
        }
    }

    pub(crate) fn contains_key(&self, key: &K) -> bool {
        self.search(key).is_ok()
    }

    /// Inserts `value` at `key`; an existing entry keeps its key and gets the new value
    /// (the old one is returned), as with `HashMap::insert`.
    pub(crate) fn insert(&mut self, key: K, value: V) -> Option<V> {
        match self.search(&key) {
            Ok(i) => Some(core::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    pub(crate) fn entry(&mut self, key: K) -> Entry<'_, K, V> {
        Entry { map: self, key }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

pub(crate) struct Entry<'m, K, V> {
    map: &'m mut VecMap<K, V>,
    key: K,
}

impl<'m, K: Ord, V> Entry<'m, K, V> {
    /// The value at the key, inserting `value` first if the key is absent.
    pub(crate) fn or_insert(self, value: V) -> &'m mut V {
        let i = match self.map.search(&self.key) {
            Ok(i) => i,
            Err(i) => {
                self.map.0.insert(i, (self.key, value));
                i
            }
        };
        &mut self.map.0[i].1
    }

    pub(crate) fn or_default(self) -> &'m mut V
    where
        V: Default,
    {
        let i = match self.map.search(&self.key) {
            Ok(i) => i,
            Err(i) => {
                self.map.0.insert(i, (self.key, V::default()));
                i
            }
        };
        &mut self.map.0[i].1
    }
}
