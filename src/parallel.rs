//! Work over a large slice on every core, in order.

/// Fewer items than this are worked through on one thread: starting threads costs more.
const PARALLEL_MIN: usize = 50_000;

/// Cuts `items` into one part per core (at least [`PARALLEL_MIN`] items each), runs `work` on
/// every part at once and returns the results in the order of the parts.
pub(crate) fn in_parts<T: Sync, R: Send>(items: &[T], work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let part_len = items.len().div_ceil(threads).max(PARALLEL_MIN);
    if items.len() <= part_len {
        return vec![work(items)];
    }
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(part_len)
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        workers
            .into_iter()
            .map(|worker| worker.join().expect("a worker thread panicked"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::{in_parts, PARALLEL_MIN};

    #[test]
    fn parts_come_back_in_order() {
        let items: Vec<usize> = (0..3 * PARALLEL_MIN + 7).collect();
        let parts = in_parts(&items, |part| part.to_vec());
        assert_eq!(parts.concat(), items);
        assert!(parts.iter().all(|part| part.len() >= PARALLEL_MIN));
        assert_eq!(in_parts(&items[..10], <[usize]>::len), vec![10]);
    }
}
