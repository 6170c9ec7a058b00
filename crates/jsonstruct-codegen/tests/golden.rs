//! Golden files: the generated `src/types.rs` of each conformance sample (and of the hostile
//! names schema) is compared with `tests/golden/<name>.rs`. The `golden-build` crate compiles
//! every golden file warning-free and round-trips the samples' examples through them.
//!
//! To accept new output: `UPDATE_GOLDEN=1 cargo test -p jsonstruct-codegen --test golden`.

use std::path::{Path, PathBuf};

use jsonstruct::Schema;
use jsonstruct_codegen::{generate_crate, GeneratedFiles, Int64Encoding, Options};

const UPDATE: &str = "UPDATE_GOLDEN=1 cargo test -p jsonstruct-codegen --test golden";

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn workspace_root() -> PathBuf {
    crate_dir().join("../..")
}

/// `../shared/conformance/samples/core`, or `None` (with a loud message) when it is missing.
fn samples_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/conformance/samples/core");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "\n!!! {} is missing: the sample golden tests are SKIPPED.\n",
            dir.display()
        );
        None
    }
}

/// (golden name, schema path, schema path as shown, int64 encoding)
fn cases() -> Vec<(String, PathBuf, String, Int64Encoding)> {
    let mut out = vec![(
        "hostile".to_owned(),
        crate_dir().join("tests/hostile/schema.struct.json"),
        "crates/jsonstruct-codegen/tests/hostile/schema.struct.json".to_owned(),
        Int64Encoding::Number,
    )];
    if let Some(dir) = samples_dir() {
        let mut samples: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.path().join("schema.struct.json").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        samples.sort();
        assert_eq!(samples.len(), 12, "expected the 12 core samples");
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
    let options = Options {
        int64,
        schema_path: shown.to_owned(),
        command: UPDATE.to_owned(),
        ..Options::new("golden")
    };
    generate_crate(&schema, &options).unwrap_or_else(|e| panic!("{shown}: {e}"))
}

#[test]
fn generated_types_match_the_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let golden_dir = crate_dir().join("tests/golden");
    let mut stale = Vec::new();
    for (name, path, shown, int64) in cases() {
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
    let mut names: Vec<String> = cases().into_iter().map(|c| c.0).collect();
    names.sort();
    for name in &names {
        assert!(
            lib.contains(&format!("\"../../golden/{name}.rs\"")),
            "golden-build/src/lib.rs does not include {name}.rs"
        );
    }
    if samples_dir().is_some() {
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
    for (_, path, shown, int64) in cases() {
        let a = generate(&path, &shown, int64);
        let b = generate(&path, &shown, int64);
        assert_eq!(a, b, "{shown}");
    }
}

/// Every generated file starts with the one-line preamble naming the regenerating command.
#[test]
fn every_file_names_its_command() {
    for (_, path, shown, int64) in cases() {
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
