//! `jsonstruct validate`: validate whole files or NDJSON streams against a schema, in parallel,
//! reporting in input order as text (source line and caret), JSON Lines or GitHub annotations.
//!
//! NDJSON is read in bounded blocks by the workers themselves, one at a time under a lock, and
//! each worker validates the block it read while another reads the next; the output is written
//! in input order, with a bounded number of blocks ahead of the writer, so memory stays flat
//! however large the input is and `--jobs N` means N busy threads.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;

use anyhow::Context;
use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jsonstruct::{github, LineIndex, Options, Report, ValidationError, Validator};
use rayon::prelude::*;
use serde::Serialize;

use crate::feed::{Feed, StopOnPanic, BLOCK_BYTES};
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

/// Whole files validated per parallel batch.
const BATCH_FILES: usize = 64;
/// NDJSON blocks a worker may read ahead of the writer, per worker: their output waits in
/// memory until the blocks before it are written.
const AHEAD_PER_WORKER: u64 = 4;

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

    /// Streams one NDJSON input. Each worker takes the next block of whole lines from the
    /// shared [`Feed`] (reading it into its own buffer: a file by position, in parallel; a
    /// pipe in order, under the feed's lock), validates it and sends its output; this thread
    /// writes the outputs in input order. A worker does not read
    /// more than [`AHEAD_PER_WORKER`] blocks per worker ahead of the writer, so memory stays
    /// flat however large the input.
    fn ndjson(&self, path: &Path, out: &mut impl Write, totals: &mut Totals) -> anyhow::Result<()> {
        let shown = display(path);
        let workers = self.pool.current_num_threads().max(1);
        let ahead = AHEAD_PER_WORKER * workers as u64;
        let feed = if is_stdin(path) {
            Feed::stream(Box::new(io::stdin()), ahead)
        } else {
            match File::open(path).and_then(|f| Ok((f.metadata()?, f))) {
                // A regular file: the workers read their blocks in parallel.
                #[cfg(unix)]
                Ok((meta, f)) if meta.is_file() => Feed::at(Box::new(f), meta.len(), ahead),
                Ok((_, f)) => Feed::stream(Box::new(f), ahead),
                Err(e) => {
                    totals.unreadable += 1;
                    self.unreadable(out, &shown, &format!("cannot read {shown}: {e}"))?;
                    return Ok(());
                }
            }
        };
        let (done_tx, done) = mpsc::channel::<(u64, Piece)>();
        let mut writer = Ordered::default();
        std::thread::scope(|scope| -> anyhow::Result<()> {
            for _ in 0..workers {
                let (feed, done_tx, shown) = (&feed, done_tx.clone(), &shown);
                scope.spawn(move || {
                    let _stop = StopOnPanic(feed);
                    let mut block = Vec::with_capacity(BLOCK_BYTES + BLOCK_BYTES / 4);
                    while let Some((seq, first)) = feed.take(&mut block) {
                        self.progress.inc(block.len() as u64);
                        let piece = self.lines(shown, &block, first);
                        // The receiver is gone only when writing failed; then stop.
                        if done_tx.send((seq, piece)).is_err() {
                            feed.stop();
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            let written = (|| -> io::Result<()> {
                for piece in &done {
                    writer.take(piece, out, totals)?;
                    feed.written(writer.next);
                }
                Ok(())
            })();
            if written.is_err() {
                // Let the workers see the end, then report.
                feed.stop();
                drop(done);
            }
            Ok(written?)
        })?;
        if let Some((e, after)) = feed.failure() {
            totals.unreadable += 1;
            self.unreadable(
                out,
                &shown,
                &format!("cannot read {shown} after line {after}: {e}"),
            )?;
        }
        Ok(())
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

fn read_all(path: &Path) -> io::Result<Vec<u8>> {
    if is_stdin(path) {
        let mut buf = Vec::new();
        io::stdin().lock().read_to_end(&mut buf)?;
        Ok(buf)
    } else {
        std::fs::read(path)
    }
}
