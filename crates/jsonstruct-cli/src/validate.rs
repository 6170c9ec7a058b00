//! `jsonstruct validate`: validate whole files or NDJSON streams against a schema, in parallel,
//! reporting in input order as text (source line and caret), JSON Lines or GitHub annotations.
//!
//! NDJSON is read in bounded blocks by a reader thread; the blocks' line ranges are validated
//! in parallel without a barrier between blocks and written in input order, with a bounded
//! number of blocks held at once, so memory stays flat however large the input is.

use std::collections::{BTreeMap, VecDeque};
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Arc};

use anyhow::Context;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jsonstruct::{github, LineIndex, Options, Report, ValidationError, Validator};
use rayon::prelude::*;
use serde::Serialize;

use crate::render::{self, Finding, Style};
use crate::schema_arg::{self, SchemaDirs, Show};

#[derive(clap::Args)]
pub struct Args {
    /// The schema to validate against.
    #[arg(long)]
    pub schema: PathBuf,
    #[command(flatten)]
    pub dirs: SchemaDirs,
    /// Validate against this definition (`Namespace/Name`) instead of the schema's root type,
    /// e.g. the Session inside a webhook schema, or a type of a library without a root.
    #[arg(long = "type", value_name = "NAMESPACE/NAME")]
    pub ty: Option<String>,
    /// Each input holds one instance per line (reported as `path:line`).
    #[arg(long)]
    pub ndjson: bool,
    /// Require the spec's string form for int64/uint64 even where the nearest jsonstruct.toml
    /// accepts JSON numbers (strings only is also the default without such a file).
    #[arg(long, conflicts_with = "int64_numbers")]
    pub strict: bool,
    /// Accept int64/uint64 written as JSON numbers too (as Clerk sends them); the same as
    /// `[validate] int64-numbers = true` in a jsonstruct.toml beside the schemas.
    #[arg(long)]
    pub int64_numbers: bool,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Report at most N errors per instance (the first ones in document order) and say how
    /// many more were found; the verdict and the exit code do not change.
    #[arg(long, value_name = "N")]
    pub max_errors: Option<usize>,
    /// Worker threads (default: the number of CPUs).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Inputs: files, or `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    /// GitHub Actions workflow annotations (`::error file=..,line=..,col=..::message`).
    Github,
}

/// NDJSON is read in blocks of this size: enough lines to keep every worker busy, small enough
/// that memory stays a few megabytes whatever the input size.
const BLOCK_BYTES: usize = 4 << 20;
/// Whole files validated per parallel batch.
const BATCH_FILES: usize = 64;
/// NDJSON blocks still being validated when the next one is dispatched. One keeps the workers
/// busy across block boundaries; more would only hold more memory.
const IN_FLIGHT: usize = 1;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let Some(loaded) = schema_arg::load(
        &args.schema,
        &args.dirs,
        Show::Errors,
        "nothing was validated (see `jsonstruct check`)",
    ) else {
        return Ok(ExitCode::from(2));
    };
    let schema = &loaded.schema;
    let Some(target) = schema_arg::target(schema, args.ty.as_deref(), "nothing was validated")
    else {
        return Ok(ExitCode::from(2));
    };
    // The spec's string form, unless the command line or the workspace's jsonstruct.toml
    // accepts JSON numbers too (and `--strict` overrides the file).
    let numbers = !args.strict && (args.int64_numbers || loaded.config.int64_numbers());
    let mut options = Options::default().int64_numbers(numbers);
    if let Some(max) = args.max_errors {
        options = options.max_errors(max);
    }
    let validator = Validator::for_type(schema, target, options);
    let jobs = args.jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |j| j as usize,
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start worker threads")?;

    let run = Run {
        pool,
        validator: &validator,
        format: args.format,
        style: Style::new(args.format == Format::Text && render::use_color(false)),
        progress: progress_bar(&args),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut totals = Totals::default();
    if args.ndjson {
        for input in &args.inputs {
            run.ndjson(input, &mut out, &mut totals)?;
        }
    } else {
        for batch in args.inputs.chunks(BATCH_FILES) {
            run.files(batch, &mut out, &mut totals)?;
        }
    }
    run.progress.finish_and_clear();
    if args.format == Format::Text && (args.ndjson || totals.instances > 1) {
        writeln!(
            out,
            "{} instance(s): {} valid, {} invalid{}",
            totals.instances,
            totals.instances - totals.invalid,
            totals.invalid,
            if totals.unreadable > 0 {
                format!(", {} input(s) unreadable", totals.unreadable)
            } else {
                String::new()
            }
        )?;
    }
    out.flush()?;
    Ok(if totals.unreadable > 0 {
        ExitCode::from(2)
    } else if totals.invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Default)]
struct Totals {
    instances: u64,
    invalid: u64,
    unreadable: u64,
}

struct Run<'v> {
    pool: rayon::ThreadPool,
    validator: &'v Validator,
    format: Format,
    style: Style,
    progress: ProgressBar,
}

/// What a range of NDJSON lines produced: the output, the number of instances, how many are
/// invalid.
type Piece = (String, u64, u64);

/// Writes the pieces of NDJSON output in input order as they arrive out of order.
#[derive(Default)]
struct Ordered {
    /// The sequence number of the next piece to write.
    next: u64,
    waiting: BTreeMap<u64, Piece>,
}

impl Ordered {
    fn take(
        &mut self,
        (seq, piece): (u64, Piece),
        out: &mut impl Write,
        totals: &mut Totals,
    ) -> io::Result<()> {
        self.waiting.insert(seq, piece);
        while let Some((output, instances, invalid)) = self.waiting.remove(&self.next) {
            totals.instances += instances;
            totals.invalid += invalid;
            out.write_all(output.as_bytes())?;
            self.next += 1;
        }
        Ok(())
    }

    /// Writes what has arrived, without waiting.
    fn write_ready(
        &mut self,
        done: &mpsc::Receiver<(u64, Piece)>,
        out: &mut impl Write,
        totals: &mut Totals,
    ) -> io::Result<()> {
        while let Ok(p) = done.try_recv() {
            self.take(p, out, totals)?;
        }
        Ok(())
    }

    /// Waits until every piece before `end` is written.
    fn wait_until(
        &mut self,
        done: &mpsc::Receiver<(u64, Piece)>,
        end: u64,
        out: &mut impl Write,
        totals: &mut Totals,
    ) -> io::Result<()> {
        while self.next < end {
            match done.recv() {
                Ok(p) => self.take(p, out, totals)?,
                // Cannot happen while the caller holds a sender; never wait forever regardless.
                Err(_) => break,
            }
        }
        Ok(())
    }
}

/// What one instance produced: its verdict and its lines of output, formatted by the worker.
struct Outcome {
    valid: bool,
    output: String,
}

/// One line of `--format json`.
#[derive(Serialize)]
struct InstanceLine<'a> {
    instance: &'a str,
    valid: bool,
    errors: &'a [ValidationError],
    /// Errors beyond `--max-errors`, found but not listed (absent when all are listed).
    #[serde(skip_serializing_if = "Option::is_none")]
    errors_not_shown: Option<usize>,
}

/// An unreadable input in `--format json`, in the same shape as an instance line.
#[derive(Serialize)]
struct UnreadableLine<'a> {
    instance: &'a str,
    valid: bool,
    errors: [IoError<'a>; 1],
}

#[derive(Serialize)]
struct IoError<'a> {
    code: &'static str,
    path: &'static str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn display(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".into()
    } else {
        path.display().to_string()
    }
}

fn progress_bar(args: &Args) -> ProgressBar {
    use std::io::IsTerminal;
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = if args.ndjson {
        let bytes: u64 = args
            .inputs
            .iter()
            .filter(|p| !is_stdin(p))
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum();
        let bar = ProgressBar::with_draw_target(Some(bytes), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    } else {
        let bar = ProgressBar::with_draw_target(
            Some(args.inputs.len() as u64),
            ProgressDrawTarget::stderr(),
        );
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} files {per_sec} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    };
    // Short runs finish before the first draw, so nothing flickers.
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

impl Run<'_> {
    /// Validates whole files in parallel and writes their reports in input order.
    fn files(
        &self,
        batch: &[PathBuf],
        out: &mut impl Write,
        totals: &mut Totals,
    ) -> anyhow::Result<()> {
        // Unreadable inputs come back as (label, message).
        let results: Vec<Result<Outcome, (String, String)>> = self.pool.install(|| {
            batch
                .par_iter()
                .map(|path| {
                    let label = display(path);
                    match read_all(path) {
                        Ok(bytes) => Ok(self.instance(&label, &bytes, None)),
                        Err(e) => {
                            let message = format!("cannot read {label}: {e}");
                            Err((label, message))
                        }
                    }
                })
                .collect()
        });
        for r in results {
            match r {
                Ok(o) => {
                    totals.instances += 1;
                    totals.invalid += u64::from(!o.valid);
                    out.write_all(o.output.as_bytes())?;
                }
                Err((label, message)) => {
                    totals.unreadable += 1;
                    self.unreadable(out, &label, &message)?;
                }
            }
            self.progress.inc(1);
        }
        Ok(())
    }

    /// Streams one NDJSON input. A reader thread fills blocks of complete lines (only a partial
    /// last line is carried into the next block) while the current block's lines are validated
    /// in parallel, as slices of the block, and written in order. At most two blocks are in
    /// flight and their buffers are recycled, so memory stays flat however large the input.
    fn ndjson(&self, path: &Path, out: &mut impl Write, totals: &mut Totals) -> anyhow::Result<()> {
        let shown = display(path);
        let reader: Box<dyn Read + Send> = if is_stdin(path) {
            Box::new(io::stdin())
        } else {
            match File::open(path) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    totals.unreadable += 1;
                    self.unreadable(out, &shown, &format!("cannot read {shown}: {e}"))?;
                    return Ok(());
                }
            }
        };
        let (blocks_tx, blocks) = mpsc::sync_channel::<io::Result<Vec<u8>>>(1);
        let (spare_tx, spare) = mpsc::channel::<Vec<u8>>();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            scope.spawn(move || read_blocks(reader, &blocks_tx, &spare));
            // Each block is cut into ranges of whole lines, many per worker, and every range is
            // a task on the pool. Tasks of the next block start while the last ones of this
            // block finish (no barrier between blocks); the output is written in input order
            // as pieces complete. Before a block is read, all but `IN_FLIGHT` earlier blocks
            // are written, so a few blocks are held at most, whatever the input size.
            self.pool.in_place_scope(|tasks| -> anyhow::Result<()> {
                let (done_tx, done) = mpsc::channel::<(u64, Piece)>();
                let mut writer = Ordered::default();
                let mut dispatched = 0u64;
                let mut in_flight: VecDeque<(u64, Arc<Vec<u8>>)> = VecDeque::new();
                let mut line_no = 0u64;
                for block in blocks {
                    let block = match block {
                        Ok(b) => Arc::new(b),
                        Err(e) => {
                            writer.wait_until(&done, dispatched, out, totals)?;
                            totals.unreadable += 1;
                            self.unreadable(
                                out,
                                &shown,
                                &format!("cannot read {shown} after line {line_no}: {e}"),
                            )?;
                            return Ok(());
                        }
                    };
                    self.progress.inc(block.len() as u64);
                    let ranges = split_ranges(&block, self.pool.current_num_threads() * 16);
                    for range in ranges {
                        let first = line_no + 1;
                        line_no += memchr::memchr_iter(b'\n', &block[range.clone()]).count() as u64;
                        let (text, tx, seq) = (Arc::clone(&block), done_tx.clone(), dispatched);
                        let shown = &shown;
                        tasks.spawn(move |_| {
                            let piece = self.lines(shown, &text[range], first);
                            // Let go of the block before reporting, so that the writer can
                            // hand the buffer back to the reader once the block is written.
                            drop(text);
                            // The receiver is gone only when writing failed; nothing to do.
                            let _ = tx.send((seq, piece));
                        });
                        dispatched += 1;
                    }
                    // A block that does not end in a newline (end of input) has one more line.
                    if block.last() != Some(&b'\n') {
                        line_no += 1;
                    }
                    in_flight.push_back((dispatched, block));
                    while in_flight.len() > IN_FLIGHT {
                        let Some((end, oldest)) = in_flight.pop_front() else {
                            break;
                        };
                        writer.wait_until(&done, end, out, totals)?;
                        // Every task of the block has dropped its handle before sending its
                        // piece, so the buffer goes back to the reader for the next block.
                        if let Ok(buffer) = Arc::try_unwrap(oldest) {
                            let _ = spare_tx.send(buffer);
                        }
                    }
                    writer.write_ready(&done, out, totals)?;
                }
                Ok(writer.wait_until(&done, dispatched, out, totals)?)
            })
        })
    }

    /// Validates the NDJSON lines of `text` (whole lines; the first is line `first`) and returns
    /// their concatenated output, the number of instances and how many are invalid.
    fn lines(&self, file: &str, text: &[u8], first: u64) -> (String, u64, u64) {
        let mut output = String::new();
        let (mut instances, mut invalid) = (0, 0);
        // memchr finds the line ends many bytes at a time; a byte-wise `split` was a sixth of
        // the whole run's profile.
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', text).chain(std::iter::once(text.len()));
        for (i, end) in ends.enumerate() {
            let raw = &text[start..end];
            start = end + 1;
            let line = raw.strip_suffix(b"\r").unwrap_or(raw);
            // Blank lines separate nothing in NDJSON (and `split` yields an empty piece after
            // a final newline); skip them.
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let o = self.instance(file, line, Some(first + i as u64));
            instances += 1;
            invalid += u64::from(!o.valid);
            output.push_str(&o.output);
        }
        (output, instances, invalid)
    }

    /// Reports an input that could not be read: on stderr, and in the machine formats also as a
    /// line of its own so a script reading stdout sees every input.
    fn unreadable(&self, out: &mut impl Write, label: &str, message: &str) -> io::Result<()> {
        self.progress.suspend(|| eprintln!("error: {message}"));
        match self.format {
            Format::Text => Ok(()),
            Format::Json => {
                let error = IoError {
                    code: "IO_ERROR",
                    path: "",
                    line: None,
                    column: None,
                    message,
                };
                let line = UnreadableLine {
                    instance: label,
                    valid: false,
                    errors: [error],
                };
                writeln!(out, "{}", serde_json::to_string(&line).unwrap_or_default())
            }
            Format::Github => write!(
                out,
                "{}",
                github::annotation("error", label, None, "IO_ERROR", message)
            ),
        }
    }

    /// Validates one instance and formats its report. `ndjson_line` is the line an NDJSON
    /// instance came from: errors are reported on that line of the input.
    fn instance(&self, file: &str, bytes: &[u8], ndjson_line: Option<u64>) -> Outcome {
        let report = match self.validator.validate(bytes) {
            Ok(()) => None,
            Err(mut r) => {
                if let Some(n) = ndjson_line {
                    for e in &mut r.errors {
                        e.line = Some(n as usize);
                    }
                }
                Some(r)
            }
        };
        let valid = report.is_none();
        let label = || match ndjson_line {
            Some(n) => format!("{file}:{n}"),
            None => file.to_owned(),
        };
        let output = match self.format {
            Format::Json => {
                let errors = report.as_ref().map_or(&[][..], |r| &r.errors[..]);
                let label = label();
                let line = InstanceLine {
                    instance: &label,
                    valid,
                    errors,
                    errors_not_shown: report.as_ref().map(|r| r.omitted).filter(|&n| n > 0),
                };
                let mut s = serde_json::to_string(&line).unwrap_or_default();
                s.push('\n');
                s
            }
            Format::Github => report.map_or_else(String::new, |r| annotations(file, &r)),
            Format::Text => match report {
                None if ndjson_line.is_some() => String::new(),
                None => format!("{file}: valid\n"),
                Some(r) => self.text(file, &label(), bytes, ndjson_line, &r),
            },
        };
        Outcome { valid, output }
    }

    fn text(
        &self,
        file: &str,
        label: &str,
        bytes: &[u8],
        ndjson_line: Option<u64>,
        report: &Report,
    ) -> String {
        let index = LineIndex::new(bytes);
        let mut s = String::new();
        for e in &report.errors {
            // The source line is the instance's own line (NDJSON) or the file's.
            let own_line = if ndjson_line.is_some() {
                1
            } else {
                e.line.unwrap_or(0)
            };
            let finding = Finding {
                warning: false,
                code: e.code.as_str(),
                message: &e.message,
                file,
                line: e.line.unwrap_or(0),
                column: e.column.unwrap_or(0),
                pointer: &e.path,
                offset: e.offset,
            };
            s.push_str(&render::finding_at(
                &self.style,
                &finding,
                bytes,
                &index,
                own_line,
            ));
        }
        if report.omitted > 0 {
            s.push_str(&format!(
                "{label}: invalid ({} error(s), {} not shown: --max-errors {})\n",
                report.errors.len() + report.omitted,
                report.omitted,
                report.errors.len()
            ));
        } else {
            s.push_str(&format!(
                "{label}: invalid ({} error(s))\n",
                report.errors.len()
            ));
        }
        s
    }
}

/// GitHub workflow commands, one per error.
fn annotations(file: &str, report: &Report) -> String {
    let mut s = String::new();
    for e in &report.errors {
        let path = if e.path.is_empty() {
            "/".to_owned()
        } else {
            e.path.clone()
        };
        s.push_str(&github::annotation(
            "error",
            file,
            Some((e.line.unwrap_or(1), e.column.unwrap_or(1))),
            e.code.as_str(),
            &format!("{} (at {path})", e.message),
        ));
    }
    if report.omitted > 0 {
        s.push_str(&github::annotation(
            "warning",
            file,
            None,
            "MAX_ERRORS",
            &format!(
                "{} more error(s) not shown (--max-errors {})",
                report.omitted,
                report.errors.len()
            ),
        ));
    }
    s
}

/// Splits `block` into about `n` ranges that each end just after a newline (the last one at the
/// end of the block).
fn split_ranges(block: &[u8], n: usize) -> Vec<std::ops::Range<usize>> {
    let target = block.len().div_ceil(n.max(1)).max(1);
    let mut ranges = Vec::with_capacity(n);
    let mut start = 0;
    while start < block.len() {
        let probe = (start + target).min(block.len());
        let end = match memchr::memchr(b'\n', &block[probe.saturating_sub(1)..]) {
            Some(i) => probe.saturating_sub(1) + i + 1,
            None => block.len(),
        };
        ranges.push(start..end.max(start + 1));
        start = end.max(start + 1);
    }
    ranges
}

/// The reader side of `Run::ndjson`: sends blocks of about `BLOCK_BYTES` that end at a line
/// boundary (a line longer than a block makes a longer block), reusing returned buffers.
fn read_blocks(
    mut reader: impl Read,
    blocks: &mpsc::SyncSender<io::Result<Vec<u8>>>,
    spare: &mpsc::Receiver<Vec<u8>>,
) {
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut block = spare
            .try_recv()
            .unwrap_or_else(|_| Vec::with_capacity(BLOCK_BYTES + BLOCK_BYTES / 4));
        block.clear();
        block.extend_from_slice(&carry);
        carry.clear();
        let mut eof = false;
        // Read at least a block, then on until a newline ends it.
        loop {
            let want = BLOCK_BYTES.saturating_sub(block.len()).max(64 << 10) as u64;
            match reader.by_ref().take(want).read_to_end(&mut block) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(_) if block.len() >= BLOCK_BYTES && memchr::memchr(b'\n', &block).is_some() => {
                    break
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = blocks.send(Err(e));
                    return;
                }
            }
        }
        if !eof {
            let cut = memchr::memrchr(b'\n', &block).map_or(block.len(), |i| i + 1);
            carry.extend_from_slice(&block[cut..]);
            block.truncate(cut);
        }
        if !block.is_empty() && blocks.send(Ok(block)).is_err() {
            return;
        }
        if eof {
            return;
        }
    }
}

fn read_all(path: &Path) -> io::Result<Vec<u8>> {
    if is_stdin(path) {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_block_at_line_boundaries() {
        let block = b"a\nbb\nccc\n\ndddd\ne";
        for n in 1..8 {
            let ranges = split_ranges(block, n);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(block.len()));
            for w in ranges.windows(2) {
                assert_eq!(w[0].end, w[1].start);
                assert_eq!(block[w[0].end - 1], b'\n', "{n}: {ranges:?}");
            }
        }
        assert!(split_ranges(b"", 4).is_empty());
    }
}
