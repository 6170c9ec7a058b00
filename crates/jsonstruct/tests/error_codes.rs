//! Diagnostic codes line up with the shared SDK list (`../shared/conformance/assets/
//! error-messages.json`): every code not marked `own` exists there, and no own code does (an own
//! code that appears upstream should use the shared one instead).

use std::collections::BTreeSet;

use jsonstruct::{Code, InstanceCode};
use jsonstruct_test_support::corpus;

/// The codes of the shared list, or `None` when the corpus is missing (recorded as not run,
/// or a failure under `JSONSTRUCT_REQUIRE_CORPUS`).
fn shared_codes() -> Option<BTreeSet<String>> {
    const LIST: &str = "conformance/assets/error-messages.json";
    let shared = corpus::open(
        "error_codes",
        "shared_codes_exist_upstream_and_own_codes_do_not",
        &[LIST],
        1,
    )?;
    let path = shared.join(LIST);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let doc: serde_json::Value = serde_json::from_str(&text).expect("error-messages.json parses");
    let messages = doc["messages"]
        .as_object()
        .expect("error-messages.json has a 'messages' object");
    let mut codes = BTreeSet::new();
    for (key, entry) in messages {
        // Each entry repeats its key as `code`; keep both honest.
        assert_eq!(entry["code"].as_str(), Some(key.as_str()), "entry {key}");
        codes.insert(key.clone());
    }
    assert!(
        codes.len() > 100,
        "the shared list looks truncated: {} codes",
        codes.len()
    );
    Some(codes)
}

#[test]
fn shared_codes_exist_upstream_and_own_codes_do_not() {
    let Some(upstream) = shared_codes() else {
        return;
    };
    let mut problems = Vec::new();
    for code in Code::ALL {
        let known = upstream.contains(code.as_str());
        match (code.is_own(), known) {
            (false, false) => problems.push(format!(
                "{code} is not own but missing from error-messages.json"
            )),
            (true, true) => problems.push(format!(
                "{code} is marked own but error-messages.json has it: drop the own marker"
            )),
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    eprintln!(
        "checked {} codes ({} own) against {} shared codes",
        Code::ALL.len(),
        Code::ALL.iter().filter(|c| c.is_own()).count(),
        upstream.len()
    );
}

/// The README's list of own codes is how users learn them: each own code is named there.
#[test]
fn own_codes_are_listed_in_the_readme() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("README.md at the workspace root");
    let own = Code::ALL
        .iter()
        .filter(|c| c.is_own())
        .map(|c| c.as_str())
        .chain(
            InstanceCode::ALL
                .iter()
                .filter(|c| c.is_own())
                .map(|c| c.as_str()),
        );
    let missing: Vec<&str> = own
        .filter(|code| !readme.contains(&format!("`{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "own codes the README does not list: {missing:?}"
    );
}
