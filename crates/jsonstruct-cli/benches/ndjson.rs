//! `jsonstruct validate --ndjson` throughput with one and two worker threads, and the CLI's
//! peak memory on inputs of increasing size (it must stay flat: NDJSON is streamed).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../../jsonstruct/benches/corpus.rs"]
mod corpus;

const BIN: &str = env!("CARGO_BIN_EXE_jsonstruct");
const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../schemas/clerk/session.struct.json"
);

/// Writes `copies` repetitions of a 10,000-payload corpus as NDJSON; returns the path.
fn ndjson(dir: &Path, copies: usize) -> PathBuf {
    let (payloads, _) = corpus::payloads(10_000, 0x5e55_1011);
    let path = dir.join(format!("sessions-{copies}.ndjson"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    for _ in 0..copies {
        for p in &payloads {
            f.write_all(p).expect("write");
            f.write_all(b"\n").expect("write");
        }
    }
    f.flush().expect("flush");
    path
}

fn run(input: &Path, jobs: usize) -> std::process::Child {
    Command::new(BIN)
        .args(["validate", "--schema", SCHEMA, "--ndjson", "--jobs"])
        .arg(jobs.to_string())
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run jsonstruct")
}

/// Peak resident memory of a child in KiB, sampled from /proc while it runs (VmHWM is the
/// high-water mark, so the last sample before exit is the peak).
fn peak_kib(mut child: std::process::Child) -> u64 {
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        if let Ok(s) = std::fs::read_to_string(&status) {
            if let Some(kib) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            {
                peak = peak.max(kib);
            }
        }
        if child.try_wait().expect("wait").is_some() {
            return peak;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("jsonstruct-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    // 160,000 payloads (about 77 MB): long enough that start-up does not hide the scaling.
    let input = ndjson(&dir, 16);
    let bytes = std::fs::metadata(&input).expect("size").len();

    // Memory: 1x, 4x and 16x the input; the peak must not grow with it.
    for copies in [1, 4, 16] {
        let path = if copies == 16 {
            input.clone()
        } else {
            ndjson(&dir, copies)
        };
        let size = std::fs::metadata(&path).expect("size").len();
        let kib = peak_kib(run(&path, 2));
        eprintln!(
            "peak memory: {:>6} MB input -> {kib} KiB resident",
            size / 1_000_000
        );
        if copies != 16 {
            let _ = std::fs::remove_file(&path);
        }
    }

    let mut g = c.benchmark_group("ndjson");
    g.throughput(Throughput::Bytes(bytes));
    g.sample_size(10);
    for jobs in [1, 2] {
        g.bench_function(format!("validate --ndjson --jobs {jobs}"), |b| {
            b.iter(|| {
                let status = run(&input, jobs).wait().expect("wait");
                assert_eq!(status.code(), Some(1), "the corpus has invalid payloads");
            })
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(10)).warm_up_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
