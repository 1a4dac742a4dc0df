//! Many short lists stored as one: the items of all lists in one vector and where each
//! list starts. A book has a million sentences; a `Vec` per sentence costs a 24-byte header,
//! an allocation and its slack each, which was more than the word ids themselves.

/// Lists of `T`, appended one after the other and read by index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlatLists<T> {
    /// `starts[i]..starts[i + 1]` are the items of list `i`; always begins with 0.
    starts: Vec<usize>,
    items: Vec<T>,
}

impl<T> Default for FlatLists<T> {
    fn default() -> Self {
        Self {
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<T> FlatLists<T> {
    /// Room for `lists` lists of `items` items in all, so that building them does not
    /// reallocate.
    pub fn with_capacity(lists: usize, items: usize) -> Self {
        let mut starts = Vec::with_capacity(lists + 1);
        starts.push(0);
        Self {
            starts,
            items: Vec::with_capacity(items),
        }
    }

    /// Appends one list.
    pub fn push(&mut self, list: impl IntoIterator<Item = T>) {
        self.items.extend(list);
        self.starts.push(self.items.len());
    }

    /// Number of lists.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// List `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &[T] {
        &self.items[self.starts[i]..self.starts[i + 1]]
    }

    /// Lists `range`, in order.
    pub fn range(&self, range: std::ops::Range<usize>) -> impl ExactSizeIterator<Item = &[T]> {
        range.map(|i| self.get(i))
    }

    /// All lists, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &[T]> {
        self.range(0..self.len())
    }

    /// Gives back the spare capacity of a vector that was built without knowing its size.
    pub fn shrink_to_fit(&mut self) {
        self.starts.shrink_to_fit();
        self.items.shrink_to_fit();
    }
}

impl<T> std::ops::Index<usize> for FlatLists<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        self.get(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_come_back_as_pushed() {
        let mut l = FlatLists::with_capacity(3, 4);
        assert_eq!(l.len(), 0);
        l.push([1u32, 2]);
        l.push([]);
        l.push([7]);
        assert_eq!(l.len(), 3);
        assert_eq!(l.get(0), &[1, 2]);
        assert!(l.get(1).is_empty());
        assert_eq!(l.get(2), &[7]);
        assert_eq!(&l[0], &[1, 2]);
        let all: Vec<&[u32]> = l.iter().collect();
        assert_eq!(all, [&[1, 2][..], &[], &[7]]);
        assert_eq!(l.range(1..3).len(), 2);
    }
}
