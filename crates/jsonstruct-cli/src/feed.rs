//! The NDJSON input that the workers of `validate --ndjson` share, handed out in blocks of
//! whole lines, each with its sequence number and the number of its first line.
//!
//! A pipe is read in order under a lock. A regular file is read with positional reads: under
//! the lock a worker only finds where its block ends (a newline at or after about
//! [`BLOCK_BYTES`]) and reads the rest of the block outside it, so two workers copy from the
//! kernel at once; a block's first line number is then the sum of the line counts of the
//! blocks before it, which each worker publishes as soon as it has read its own.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// NDJSON is read in blocks of about this size (ending at a line end): a worker reads one,
/// validates it, reads the next. Small enough that the last blocks end together and memory
/// stays a few megabytes; large enough that taking the lock is rare.
pub(crate) const BLOCK_BYTES: usize = 1 << 20;

/// Bytes read at a time while looking for the newline that ends a block.
const BOUNDARY_WINDOW: usize = 16 << 10;

/// Reads at an offset without moving a shared cursor: what lets workers read in parallel.
pub(crate) trait ReadAt: Send + Sync {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize>;
}

#[cfg(unix)]
impl ReadAt for File {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        std::os::unix::fs::FileExt::read_at(self, buf, offset)
    }
}

/// The NDJSON input the workers share.
pub(crate) struct Feed {
    state: Mutex<FeedState>,
    /// Signalled when the writer has written more blocks, a block's first line became known,
    /// or the run stops.
    moved: Condvar,
    /// A file read by position, and its length when opened (what is appended later is not
    /// read).
    at: Option<(Box<dyn ReadAt>, u64)>,
}

struct FeedState {
    /// A stream read in order (when `Feed::at` is `None`).
    reader: Option<Box<dyn Read + Send>>,
    /// The partial last line of the block read before, which starts the next block.
    carry: Vec<u8>,
    /// Lines in the blocks whose first line is known (all handed-out blocks, for a stream).
    lines: u64,
    /// The sequence number of the next block.
    next: u64,
    /// Blocks the writer has written.
    written: u64,
    /// How many blocks may be handed out beyond those written.
    ahead: u64,
    /// A read error and the number of lines before it.
    failed: Option<(io::Error, u64)>,
    /// No more blocks are handed out: the input is exhausted or unreadable.
    done: bool,
    /// The run stops (writing failed, a worker panicked): takers waiting give up.
    stopped: bool,
    /// Positional reads: where the next block starts.
    offset: u64,
    /// Positional reads: line counts of blocks read whose first line is not known yet.
    counts: BTreeMap<u64, u64>,
    /// Positional reads: blocks before this one have a known first line.
    counted: u64,
    /// Positional reads: first lines known and not yet collected by their worker.
    firsts: BTreeMap<u64, u64>,
    /// Positional reads: the block a read failed in; it and the blocks after it are dropped,
    /// and the error waits here until the lines before it are known.
    lost: Option<(u64, Option<io::Error>)>,
}

impl Feed {
    /// A feed that reads `reader` in order and hands out at most `ahead` blocks beyond those
    /// written.
    pub(crate) fn stream(reader: Box<dyn Read + Send>, ahead: u64) -> Feed {
        Feed::new(Some(reader), None, ahead)
    }

    /// A feed that reads the first `len` bytes of `source` by position.
    pub(crate) fn at(source: Box<dyn ReadAt>, len: u64, ahead: u64) -> Feed {
        Feed::new(None, Some((source, len)), ahead)
    }

    fn new(
        reader: Option<Box<dyn Read + Send>>,
        at: Option<(Box<dyn ReadAt>, u64)>,
        ahead: u64,
    ) -> Feed {
        Feed {
            state: Mutex::new(FeedState {
                reader,
                carry: Vec::new(),
                lines: 0,
                next: 0,
                written: 0,
                ahead,
                failed: None,
                done: false,
                stopped: false,
                offset: 0,
                counts: BTreeMap::new(),
                counted: 0,
                firsts: BTreeMap::new(),
                lost: None,
            }),
            moved: Condvar::new(),
            at,
        }
    }

    fn lock(&self) -> MutexGuard<'_, FeedState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait<'g>(&self, guard: MutexGuard<'g, FeedState>) -> MutexGuard<'g, FeedState> {
        self.moved
            .wait(guard)
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Reads the next block of whole lines into `block` (replacing what it held) and returns
    /// its sequence number and the number of its first line; `None` at the end. A line longer
    /// than a block makes a longer block; at the end of the input the last line needs no
    /// newline.
    pub(crate) fn take(&self, block: &mut Vec<u8>) -> Option<(u64, u64)> {
        match &self.at {
            Some((source, len)) => self.take_at(&**source, *len, block),
            None => self.take_streamed(block),
        }
    }

    /// Waits while the writer is `ahead` blocks behind; `None` when no block is to be had.
    fn reserve(&self) -> Option<MutexGuard<'_, FeedState>> {
        let mut st = self.lock();
        while !st.done && !st.stopped && st.next >= st.written + st.ahead {
            st = self.wait(st);
        }
        (!st.done && !st.stopped).then_some(st)
    }

    fn take_streamed(&self, block: &mut Vec<u8>) -> Option<(u64, u64)> {
        let mut guard = self.reserve()?;
        let st = &mut *guard;
        let reader = st.reader.as_mut()?;
        block.clear();
        block.append(&mut st.carry);
        let mut eof = false;
        let mut error = None;
        // Read at least a block, then on until a newline ends it.
        loop {
            let want = BLOCK_BYTES.saturating_sub(block.len()).max(64 << 10) as u64;
            match reader.by_ref().take(want).read_to_end(block) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(_) if block.len() >= BLOCK_BYTES && memchr::memchr(b'\n', block).is_some() => {
                    break
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    // The lines before the error are validated and written; the rest is not.
                    let whole = memchr::memrchr(b'\n', block).map_or(0, |i| i + 1);
                    block.truncate(whole);
                    error = Some(e);
                    break;
                }
            }
        }
        if eof || error.is_some() {
            st.done = true;
            self.moved.notify_all();
        } else {
            let cut = memchr::memrchr(b'\n', block).map_or(block.len(), |i| i + 1);
            st.carry.extend_from_slice(&block[cut..]);
            block.truncate(cut);
        }
        let first = st.lines + 1;
        st.lines += lines_in(block, eof || error.is_some());
        // Reported after the whole lines read before it.
        st.failed = error.map(|e| (e, st.lines));
        let seq = st.next;
        st.next += 1;
        Some((seq, first))
    }

    fn take_at(&self, source: &dyn ReadAt, len: u64, block: &mut Vec<u8>) -> Option<(u64, u64)> {
        // Under the lock: only where the block ends.
        let (seq, start, end) = {
            let mut st = self.reserve()?;
            let start = st.offset;
            if start >= len {
                st.done = true;
                self.moved.notify_all();
                return None;
            }
            let seq = st.next;
            st.next += 1;
            match block_end(source, start, len) {
                Ok(end) => {
                    st.offset = end;
                    if end >= len {
                        st.done = true;
                        self.moved.notify_all();
                    }
                    (seq, start, Ok(end))
                }
                Err(e) => {
                    st.done = true;
                    self.moved.notify_all();
                    (seq, start, Err(e))
                }
            }
        };
        // Outside it: the block itself, and its line count.
        block.clear();
        let read = end.and_then(|end| {
            block.resize((end - start) as usize, 0);
            read_exact_at(source, block, start).map(|()| end)
        });
        let count = match read {
            Ok(end) => lines_in(block, end >= len),
            Err(e) => {
                block.clear();
                let mut st = self.lock();
                st.done = true;
                if st.lost.as_ref().is_none_or(|(lost, _)| seq < *lost) {
                    st.lost = Some((seq, Some(e)));
                }
                0
            }
        };
        // Publish the count, then wait until every block before this one has published.
        let mut guard = self.lock();
        let st = &mut *guard;
        st.counts.insert(seq, count);
        while let Some(n) = st.counts.remove(&st.counted) {
            if let Some((lost, error)) = &mut st.lost {
                if *lost == st.counted {
                    st.failed = error.take().map(|e| (e, st.lines));
                }
            }
            st.firsts.insert(st.counted, st.lines + 1);
            st.lines += n;
            st.counted += 1;
        }
        let mut st = guard;
        self.moved.notify_all();
        while st.counted <= seq && !st.stopped {
            st = self.wait(st);
        }
        let first = st.firsts.remove(&seq)?;
        if st.lost.as_ref().is_some_and(|(lost, _)| *lost < seq) {
            // After a block that could not be read: not validated, not numbered wrongly.
            block.clear();
        }
        Some((seq, first))
    }

    /// The writer has written every block before `next`.
    pub(crate) fn written(&self, next: u64) {
        let mut st = self.lock();
        if next > st.written {
            st.written = next;
            self.moved.notify_all();
        }
    }

    /// No more blocks: writing failed, or a worker panicked.
    pub(crate) fn stop(&self) {
        let mut st = self.lock();
        st.done = true;
        st.stopped = true;
        self.moved.notify_all();
    }

    /// The read error that ended the input early, and the number of lines before it.
    pub(crate) fn failure(self) -> Option<(io::Error, u64)> {
        let st = self
            .state
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        st.failed
    }
}

/// Lines in a block of whole lines; `last` when it ends the input, where the last line needs
/// no newline.
fn lines_in(block: &[u8], last: bool) -> u64 {
    let newlines = memchr::memchr_iter(b'\n', block).count() as u64;
    newlines + u64::from(last && block.last().is_some_and(|&b| b != b'\n'))
}

/// Where the block starting at `start` ends: just after the first newline at or after
/// `start + BLOCK_BYTES - 1`, or at `len`.
fn block_end(source: &dyn ReadAt, start: u64, len: u64) -> io::Result<u64> {
    let mut at = start + BLOCK_BYTES as u64 - 1;
    let mut window = vec![0u8; BOUNDARY_WINDOW];
    while at < len {
        let want = BOUNDARY_WINDOW.min((len - at) as usize);
        let got = &mut window[..want];
        read_exact_at(source, got, at)?;
        if let Some(i) = memchr::memchr(b'\n', got) {
            return Ok(at + i as u64 + 1);
        }
        at += want as u64;
    }
    Ok(len)
}

fn read_exact_at(source: &dyn ReadAt, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match source.read_at(buf, offset) {
            Ok(0) => {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "the file became shorter while it was read",
                ))
            }
            Ok(n) => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Ends the feed when a worker panics: its block would never reach the writer, so the others
/// would wait for the writer forever; this way they stop and the panic surfaces.
pub(crate) struct StopOnPanic<'f>(pub(crate) &'f Feed);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bytes read by position; `fail_at`: any read that reaches this offset fails.
    struct Positional {
        bytes: Vec<u8>,
        fail_at: Option<u64>,
    }

    impl ReadAt for Positional {
        fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
            let end = (offset as usize + buf.len()).min(self.bytes.len());
            if self.fail_at.is_some_and(|at| (end as u64) > at) {
                return Err(io::Error::other("disk on fire"));
            }
            let got = &self.bytes[(offset as usize).min(end)..end];
            buf[..got.len()].copy_from_slice(got);
            Ok(got.len())
        }
    }

    /// The same input as a stream and as a positional source.
    fn feeds(input: &[u8], ahead: u64) -> [(&'static str, Feed); 2] {
        let at = Positional {
            bytes: input.to_vec(),
            fail_at: None,
        };
        [
            (
                "stream",
                Feed::stream(Box::new(io::Cursor::new(input.to_vec())), ahead),
            ),
            (
                "positional",
                Feed::at(Box::new(at), input.len() as u64, ahead),
            ),
        ]
    }

    /// Takes every block, marking each written as it comes; returns (first line, block).
    fn drain(feed: &Feed) -> Vec<(u64, Vec<u8>)> {
        let mut blocks = Vec::new();
        let mut block = Vec::new();
        while let Some((seq, first)) = feed.take(&mut block) {
            assert_eq!(seq, blocks.len() as u64);
            blocks.push((first, block.clone()));
            feed.written(seq + 1);
        }
        blocks
    }

    /// Checks that `blocks` are `input` cut at line ends, each numbered by the lines before it.
    fn check_blocks(kind: &str, input: &[u8], blocks: &[(u64, Vec<u8>)]) {
        let joined: Vec<u8> = blocks.iter().flat_map(|(_, b)| b.clone()).collect();
        assert!(joined == input, "{kind}: the blocks are not the input");
        let mut line = 1;
        for (i, (first, block)) in blocks.iter().enumerate() {
            assert_eq!(*first, line, "{kind}: block {i}");
            line += memchr::memchr_iter(b'\n', block).count() as u64;
            if i + 1 < blocks.len() {
                assert_eq!(
                    block.last(),
                    Some(&b'\n'),
                    "{kind}: block {i} ends inside a line"
                );
            }
        }
    }

    #[test]
    fn the_feed_hands_out_whole_lines_in_order_with_their_line_numbers() {
        // Several blocks, a line longer than a block, blank and CRLF lines, no final newline.
        let mut input = Vec::new();
        for i in 0..60_000 {
            input.extend_from_slice(
                format!("{{\"n\": {i}, \"pad\": \"{}\"}}", "x".repeat(i % 97)).as_bytes(),
            );
            input.extend_from_slice(if i % 10 == 0 { b"\r\n\n" } else { b"\n" });
        }
        input.extend_from_slice(&vec![b'y'; BLOCK_BYTES + BLOCK_BYTES / 2]);
        input.extend_from_slice(b"\n{\"last\": true}");
        for (kind, feed) in feeds(&input, 2) {
            let blocks = drain(&feed);
            assert!(blocks.len() > 3, "{kind}: {}", blocks.len());
            check_blocks(kind, &input, &blocks);
            assert_eq!(
                blocks.last().map(|(_, b)| b.ends_with(b"{\"last\": true}")),
                Some(true),
                "{kind}"
            );
        }
        // A block boundary on a newline, in a blank line, at the very end; an empty input.
        for input in [
            b"a\n".repeat(BLOCK_BYTES / 2),
            [b"a".repeat(BLOCK_BYTES - 1), b"\n\n\nb\n".to_vec()].concat(),
            b"\n".repeat(BLOCK_BYTES + 3),
            Vec::new(),
        ] {
            for (kind, feed) in feeds(&input, 2) {
                check_blocks(kind, &input, &drain(&feed));
            }
        }
    }

    #[test]
    fn workers_reading_in_parallel_get_every_block_once_with_its_line_number() {
        let input: Vec<u8> = (0..400_000)
            .flat_map(|i| format!("{{\"i\":{i}}}\n").into_bytes())
            .collect();
        for (kind, feed) in feeds(&input, 3) {
            let taken = Mutex::new(Vec::new());
            let next_written = Mutex::new(BTreeMap::new());
            std::thread::scope(|scope| {
                for _ in 0..3 {
                    scope.spawn(|| {
                        let mut block = Vec::new();
                        while let Some((seq, first)) = feed.take(&mut block) {
                            taken.lock().unwrap().push((seq, first, block.clone()));
                            // The writer: in order, as the blocks before it come in.
                            let mut pending = next_written.lock().unwrap();
                            pending.insert(seq, ());
                            let mut next = 0;
                            while pending.contains_key(&next) {
                                next += 1;
                            }
                            feed.written(next);
                        }
                    });
                }
            });
            let mut taken = taken.into_inner().unwrap();
            taken.sort_by_key(|t| t.0);
            let blocks: Vec<(u64, Vec<u8>)> = taken.into_iter().map(|(_, f, b)| (f, b)).collect();
            assert!(blocks.len() > 2, "{kind}");
            check_blocks(kind, &input, &blocks);
        }
    }

    #[test]
    fn a_read_error_keeps_the_whole_lines_before_it() {
        struct Failing(io::Cursor<Vec<u8>>);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(io::Error::other("disk on fire")),
                    n => Ok(n),
                }
            }
        }
        let feed = Feed::stream(
            Box::new(Failing(io::Cursor::new(b"1\n2\n3\npartial".to_vec()))),
            2,
        );
        assert_eq!(drain(&feed), [(1, b"1\n2\n3\n".to_vec())]);
        let (e, after) = feed.failure().expect("the error is kept");
        assert_eq!((e.to_string().as_str(), after), ("disk on fire", 3));

        // By position: the blocks before the one that failed are whole and numbered; it and
        // the blocks after it are empty; the error comes after the lines before it.
        let lines = b"{}\n".repeat(BLOCK_BYTES);
        for fail_at in [0, 10, BLOCK_BYTES as u64 + 5, 2 * BLOCK_BYTES as u64 + 1] {
            let at = Positional {
                bytes: lines.clone(),
                fail_at: Some(fail_at),
            };
            let feed = Feed::at(Box::new(at), lines.len() as u64, 8);
            let blocks = drain(&feed);
            let whole: Vec<&(u64, Vec<u8>)> =
                blocks.iter().filter(|(_, b)| !b.is_empty()).collect();
            let lines_before: u64 = whole
                .iter()
                .map(|(_, b)| memchr::memchr_iter(b'\n', b).count() as u64)
                .sum();
            assert!(whole.iter().all(|(_, b)| b.ends_with(b"\n")));
            assert!(
                blocks[whole.len()..].iter().all(|(_, b)| b.is_empty()),
                "fail at {fail_at}"
            );
            assert!(
                lines_before * 3 <= fail_at,
                "fail at {fail_at}: {lines_before} lines"
            );
            let (e, after) = feed.failure().expect("the error is kept");
            assert_eq!(
                (e.to_string().as_str(), after),
                ("disk on fire", lines_before)
            );
        }
    }

    #[test]
    fn the_feed_waits_for_the_writer_beyond_its_window() {
        for (kind, feed) in feeds(&b"a\n".repeat(3 * BLOCK_BYTES), 1) {
            let mut block = Vec::new();
            assert_eq!(feed.take(&mut block).map(|t| t.0), Some(0), "{kind}");
            std::thread::scope(|scope| {
                let second = scope.spawn(|| feed.take(&mut Vec::new()).map(|t| t.0));
                std::thread::sleep(std::time::Duration::from_millis(50));
                // Not handed out before the writer moved on.
                assert!(!second.is_finished(), "{kind}");
                feed.written(1);
                assert_eq!(second.join().unwrap(), Some(1), "{kind}");
            });
            // Stopping wakes and ends every taker.
            feed.stop();
            assert_eq!(feed.take(&mut block), None, "{kind}");
        }
    }

    #[test]
    fn a_worker_that_panics_while_reading_does_not_leave_the_next_block_waiting_for_its_number() {
        /// Panics reading block 0 (which starts at offset 0), after the next block is taken.
        struct PanicsAtZero(Positional);
        impl ReadAt for PanicsAtZero {
            fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
                if offset == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    panic!("a bug while reading");
                }
                self.0.read_at(buf, offset)
            }
        }
        let input = b"a\n".repeat(3 * BLOCK_BYTES);
        let len = input.len() as u64;
        let source = PanicsAtZero(Positional {
            bytes: input,
            fail_at: None,
        });
        let feed = Feed::at(Box::new(source), len, 4);
        std::thread::scope(|scope| {
            let first = std::thread::Builder::new()
                .spawn_scoped(scope, || {
                    let _stop = StopOnPanic(&feed);
                    feed.take(&mut Vec::new())
                })
                .unwrap();
            std::thread::sleep(std::time::Duration::from_millis(20));
            // Block 1 is read, then waits for block 0's line count, which never comes.
            let second = scope.spawn(|| feed.take(&mut Vec::new()));
            assert!(first.join().is_err());
            assert_eq!(second.join().unwrap(), None);
        });
    }

    #[test]
    fn a_worker_that_panics_ends_the_feed_instead_of_leaving_the_others_waiting() {
        for (kind, feed) in feeds(&b"a\n".repeat(3 * BLOCK_BYTES), 1) {
            let mut block = Vec::new();
            assert_eq!(feed.take(&mut block).map(|t| t.0), Some(0), "{kind}");
            std::thread::scope(|scope| {
                // Waits for the writer, which will never see block 0 ...
                let waiting = scope.spawn(|| feed.take(&mut Vec::new()));
                // ... because the worker holding it panics.
                let panicked = std::thread::Builder::new()
                    .spawn_scoped(scope, || {
                        let _stop = StopOnPanic(&feed);
                        panic!("a bug in a worker");
                    })
                    .unwrap();
                assert!(panicked.join().is_err());
                assert_eq!(waiting.join().unwrap(), None, "{kind}");
            });
        }
    }
}
