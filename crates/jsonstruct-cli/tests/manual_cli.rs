//! `jsonstruct completions` and `jsonstruct man` through the binary: each shell gets a script
//! naming every subcommand, the man page printed is the committed `generated/man/jsonstruct.1`
//! (minus its preamble), and bad arguments are usage errors (exit 2).

use std::process::{Command, Output};

fn jsonstruct(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jsonstruct"))
        .args(args)
        .output()
        .expect("run jsonstruct")
}

const SUBCOMMANDS: &[&str] = &[
    "check",
    "validate",
    "generate",
    "import",
    "export",
    "diff",
    "completions",
    "man",
];

#[test]
fn completions_for_each_shell_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = jsonstruct(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(!script.trim().is_empty(), "{shell}");
        for sub in SUBCOMMANDS {
            assert!(script.contains(sub), "{shell} does not mention {sub}");
        }
    }
    // Every subcommand the binary has is in the list above.
    let help = String::from_utf8(jsonstruct(&["--help"]).stdout).unwrap();
    let listed: Vec<&str> = help
        .split("Commands:")
        .nth(1)
        .unwrap()
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .collect();
    assert_eq!(listed, SUBCOMMANDS);
}

#[test]
fn man_prints_the_committed_page() {
    let out = jsonstruct(&["man"]);
    assert!(out.status.success(), "{out:?}");
    let printed = String::from_utf8(out.stdout).unwrap();
    let committed = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated/man/jsonstruct.1"),
    )
    .unwrap()
    .replace("\r\n", "\n");
    let (preamble, page) = committed.split_once('\n').unwrap();
    assert!(preamble.contains("cargo xtask codegen"), "{preamble}");
    assert_eq!(printed, page, "run `cargo xtask codegen`");
    for sub in SUBCOMMANDS {
        assert!(printed.contains(&format!("jsonstruct\\-{sub}(1)")), "{sub}");
    }
    let out = jsonstruct(&["man", "generate", "rust"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("jsonstruct\\-generate\\-rust"));
}

#[test]
fn unknown_shells_and_pages_are_usage_errors() {
    for args in [
        &["completions", "elvish"][..],
        &["man", "nope"],
        &["completions"],
    ] {
        let out = jsonstruct(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}
