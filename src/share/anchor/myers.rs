//! Myers' bit-parallel approximate string matching: every place a quote occurs with at
//! most a given number of edits, fast enough for a long quote in a long essay.

/// Myers' bit-parallel approximate matcher, in 64-bit blocks for long patterns: for each
/// end position in `text`, the least edit distance of `pattern` to a substring ending there.
struct Myers {
    blocks: usize,
    last_bit: Vec<u64>,
    ascii: Vec<Vec<u64>>,
    /// Non-ASCII pattern characters and their masks, sorted by character (a map's code would
    /// cost the wasm more than this binary search).
    other: Vec<(char, Vec<u64>)>,
    zero: Vec<u64>,
}

impl Myers {
    fn new(pattern: &[char]) -> Myers {
        let blocks = pattern.len().div_ceil(64);
        let mut ascii = vec![vec![0u64; blocks]; 128];
        let mut other: Vec<(char, Vec<u64>)> = Vec::new();
        for (i, &c) in pattern.iter().enumerate() {
            let words = match ascii.get_mut(c as usize) {
                Some(words) => words,
                None => {
                    let at = match other.binary_search_by(|(k, _)| k.cmp(&c)) {
                        Ok(at) => at,
                        Err(at) => {
                            other.insert(at, (c, vec![0; blocks]));
                            at
                        }
                    };
                    match other.get_mut(at) {
                        Some((_, words)) => words,
                        None => continue,
                    }
                }
            };
            if let Some(word) = words.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        let last_bit = (0..blocks)
            .map(|b| {
                if b + 1 == blocks {
                    1u64 << ((pattern.len() - 1) % 64)
                } else {
                    1u64 << 63
                }
            })
            .collect();
        Myers {
            blocks,
            last_bit,
            ascii,
            other,
            zero: vec![0; blocks],
        }
    }

    fn peq(&self, c: char) -> &[u64] {
        match self.ascii.get(c as usize) {
            Some(words) => words,
            None => match self.other.binary_search_by(|(k, _)| k.cmp(&c)) {
                Ok(at) => self.other.get(at).map_or(&self.zero, |(_, words)| words),
                Err(_) => &self.zero,
            },
        }
    }

    /// Calls `visit(index, distance)` for each text position (the match ends before index+1).
    fn scan(
        &self,
        text: impl Iterator<Item = char>,
        pattern_len: usize,
        mut visit: impl FnMut(usize, usize),
    ) {
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = pattern_len as isize;
        for (j, c) in text.enumerate() {
            let peq = self.peq(c);
            let mut carry: i8 = 0;
            for b in 0..self.blocks {
                let (Some(p), Some(m), Some(&eq), Some(&last)) = (
                    pv.get_mut(b),
                    mv.get_mut(b),
                    peq.get(b),
                    self.last_bit.get(b),
                ) else {
                    continue;
                };
                carry = advance_block(p, m, eq, carry, last);
            }
            score += isize::from(carry);
            visit(j, score.max(0) as usize);
        }
    }
}

/// One 64-row block of Myers' algorithm for one text character; `h_in` is the horizontal
/// delta entering the block from below (0 for the first block: a match may start anywhere).
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, h_in: i8, last_bit: u64) -> i8 {
    let (p, m) = (*pv, *mv);
    let h_in_neg = u64::from(h_in < 0);
    let h_in_pos = u64::from(h_in > 0);
    let eq = eq | h_in_neg;
    let xv = eq | m;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let mut ph = m | !(xh | p);
    let mut mh = p & xh;
    let h_out = if ph & last_bit != 0 {
        1
    } else if mh & last_bit != 0 {
        -1
    } else {
        0
    };
    ph = (ph << 1) | h_in_pos;
    mh = (mh << 1) | h_in_neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    h_out
}

/// Candidate matches of `pattern` with at most `max_errors` edits: `(start, end, errors)`,
/// one per cluster of end positions (its best), best first, at most 16.
pub(super) fn approximate_matches(
    text: &[char],
    pattern: &[char],
    max_errors: usize,
) -> Vec<(usize, usize, usize)> {
    let forward = Myers::new(pattern);
    let mut ends: Vec<(usize, usize)> = Vec::new();
    forward.scan(text.iter().copied(), pattern.len(), |j, d| {
        if d <= max_errors {
            match ends.last_mut() {
                // Neighbouring ends describe the same match: keep the better.
                Some(last) if j - last.0 <= pattern.len() / 2 => {
                    // On a tie the later end wins: a substituted last letter, not a dropped one.
                    if d <= last.1 {
                        *last = (j, d);
                    }
                }
                _ => ends.push((j, d)),
            }
        }
    });
    keep_best(&mut ends, 16);
    let reversed: Vec<char> = pattern.iter().rev().copied().collect();
    let backward = Myers::new(&reversed);
    ends.into_iter()
        .filter_map(|(j, d)| {
            // Run the reversed pattern backwards from the end to find where the match starts.
            let end = j + 1;
            let window_start = end.saturating_sub(pattern.len() + max_errors);
            let window = text.get(window_start..end)?;
            let mut start = None;
            backward.scan(window.iter().rev().copied(), pattern.len(), |k, dist| {
                if dist <= d && start.is_none_or(|(_, best)| dist <= best) {
                    start = Some((end - 1 - k, dist));
                }
            });
            start.map(|(s, _)| (s, end, d))
        })
        .collect()
}

/// Keeps the `n` best `(end, distance)` pairs (least distance, then earliest end), best
/// first, without a general sort (whose code would cost the wasm more than this).
fn keep_best(ends: &mut Vec<(usize, usize)>, n: usize) {
    let mut best: Vec<(usize, usize)> = Vec::with_capacity(n + 1);
    for &(j, d) in ends.iter() {
        let at = best
            .iter()
            .position(|&(bj, bd)| (d, j) < (bd, bj))
            .unwrap_or(best.len());
        if at < n {
            best.insert(at, (j, d));
            best.truncate(n);
        }
    }
    *ends = best;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn myers_matches_plain_dynamic_programming() {
        // Cross-check the bit-parallel distances against the textbook recurrence.
        let text: Vec<char> = "abcabdabXcabcaxbcab".chars().collect();
        let pattern: Vec<char> = "abcab".chars().collect();
        let mut fast = Vec::new();
        Myers::new(&pattern).scan(text.iter().copied(), pattern.len(), |_, d| fast.push(d));
        let mut column: Vec<usize> = (0..=pattern.len()).collect();
        let mut slow = Vec::new();
        for &t in &text {
            let mut diagonal = 0;
            column[0] = 0;
            for i in 1..=pattern.len() {
                let value = (diagonal + usize::from(pattern[i - 1] != t))
                    .min(column[i] + 1)
                    .min(column[i - 1] + 1);
                diagonal = column[i];
                column[i] = value;
            }
            slow.push(column[pattern.len()]);
        }
        assert_eq!(fast, slow);
    }

    #[test]
    fn keep_best_orders_by_distance_then_position() {
        let mut ends = vec![(50, 3), (10, 1), (70, 0), (20, 1), (5, 4)];
        keep_best(&mut ends, 3);
        assert_eq!(ends, vec![(70, 0), (10, 1), (20, 1)]);
    }
}
