//! Golden files: the generated `src/types.rs` of each conformance sample (and of the hostile
//! names and the add-ins schemas) is compared with `tests/golden/<name>.rs`. The `golden-build` crate compiles
//! every golden file warning-free and round-trips the samples' examples through them.
//!
//! To accept new output: `UPDATE_GOLDEN=1 cargo test -p jsonstruct-codegen --test golden`.

use std::path::{Path, PathBuf};

use jsonstruct::Schema;
use jsonstruct_codegen::{generate_crate, GeneratedFiles, Int64Encoding, Options};
use jsonstruct_test_support::corpus::{self, counts};

const UPDATE: &str = "UPDATE_GOLDEN=1 cargo test -p jsonstruct-codegen --test golden";

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const SAMPLES: &str = "conformance/samples/core";

/// `<shared>/conformance/samples/core`, or `None` when it is missing: `test` then records the
/// samples as not run (or fails under `JSONSTRUCT_REQUIRE_CORPUS`).
fn samples_dir(test: &str) -> Option<PathBuf> {
    let samples = counts::of(counts::SCHEMA_FOLDERS, "samples");
    corpus::open("golden", test, &[SAMPLES], samples).map(|shared| shared.join(SAMPLES))
}

/// (golden name, schema path, schema path as shown, int64 encoding); `test` asks for them.
fn cases(test: &str) -> Vec<(String, PathBuf, String, Int64Encoding)> {
    let mut out = vec![
        (
            "hostile".to_owned(),
            crate_dir().join("tests/hostile/schema.struct.json"),
            "crates/jsonstruct-codegen/tests/hostile/schema.struct.json".to_owned(),
            Int64Encoding::Number,
        ),
        (
            "addins".to_owned(),
            crate_dir().join("tests/addins/schema.struct.json"),
            "crates/jsonstruct-codegen/tests/addins/schema.struct.json".to_owned(),
            Int64Encoding::String,
        ),
    ];
    if let Some(dir) = samples_dir(test) {
        let mut samples: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().join("schema.struct.json").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        samples.sort();
        assert_eq!(
            samples.len(),
            counts::of(counts::SCHEMA_FOLDERS, "samples"),
            "the core samples"
        );
        for s in samples {
            out.push((
                s.clone(),
                dir.join(&s).join("schema.struct.json"),
                format!("../shared/conformance/samples/core/{s}/schema.struct.json"),
                Int64Encoding::String,
            ));
        }
    }
    out
}

fn generate(path: &Path, shown: &str, int64: Int64Encoding) -> GeneratedFiles {
    let schema = Schema::from_path(path).unwrap_or_else(|e| panic!("{e}"));
    let options = Options::new("golden")
        .int64(int64)
        .schema_path(shown)
        .command(UPDATE);
    generate_crate(&schema, &options).unwrap_or_else(|e| panic!("{shown}: {e}"))
}

#[test]
fn generated_types_match_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden_dir = crate_dir().join("tests/golden");
    let mut stale = Vec::new();
    for (name, path, shown, int64) in cases("generated_types_match_the_golden_files") {
        let files = generate(&path, &shown, int64);
        let actual = files.get("src/types.rs").expect("types.rs is generated");
        let golden = golden_dir.join(format!("{name}.rs"));
        let expected = std::fs::read_to_string(&golden).unwrap_or_default();
        if expected.replace("\r\n", "\n") != actual {
            if update {
                std::fs::create_dir_all(&golden_dir).unwrap();
                std::fs::write(&golden, actual).unwrap();
            } else {
                stale.push(golden.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "generated code differs from the golden files (review the diff, then run `{UPDATE}`):\n  {}",
        stale.join("\n  ")
    );
}

/// Every golden file is compiled by the golden-build crate, and nothing else is there.
#[test]
fn every_golden_file_is_compiled() {
    let lib = std::fs::read_to_string(crate_dir().join("tests/golden-build/src/lib.rs")).unwrap();
    let golden_dir = crate_dir().join("tests/golden");
    let with_samples = samples_dir("every_golden_file_is_compiled").is_some();
    let mut names: Vec<String> = cases("every_golden_file_is_compiled")
        .into_iter()
        .map(|c| c.0)
        .collect();
    names.sort();
    for name in &names {
        assert!(
            lib.contains(&format!("\"../../golden/{name}.rs\"")),
            "golden-build/src/lib.rs does not include {name}.rs"
        );
    }
    if with_samples {
        let mut on_disk: Vec<String> = std::fs::read_dir(&golden_dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| {
                e.file_name()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_owned()
            })
            .collect();
        on_disk.sort();
        assert_eq!(on_disk, names, "stray files in {}", golden_dir.display());
    }
}

#[test]
fn generation_is_deterministic() {
    for (_, path, shown, int64) in cases("generation_is_deterministic") {
        let a = generate(&path, &shown, int64);
        let b = generate(&path, &shown, int64);
        assert_eq!(a, b, "{shown}");
    }
}

/// Every generated file starts with the one-line preamble naming the regenerating command.
#[test]
fn every_file_names_its_command() {
    for (_, path, shown, int64) in cases("every_file_names_its_command") {
        for file in generate(&path, &shown, int64).iter() {
            let first = file.contents.lines().next().unwrap_or_default();
            assert!(
                jsonstruct_codegen::write::is_generated_preamble(first)
                    && first.contains(UPDATE)
                    && first.contains(&shown),
                "{}: {first}",
                file.path
            );
        }
    }
}

/// The add-ins schema's examples are valid instances: the generated types (round-tripped by
/// the golden-build crate) and the validator read core `#add-ins` the same way.
#[test]
fn the_add_in_examples_are_valid() {
    let dir = crate_dir().join("tests/addins");
    let schema = Schema::from_path(dir.join("schema.struct.json")).unwrap();
    let validator = jsonstruct::Validator::new(&schema).unwrap();
    for example in ["example1.json", "example2.json"] {
        let text = std::fs::read(dir.join(example)).unwrap();
        if let Err(report) = validator.validate(&text) {
            panic!("{example}: {:?}", report.errors);
        }
    }
}
