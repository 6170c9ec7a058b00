//! Hostile input for generated types (the golden files, on the `jsonstruct-types` runtime): a
//! set of 200,000 items, nesting 200,000 deep, numbers of 10,000 digits, 100,000 members,
//! multi-megabyte text. Each gives a value or a clear error, never a panic, a stack overflow
//! or a cost that grows faster than the input.
//!
//! Every case runs in a child process (this binary re-executed with `HOSTILE_CASE=<name>`) on a
//! thread with Rust's default 2 MiB stack, and the parent kills it when it runs past the
//! case's bound, so a stack overflow or a hang fails that case only, naming it. The bounds
//! are generous (a debug build on two shared cores takes a fraction of them) and only catch
//! runaway costs: the linear cost of `Set` itself is checked by counting comparisons in
//! `jsonstruct-types`' tests, not by timing.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use jsonstruct_golden_build as g;
use libtest_mimic::{Arguments, Failed, Trial};

const CASE_ENV: &str = "HOSTILE_CASE";

struct Case {
    name: &'static str,
    /// Kill the child after this long.
    bound: Duration,
    run: fn() -> Result<(), String>,
}

const BOUND: Duration = Duration::from_secs(30);

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "set::uuids_200000_distinct_then_one_repeat",
            bound: BOUND,
            run: set_of_200000_uuids,
        },
        Case {
            name: "set::enum_items_200000_distinct",
            bound: BOUND,
            run: set_of_200000_enum_values,
        },
        Case {
            name: "set::wide_integers_200000",
            bound: BOUND,
            run: set_of_200000_wide_integers,
        },
        Case {
            name: "nesting::recursive_struct_200000_deep",
            bound: BOUND,
            run: deep_recursive_struct,
        },
        Case {
            name: "nesting::arrays_200000_deep_in_a_kept_member",
            bound: BOUND,
            run: deep_additional_member,
        },
        Case {
            name: "nesting::recursive_struct_100_deep_reads",
            bound: BOUND,
            run: nesting_within_the_limit_reads,
        },
        Case {
            name: "numbers::ten_thousand_digits",
            bound: BOUND,
            run: huge_numbers,
        },
        Case {
            name: "members::100000_unknown_and_kept",
            bound: BOUND,
            run: many_members,
        },
        Case {
            name: "text::five_megabyte_decimal_and_uuid",
            bound: BOUND,
            run: long_text,
        },
        Case {
            name: "choice::inline_choice_with_100000_members",
            bound: BOUND,
            run: wide_inline_choice,
        },
    ]
}

fn main() {
    if let Ok(name) = std::env::var(CASE_ENV) {
        let case = cases()
            .into_iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no case {name}"));
        // Spawned threads get Rust's default 2 MiB stack, whatever RUST_MIN_STACK says.
        let outcome = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(case.run)
            .expect("spawn the case thread")
            .join();
        std::process::exit(match outcome {
            Ok(Ok(())) => 0,
            Ok(Err(message)) => {
                eprintln!("{message}");
                1
            }
            Err(_) => 101,
        });
    }
    let args = Arguments::from_args();
    let trials = cases()
        .into_iter()
        .map(|c| Trial::test(c.name, move || in_child(c.name, c.bound)))
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// Runs the case in a child process; fails on a non-zero exit, a signal, or the bound passing.
fn in_child(name: &str, bound: Duration) -> Result<(), Failed> {
    let mut child = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .env(CASE_ENV, name)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the child: {e}"))?;
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > bound {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!(
                "{name} did not finish within {bound:?}: a hang or a super-linear cost"
            )
            .into());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = reader.join().unwrap_or_default();
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name} failed ({status}):\n{stderr}").into())
    }
}

fn ensure(condition: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    if condition {
        Ok(())
    } else {
        Err(message())
    }
}

/// The error serde_json gives for `text` read as `T`, or a failure if it reads.
fn error_of<T: serde::de::DeserializeOwned>(text: &str) -> Result<String, String> {
    match serde_json::from_str::<T>(text) {
        Ok(_) => Err(format!(
            "{} accepted hostile input",
            std::any::type_name::<T>()
        )),
        Err(e) => Ok(e.to_string()),
    }
}

fn uuid(i: u32) -> String {
    format!("00000000-0000-4000-8000-{i:012x}")
}

/// A Library (sample 11) whose `memberIds` set has `ids`.
fn library(ids: &[String]) -> String {
    let ids: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    format!(
        r#"{{"name": "L", "books": {{}}, "authors": {{}}, "categories": ["a"], "memberIds": [{}]}}"#,
        ids.join(",")
    )
}

fn set_of_200000_uuids() -> Result<(), String> {
    use g::s11_sets_and_maps::Library;
    let mut ids: Vec<String> = (0..200_000).map(uuid).collect();
    let lib: Library = serde_json::from_str(&library(&ids)).map_err(|e| e.to_string())?;
    ensure(lib.member_ids.len() == 200_000, || "items lost".into())?;
    ids.push(uuid(123_456));
    let err = error_of::<Library>(&library(&ids))?;
    ensure(
        err.contains("set item 200000 repeats an earlier item"),
        || err,
    )
}

fn set_of_200000_enum_values() -> Result<(), String> {
    use g::s09_extensions::CarFeaturesItem;
    // Known values and 200,000 values this version does not know (the fallback variant).
    let mut items: Vec<String> = vec!["\"navigation\"".into(), "\"bluetooth\"".into()];
    items.extend((0..200_000).map(|i| format!("\"feature_{i}\"")));
    let text = format!("[{}]", items.join(","));
    let set: jsonstruct_types::Set<CarFeaturesItem> =
        serde_json::from_str(&text).map_err(|e| e.to_string())?;
    ensure(set.len() == 200_002, || "items lost".into())?;
    ensure(set.as_slice()[0] == CarFeaturesItem::Navigation, || {
        "a known value read as unknown".into()
    })?;
    let repeat = format!("[{}, \"bluetooth\"]", items.join(","));
    let err = error_of::<jsonstruct_types::Set<CarFeaturesItem>>(&repeat)?;
    ensure(err.contains("repeats an earlier item"), || err)
}

fn set_of_200000_wide_integers() -> Result<(), String> {
    use g::hostile::Wide;
    // Numbers and decimal strings of the same value are the same item.
    let items: Vec<String> = (0..200_000u64)
        .map(|i| {
            if i % 2 == 0 {
                i.to_string()
            } else {
                format!("\"{i}\"")
            }
        })
        .collect();
    let w: Wide = serde_json::from_str(&format!(r#"{{"set": [{}]}}"#, items.join(",")))
        .map_err(|e| e.to_string())?;
    ensure(w.set.as_ref().map(|s| s.len()) == Some(200_000), || {
        "items lost".into()
    })?;
    let err = error_of::<Wide>(&format!(r#"{{"set": [{}, "0"]}}"#, items.join(",")))?;
    ensure(err.contains("repeats an earlier item"), || err)
}

fn deep_recursive_struct() -> Result<(), String> {
    use g::hostile::Node;
    let depth = 200_000;
    let text = format!(
        "{}{{\"name\": \"leaf\"}}{}",
        "{\"name\": \"n\", \"parent\": ".repeat(depth),
        "}".repeat(depth)
    );
    let err = error_of::<Node>(&text)?;
    ensure(err.contains("recursion limit exceeded"), || err)?;
    let text = format!(
        "{}{{\"name\": \"leaf\"}}{}",
        "{\"name\": \"n\", \"children\": [".repeat(depth),
        "]}".repeat(depth)
    );
    let err = error_of::<Node>(&text)?;
    ensure(err.contains("recursion limit exceeded"), || err)
}

fn deep_additional_member() -> Result<(), String> {
    use g::hostile::Hostile;
    // `Hostile` keeps undeclared members as `serde_json::Value`s.
    let depth = 200_000;
    let text = format!(
        r#"{{"type": "t", "match": 1, "Self": "s", "user_id": "u", "result": null, "extra": {}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let err = error_of::<Hostile>(&text)?;
    ensure(err.contains("recursion limit exceeded"), || err)
}

fn nesting_within_the_limit_reads() -> Result<(), String> {
    use g::hostile::Node;
    // Deep enough to matter, within serde_json's limit of 128: read, written back, dropped.
    let depth = 100;
    let text = format!(
        "{}{{\"name\":\"leaf\"}}{}",
        "{\"name\":\"n\",\"parent\":".repeat(depth),
        "}".repeat(depth)
    );
    let node: Node = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let written = serde_json::to_string(&node).map_err(|e| e.to_string())?;
    ensure(written == text, || "the nested value changed".into())
}

fn huge_numbers() -> Result<(), String> {
    use g::hostile::{Hostile, Shape, Wide};
    let digits = "9".repeat(10_000);
    // 64-bit members, as numbers and as strings.
    for text in [
        format!(r#"{{"list": [{digits}]}}"#),
        format!(r#"{{"list": ["{digits}"]}}"#),
        format!(r#"{{"big": "{digits}"}}"#),
        format!(r#"{{"big": "-{digits}"}}"#),
        format!(r#"{{"maybe": {digits}}}"#),
    ] {
        error_of::<Wide>(&text)?;
    }
    // A 32-bit member and a double.
    let err = error_of::<Hostile>(&format!(
        r#"{{"type": "t", "match": {digits}, "Self": "s", "user_id": "u", "result": null}}"#
    ))?;
    ensure(!err.is_empty(), || "no message".into())?;
    error_of::<Shape>(&format!(r#"{{"circle": {{"radius": 1{digits}}}}}"#))?;
    // A fraction of 10,000 digits is an ordinary double.
    let shape: Shape = serde_json::from_str(&format!(r#"{{"circle": {{"radius": 0.{digits}}}}}"#))
        .map_err(|e| e.to_string())?;
    ensure(matches!(shape, Shape::Circle(_)), || format!("{shape:?}"))
}

fn many_members() -> Result<(), String> {
    use g::hostile::{Hostile, Wide};
    let extra: Vec<String> = (0..100_000).map(|i| format!("\"m{i}\": {i}")).collect();
    let text = format!(
        r#"{{"type": "t", "match": 1, "Self": "s", "user_id": "u", "result": null, {}}}"#,
        extra.join(",")
    );
    let h: Hostile = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    ensure(h.additional_properties_2.len() == 100_000, || {
        format!("{} members kept", h.additional_properties_2.len())
    })?;
    // Wide keeps its undeclared members as 64-bit integers.
    let w: Wide =
        serde_json::from_str(&format!("{{{}}}", extra.join(","))).map_err(|e| e.to_string())?;
    ensure(w.additional_properties.len() == 100_000, || {
        "members lost".into()
    })
}

fn long_text() -> Result<(), String> {
    use g::s03_financial_types::Money;
    let amount = format!("{}.{}", "1".repeat(2_500_000), "0".repeat(2_500_000));
    let money: Money =
        serde_json::from_str(&format!(r#"{{"amount": "{amount}", "currency": "USD"}}"#))
            .map_err(|e| e.to_string())?;
    ensure(money.amount.as_str() == amount, || {
        "the amount changed".into()
    })?;
    let bad = format!(
        r#"{{"amount": "{}x", "currency": "USD"}}"#,
        "1".repeat(5_000_000)
    );
    let err = error_of::<Money>(&bad)?;
    ensure(err.contains("invalid decimal"), || err)?;
    let err = error_of::<jsonstruct_types::Uuid>(&format!("\"{}\"", "a".repeat(5_000_000)))?;
    ensure(err.contains("invalid uuid"), || {
        err.chars().take(200).collect()
    })
}

fn wide_inline_choice() -> Result<(), String> {
    use g::hostile::Pick;
    // The inline choice reads the object as a whole before picking the option.
    let extra: Vec<String> = (0..100_000).map(|i| format!("\"m{i}\": {i}")).collect();
    let text = format!(r#"{{"kind": "second", "b": 1, {}}}"#, extra.join(","));
    let pick: Pick = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    ensure(matches!(pick, Pick::Second(_)), || format!("{pick:?}"))?;
    let text = format!(r#"{{{}, "kind": "nope"}}"#, extra.join(","));
    let err = error_of::<Pick>(&text)?;
    ensure(err.contains("unknown variant `nope`"), || err)
}
