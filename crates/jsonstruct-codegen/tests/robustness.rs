//! The generator never panics: every schema of the shared corpus that loads (valid, warning,
//! validation and adversarial schemas included) generates code that parses, or a located
//! error.

use std::path::{Path, PathBuf};

use jsonstruct::Schema;
use jsonstruct_codegen::{generate_crate, Int64Encoding, Options};
use jsonstruct_test_support::corpus::{self, counts};

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            json_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
}

#[test]
fn every_loadable_schema_generates_parseable_code_or_a_located_error() {
    // Counted as the corpus's schema cases; the test also tries the meta-schemas and examples.
    let Some(shared) = corpus::open(
        "robustness",
        "every_loadable_schema_generates_parseable_code_or_a_located_error",
        &["conformance/README.md"],
        counts::total(counts::SCHEMA_FOLDERS),
    ) else {
        return;
    };
    let shared = shared.join("conformance");
    let mut files = Vec::new();
    json_files(&shared.join("test-assets/schemas"), &mut files);
    json_files(&shared.join("samples/core"), &mut files);
    json_files(&shared.join("meta"), &mut files);
    files.sort();
    let mut generated = 0;
    for path in &files {
        let Ok(schema) = Schema::from_path(path) else {
            continue;
        };
        for int64 in [Int64Encoding::String, Int64Encoding::Number] {
            let options = Options::new("robust").int64(int64);
            let result = std::panic::catch_unwind(|| generate_crate(&schema, &options));
            let Ok(result) = result else {
                panic!("the generator panicked on {}", path.display());
            };
            match result {
                Ok(files) => {
                    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
                        if let Err(e) = syn::parse_file(&file.contents) {
                            panic!("{}: {} does not parse: {e}", path.display(), file.path);
                        }
                    }
                    generated += 1;
                }
                Err(e) => assert!(
                    e.location().is_some(),
                    "{}: an error without a location: {e}",
                    path.display()
                ),
            }
        }
    }
    assert!(generated > 50, "only {generated} schemas generated");
}
