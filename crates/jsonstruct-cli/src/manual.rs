//! Shell completions and man pages, generated from the clap definitions so they never drift
//! from the command line itself.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{bail, Context as _};
use clap::ValueEnum;

/// The shells `jsonstruct completions` writes scripts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl Shell {
    fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

/// The completion script for `shell`.
fn completion_script(shell: Shell) -> Vec<u8> {
    let mut cmd = crate::command();
    let mut script = Vec::new();
    // Into a buffer: clap_complete panics when its writer fails (a closed stdout).
    clap_complete::generate(shell.generator(), &mut cmd, "jsonstruct", &mut script);
    script
}

/// `jsonstruct completions SHELL`.
pub(crate) fn completions(shell: Shell) -> anyhow::Result<ExitCode> {
    write_stdout(&completion_script(shell))
}

/// `jsonstruct man [COMMAND]...`.
pub(crate) fn print_man(path: &[String]) -> anyhow::Result<ExitCode> {
    let Some(page) = man_page(path) else {
        bail!(
            "no man page for `jsonstruct {}`: name a subcommand, such as `validate` or `generate rust`",
            path.join(" ")
        );
    };
    write_stdout(page.as_bytes())
}

fn write_stdout(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .context("cannot write to stdout")?;
    Ok(ExitCode::SUCCESS)
}

/// The command line as the man pages show it: built (so each subcommand knows its page name,
/// `jsonstruct-validate`), without clap's `help` subcommand.
fn built_command() -> clap::Command {
    let mut cmd = crate::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

fn render(cmd: &clap::Command) -> String {
    let mut roff = Vec::new();
    // Every page names the program and its version (subcommands carry no version of their own).
    clap_mangen::Man::new(cmd.clone())
        .source(format!("jsonstruct {}", env!("CARGO_PKG_VERSION")))
        .render(&mut roff)
        .expect("writing to a Vec cannot fail");
    String::from_utf8(roff).expect("clap_mangen writes UTF-8")
}

/// The man page (roff) of `jsonstruct` (empty `path`) or of one of its subcommands
/// (`["generate", "rust"]`); `None` when there is no such subcommand.
pub fn man_page(path: &[String]) -> Option<String> {
    let mut cmd = built_command();
    for name in path {
        cmd = cmd.find_subcommand(name)?.clone();
    }
    Some(render(&cmd))
}

/// Every man page, `(file name, roff)`: `jsonstruct.1`, then one per subcommand
/// (`jsonstruct-validate.1`, `jsonstruct-generate-rust.1`, ...), the pages that the top page's
/// SUBCOMMANDS section refers to.
pub fn man_pages() -> Vec<(String, String)> {
    fn collect(cmd: &clap::Command, out: &mut Vec<(String, String)>) {
        let name = clap_mangen::Man::new(cmd.clone()).get_filename();
        out.push((name, render(cmd)));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            collect(sub, out);
        }
    }
    let mut out = Vec::new();
    collect(&built_command(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The subcommands of the top level, as clap knows them.
    fn subcommands() -> Vec<String> {
        built_command()
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect()
    }

    #[test]
    fn every_shell_completes_every_subcommand() {
        let names = subcommands();
        assert!(names.len() >= 7, "{names:?}");
        for shell in Shell::value_variants() {
            let script = String::from_utf8(completion_script(*shell)).unwrap();
            assert!(script.len() > 500, "{shell:?}: {script}");
            for name in &names {
                assert!(
                    script.contains(name.as_str()),
                    "{shell:?} does not mention {name}"
                );
            }
            // Options of a subcommand are completed too.
            assert!(script.contains("ndjson"), "{shell:?}");
        }
    }

    #[test]
    fn the_top_page_names_every_subcommand_and_each_has_a_page() {
        let pages = man_pages();
        let top = &pages[0];
        assert_eq!(top.0, "jsonstruct.1");
        assert!(top.1.starts_with(".ie \\n(.g .ds Aq"), "{}", &top.1[..80]);
        for name in subcommands() {
            assert!(
                top.1.contains(&format!("jsonstruct\\-{name}(1)")),
                "the top page does not name {name}"
            );
            let file = format!("jsonstruct-{name}.1");
            let page = pages
                .iter()
                .find(|(f, _)| *f == file)
                .unwrap_or_else(|| panic!("no page {file}"));
            assert_eq!(Some(page.1.clone()), man_page(std::slice::from_ref(&name)));
        }
        assert!(pages.iter().any(|(f, _)| f == "jsonstruct-generate-rust.1"));
        assert!(!pages.iter().any(|(f, _)| f.contains("help")));
        assert_eq!(man_page(&["nope".into()]), None);
    }
}
