//! Seriation: an order of entities in which those often together sit side by side, so that a
//! matrix of their links shows its clusters as blocks along the diagonal.

/// Orders `n` items by a greedy chain: it starts from the most similar pair and keeps adding,
/// at whichever end it fits best, the item most similar to that end. Items linked to nothing
/// follow in their first order. `sim(i, j)` is symmetric and `None` when there is no link;
/// ties go to the item listed first.
pub fn greedy_chain(n: usize, sim: impl Fn(usize, usize) -> Option<f64>) -> Vec<usize> {
    let linked: Vec<bool> = (0..n)
        .map(|i| (0..n).any(|j| j != i && sim(i, j).is_some()))
        .collect();
    let mut placed = vec![false; n];
    let mut chain: std::collections::VecDeque<usize> = Default::default();
    let better = |best: Option<(f64, usize, usize)>, s: f64| best.is_none_or(|(b, _, _)| s > b);
    // The most similar pair starts the chain.
    let mut start: Option<(f64, usize, usize)> = None;
    for i in 0..n {
        for j in i + 1..n {
            if let Some(s) = sim(i, j)
                && better(start, s)
            {
                start = Some((s, i, j));
            }
        }
    }
    if let Some((_, i, j)) = start {
        chain.extend([i, j]);
        placed[i] = true;
        placed[j] = true;
    }
    // Then the closest item to either end, until no linked item is left.
    while let (Some(&front), Some(&back)) = (chain.front(), chain.back()) {
        let mut best: Option<(f64, usize, usize)> = None;
        for k in (0..n).filter(|&k| !placed[k] && linked[k]) {
            for (end, at) in [(front, 0), (back, 1)] {
                if let Some(s) = sim(end, k)
                    && better(best, s)
                {
                    best = Some((s, k, at));
                }
            }
        }
        // An item linked only to items inside the chain goes to the end nearest its partner.
        let next = best.or_else(|| {
            (0..n)
                .find(|&k| !placed[k] && linked[k])
                .map(|k| (0.0, k, 1))
        });
        let Some((_, k, at)) = next else { break };
        placed[k] = true;
        if at == 0 {
            chain.push_front(k);
        } else {
            chain.push_back(k);
        }
    }
    chain
        .into_iter()
        .chain((0..n).filter(|&k| !placed[k]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two groups whose members are interleaved in the first order: 0, 2, 4 and 1, 3, 5.
    fn two_groups(i: usize, j: usize) -> Option<f64> {
        if i == j {
            return None;
        }
        Some(if i % 2 == j % 2 {
            5.0 + (i + j) as f64 * 0.1
        } else {
            0.5
        })
    }

    #[test]
    fn items_of_one_group_sit_side_by_side() {
        let order = greedy_chain(6, two_groups);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, [0, 1, 2, 3, 4, 5]);
        let group_of = |k: usize| order[k] % 2;
        assert_eq!(group_of(0), group_of(1));
        assert_eq!(group_of(1), group_of(2));
        assert_eq!(group_of(3), group_of(4));
        assert_eq!(group_of(4), group_of(5));
        assert_eq!(greedy_chain(6, two_groups), order, "deterministic");
    }

    #[test]
    fn unlinked_items_follow_in_their_first_order() {
        let sim = |i: usize, j: usize| (i.min(j) == 1 && i.max(j) == 3).then_some(1.0);
        assert_eq!(greedy_chain(5, sim), [1, 3, 0, 2, 4]);
        assert_eq!(greedy_chain(3, |_, _| None), [0, 1, 2]);
        assert!(greedy_chain(0, |_, _| None).is_empty());
    }
}
