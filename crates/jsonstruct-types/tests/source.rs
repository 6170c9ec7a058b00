//! `SOURCE` is the crate's own source, complete, and `module_source` is a module tree that
//! does not name the crate (a vendored copy lives inside another crate).

use std::path::Path;

fn source_files(dir: &Path, prefix: &str, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.file_type().unwrap().is_dir() {
            source_files(&entry.path(), &format!("{prefix}{name}/"), out);
        } else if name.ends_with(".rs") {
            out.push(format!("{prefix}{name}"));
        }
    }
}

#[test]
fn source_lists_every_file_of_the_crate_with_its_contents() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut on_disk = Vec::new();
    source_files(&src, "", &mut on_disk);
    on_disk.sort();
    let mut listed: Vec<String> = jsonstruct_types::SOURCE
        .iter()
        .map(|(p, _)| (*p).to_owned())
        .collect();
    listed.sort();
    assert_eq!(listed, on_disk);
    for (path, text) in jsonstruct_types::SOURCE {
        let disk = std::fs::read_to_string(src.join(path)).unwrap();
        assert_eq!(
            disk.replace("\r\n", "\n"),
            text.replace("\r\n", "\n"),
            "{path}"
        );
    }
    assert_eq!(jsonstruct_types::SOURCE[0].0, "lib.rs");
}

#[test]
fn the_module_source_never_names_the_crate() {
    let files: Vec<(&str, &str)> = jsonstruct_types::module_source().collect();
    assert_eq!(files.len(), jsonstruct_types::SOURCE.len());
    let (root, text) = files[0];
    assert_eq!(root, "mod.rs");
    assert!(!text.contains("//!"), "the crate docs are left out");
    assert!(
        !text.contains("SOURCE"),
        "the crate-only items are left out"
    );
    assert!(text.contains("pub mod formats;") && text.contains("pub use set::Set;"));
    for (path, text) in &files {
        // Inside another crate, `crate::` is that crate, and examples naming this crate fail.
        assert!(!text.contains("crate::"), "{path} uses a crate:: path");
        assert!(
            !text.contains("jsonstruct_types::"),
            "{path} names the crate"
        );
        assert!(!text.contains("```"), "{path} has a doc example");
    }
}
