//! Diagnostic codes line up with the shared SDK list (`../shared/conformance/assets/
//! error-messages.json`): every code not marked `own` exists there, and no own code does (an own
//! code that appears upstream should use the shared one instead).

use std::collections::BTreeSet;
use std::path::Path;

use jsonstruct::Code;

/// The codes of the shared list, or `None` (with a loud message) when `../shared` is missing.
fn shared_codes() -> Option<BTreeSet<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/conformance/assets/error-messages.json");
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "!!!!!!!! SKIPPED: cannot read {} ({e}); the shared code list is not checked",
                path.display()
            );
            if std::env::var_os("JSONSTRUCT_REQUIRE_CORPUS").is_some() {
                panic!("JSONSTRUCT_REQUIRE_CORPUS is set and the corpus is missing");
            }
            return None;
        }
    };
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
