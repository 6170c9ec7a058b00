//! Remembers the outcome of trials (a union member, an `anyOf` branch, a `not` schema tried
//! against a value) within one validation, so that nested trials stay linear.
//!
//! Without it, two recursive union members make every failed trial walk the whole subtree
//! again at each level: 2^depth work for an invalid value 40 levels down. With it, a node is
//! tried at a position at most once while its entry survives.
//!
//! The table is a fixed, direct-mapped array per thread: no allocation (so `is_valid` stays
//! allocation-free) and no clearing between validations, because every entry carries the
//! number of the validation that wrote it. A collision only evicts, so a hit is always exact;
//! the entries a trial needs are the ones written just before it (the level below), which
//! later writes rarely displace.

use std::cell::{Cell, RefCell};

use super::compile::NodeId;

const SLOTS: usize = 1024;

/// Marks a walk's key; node ids stay far below it.
const WALKED: NodeId = 1 << 31;

#[derive(Clone, Copy)]
struct Entry {
    /// The validation that wrote the entry; 0 is never used, so a zeroed entry is empty.
    run: u64,
    position: usize,
    node: NodeId,
    valid: bool,
}

const EMPTY: Entry = Entry {
    run: 0,
    position: 0,
    node: 0,
    valid: false,
};

thread_local! {
    static TABLE: RefCell<[Entry; SLOTS]> = const { RefCell::new([EMPTY; SLOTS]) };
    static LAST_RUN: Cell<u64> = const { Cell::new(0) };
}

/// The trial memory of one validation; numbered lazily, so a validation without trials never
/// touches the thread-local table.
#[derive(Default)]
pub(crate) struct Memo {
    run: Cell<u64>,
}

impl Memo {
    fn run(&self) -> u64 {
        match self.run.get() {
            0 => {
                let run = LAST_RUN.with(|last| {
                    let next = last.get() + 1;
                    last.set(next);
                    next
                });
                self.run.set(run);
                run
            }
            run => run,
        }
    }

    fn slot(node: NodeId, position: usize) -> usize {
        let h = (position as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(u64::from(node).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
        (h >> 54) as usize % SLOTS
    }

    /// The outcome of trying `node` on the value at `position`, if this validation has seen it.
    pub(super) fn get(&self, node: NodeId, position: usize) -> Option<bool> {
        let run = self.run();
        TABLE.with(|t| {
            let e = t.borrow()[Self::slot(node, position)];
            (e.run == run && e.node == node && e.position == position).then_some(e.valid)
        })
    }

    /// Whether collect mode has walked `node` at `position` before in this validation (as
    /// far as the table remembers); records that it has now.
    pub(super) fn walked_before(&self, node: NodeId, position: usize) -> bool {
        // Walks and trials share the table under different keys.
        let key = node | WALKED;
        let seen = self.get(key, position).is_some();
        if !seen {
            self.put(key, position, true);
        }
        seen
    }

    pub(super) fn put(&self, node: NodeId, position: usize, valid: bool) {
        let run = self.run();
        TABLE.with(|t| {
            t.borrow_mut()[Self::slot(node, position)] = Entry {
                run,
                position,
                node,
                valid,
            };
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_belong_to_one_validation() {
        let first = Memo::default();
        first.put(7, 100, false);
        first.put(8, 100, true);
        assert_eq!(first.get(7, 100), Some(false));
        assert_eq!(first.get(8, 100), Some(true));
        assert_eq!(first.get(7, 101), None);
        // A later validation at the same positions starts empty.
        let second = Memo::default();
        assert_eq!(second.get(7, 100), None);
    }

    #[test]
    fn walks_and_trials_are_kept_apart() {
        let memo = Memo::default();
        memo.put(4, 10, false);
        assert!(!memo.walked_before(4, 10));
        assert!(memo.walked_before(4, 10));
        assert_eq!(memo.get(4, 10), Some(false));
    }

    #[test]
    fn a_collision_evicts_and_never_answers_for_another_key() {
        let memo = Memo::default();
        let (node, position) = (3, 5);
        let slot = Memo::slot(node, position);
        let other = (0..)
            .find(|&p| p != position && Memo::slot(node, p) == slot)
            .unwrap();
        memo.put(node, position, false);
        memo.put(node, other, true);
        assert_eq!(memo.get(node, position), None);
        assert_eq!(memo.get(node, other), Some(true));
    }
}
