//! One sort for the whole engine and the app. Each use of the standard library's sorts with its
//! own closure is its own copy of the sort algorithm, a few kilobytes of wasm each; here every
//! sort orders positions through one shared unstable sort and breaks ties by position, so the
//! result is exactly that of a stable sort (`slice::sort_by`).

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` gives them; equal ones keep their order.
pub fn positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    #[allow(clippy::disallowed_methods)] // the one sort everything else goes through
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

/// Sorts `items` by `cmp`, keeping equal items in their order (a stable sort).
pub fn sort_by<T>(items: &mut Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) {
    let order = positions(items.len(), &|a, b| cmp(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ties_keep_their_order() {
        let mut v = vec![(2, 'a'), (1, 'b'), (2, 'c'), (1, 'd'), (0, 'e')];
        sort_by(&mut v, |x, y| x.0.cmp(&y.0));
        assert_eq!(v, vec![(0, 'e'), (1, 'b'), (1, 'd'), (2, 'a'), (2, 'c')]);
        assert_eq!(positions(3, &|a, b| b.cmp(&a)), vec![2, 1, 0]);
        let mut empty: Vec<u8> = vec![];
        sort_by(&mut empty, |x, y| x.cmp(y));
        assert!(empty.is_empty());
    }

    proptest! {
        #[test]
        fn same_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..4, any::<u16>()), 0..200)) {
            let mut expected = v.clone();
            #[allow(clippy::disallowed_methods)] // the standard sort this one must match
            expected.sort_by_key(|x| x.0);
            let mut got = v;
            sort_by(&mut got, |x, y| x.0.cmp(&y.0));
            prop_assert_eq!(got, expected);
        }
    }
}
