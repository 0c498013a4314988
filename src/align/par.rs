//! Ordered parallel map over scoped threads: results come back in input order, so the engine's
//! output does not depend on scheduling.

/// `f` over `items` on every core when there is enough work to pay for the threads; results
/// in the order of `items`, so output does not depend on scheduling.
pub(crate) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    const MIN_ITEMS: usize = 256;
    let n = if items.len() < MIN_ITEMS {
        1
    } else {
        threads()
    };
    par_map_n(items, n, f)
}

/// Worker threads for large inputs: the machine's cores, at most eight.
pub(super) fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
}

/// `f` over `items` in `threads` ordered chunks.
pub(super) fn par_map_n<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    if threads < 2 || items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
