//! Every example of every conformance sample reads into the sample's root type (through the
//! golden files) and writes back the same JSON, up to `null` versus absent and the encoding of
//! 64-bit integers (number or string). The hostile-names example does the same.

use std::path::{Path, PathBuf};

use jsonstruct_golden_build as g;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// `<shared>/conformance/samples/core/<sample>`, or `None` when it is missing: the sample's
/// test is recorded as not run (or fails under `JSONSTRUCT_REQUIRE_CORPUS`).
fn sample_dir(sample: &str) -> Option<PathBuf> {
    let path = format!("conformance/samples/core/{sample}");
    jsonstruct_test_support::corpus::open("golden_build_roundtrip", sample, &[&path], 1)
        .map(|shared| shared.join(path))
}

/// Reads every `example*.json` of `dir` into `T`, writes it back and compares.
fn round_trip_all<T>(dir: &Path) -> usize
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let mut count = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("example") && n.ends_with(".json"))
        })
        .collect();
    entries.sort();
    for path in entries {
        round_trip::<T>(&path);
        count += 1;
    }
    assert!(count > 0, "no examples in {}", dir.display());
    count
}

fn round_trip<T>(path: &Path)
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let text = std::fs::read_to_string(path).unwrap();
    let mut input: Value = serde_json::from_str(&text).unwrap();
    // A root `$schema` in an instance names the schema document; it is not data.
    if let Some(map) = input.as_object_mut() {
        map.remove("$schema");
    }
    let value: T = serde_json::from_value(input.clone())
        .unwrap_or_else(|e| panic!("{} does not deserialize: {e}", path.display()));
    // Through text, as a real writer would (`to_value` would widen `f32`s first).
    let written: Value = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
    if let Err(at) = same(&input, &written, String::new()) {
        panic!(
            "{} does not round-trip at {at}:\n in:  {input}\n out: {written}",
            path.display()
        );
    }
    let again: T = serde_json::from_value(written).unwrap();
    assert_eq!(again, value, "{}", path.display());
}

/// JSON equality up to `null` versus absent, numeric representation (`1` = `1.0`) and the
/// string form of integers (`"12"` = `12`).
fn same(a: &Value, b: &Value, at: String) -> Result<(), String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (k, v) in x {
                let here = format!("{at}/{k}");
                match y.get(k) {
                    Some(w) => same(v, w, here)?,
                    None if v.is_null() => {}
                    None => return Err(here),
                }
            }
            for (k, w) in y {
                if !x.contains_key(k) && !w.is_null() {
                    return Err(format!("{at}/{k} (added)"));
                }
            }
            Ok(())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (v, w)) in x.iter().zip(y).enumerate() {
                same(v, w, format!("{at}/{i}"))?;
            }
            Ok(())
        }
        (Value::Number(x), Value::Number(y)) => {
            let equal = match (x.as_i128(), y.as_i128()) {
                (Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            };
            if equal {
                Ok(())
            } else {
                Err(at)
            }
        }
        (Value::String(s), Value::Number(n)) | (Value::Number(n), Value::String(s))
            if s == &n.to_string() =>
        {
            Ok(())
        }
        _ if a == b => Ok(()),
        _ => Err(at),
    }
}

macro_rules! samples {
    ($($test:ident: $dir:literal => $root:ty;)*) => {
        $(
            #[test]
            fn $test() {
                if let Some(dir) = sample_dir($dir) {
                    round_trip_all::<$root>(&dir);
                }
            }
        )*
    };
}

samples! {
    basic_person: "01-basic-person" => g::s01_basic_person::Person;
    address: "02-address" => g::s02_address::Address;
    financial_types: "03-financial-types" => g::s03_financial_types::Invoice;
    datetime_examples: "04-datetime-examples" => g::s04_datetime_examples::Event;
    collections: "05-collections" => g::s05_collections::Catalog;
    tuples: "06-tuples" => g::s06_tuples::DataSet;
    unions: "07-unions" => g::s07_unions::ProcessingResult;
    namespaces: "08-namespaces" => g::s08_namespaces::CompanyDirectory;
    extensions: "09-extensions" => g::s09_extensions::Fleet;
    discriminated_unions: "10-discriminated-unions" => g::s10_discriminated_unions::PaymentTransaction;
    sets_and_maps: "11-sets-and-maps" => g::s11_sets_and_maps::Library;
    multiple_inheritance: "12-multiple-inheritance" => g::s12_multiple_inheritance::FlyingCar;
}

/// Add-in members land in the struct of the type the add-in extends.
#[test]
fn add_in_members_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../addins");
    assert_eq!(round_trip_all::<g::addins::Shipment>(&dir), 2);
    let text = std::fs::read_to_string(dir.join("example1.json")).unwrap();
    let shipment: g::addins::Shipment = serde_json::from_str(&text).unwrap();
    assert_eq!(
        shipment.ship_to.instructions.as_deref(),
        Some("Leave at the back door")
    );
    assert_eq!(shipment.ship_to.floor, Some(2));
    assert_eq!(shipment.tracking_number.as_deref(), Some("1Z999"));
    assert_eq!(
        shipment.uses.as_deref(),
        Some(&["DeliveryInstructions".to_owned(), "Tracking".to_owned()][..])
    );
}

#[test]
fn hostile_names_round_trip() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../hostile");
    round_trip_all::<g::hostile::Hostile>(&dir);
}

#[test]
fn hostile_values_keep_exact_wire_names() {
    use g::hostile::{Hostile, Values};
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../hostile/example1.json");
    let value: Hostile = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(value.r#type, "t");
    assert_eq!(value.self_.as_deref(), Some("lower"));
    assert_eq!(value.self_2, "upper");
    assert_eq!(value.user_id, "snake");
    assert_eq!(value.user_id_2.as_deref(), Some("camel"));
    assert_eq!(value.odd.as_deref(), Some("odd"));
    assert_eq!(value.empty.as_deref(), Some("empty"));
    assert_eq!(value.unicode.as_deref(), Some("unicode"));
    assert_eq!(value.value, Some(Values::AB3));
    assert!(value.additional_properties_2.contains_key("undeclared"));
    let wide = value.wide.as_ref().unwrap();
    assert_eq!(
        wide.list.as_deref(),
        Some(&[9007199254740993, i64::MIN][..])
    );
    assert_eq!(wide.big, Some(i128::MIN));
    assert_eq!(wide.ubig, Some(u128::MAX));
    assert_eq!(value.one.as_ref().unwrap().0 .0, 42);

    for (wire, variant) in [
        ("some-thing", Values::SomeThing),
        ("123abc", Values::Value123abc),
        ("a b", Values::AB),
        ("None", Values::None),
        ("", Values::Empty),
        ("unknown", Values::Unknown),
        ("Unknown", Values::Unknown2),
        ("Self", Values::Self_),
        ("a-b", Values::AB2),
        ("ü", Values::Value),
        ("new", Values::Other("new".to_owned())),
    ] {
        let json = serde_json::to_string(wire).unwrap();
        let read: Values = serde_json::from_str(&json).unwrap();
        assert_eq!(read, variant, "{wire:?}");
        assert_eq!(serde_json::to_string(&read).unwrap(), json);
    }
}

#[test]
fn wide_integers_accept_numbers_and_strings_and_reject_the_rest() {
    use g::hostile::Wide;
    let ok: Wide = serde_json::from_str(r#"{"list": [1, "2", -3, "-4"], "maybe": "5"}"#).unwrap();
    assert_eq!(ok.list.as_deref(), Some(&[1, 2, -3, -4][..]));
    assert_eq!(ok.maybe, Some(5));
    for bad in [
        r#"{"list": [1.5]}"#,
        r#"{"list": ["01"]}"#,
        r#"{"list": ["+1"]}"#,
        r#"{"list": ["1e3"]}"#,
        r#"{"list": ["9223372036854775808"]}"#,
        r#"{"set": [-1]}"#,
        r#"{"set": [1, "1"]}"#,
        r#"{"big": "x"}"#,
    ] {
        assert!(serde_json::from_str::<Wide>(bad).is_err(), "{bad}");
    }
    // Written as numbers (this golden uses the number encoding); 128-bit as strings.
    let w: Wide = serde_json::from_str(r#"{"map": {"a": "7"}, "big": 1, "extra": "8"}"#).unwrap();
    assert_eq!(
        serde_json::to_value(&w).unwrap(),
        serde_json::json!({"map": {"a": 7}, "big": "1", "extra": 8})
    );
}

#[test]
fn string_encoding_writes_64_bit_integers_as_strings() {
    use g::s07_unions::BinaryContent;
    let c: BinaryContent =
        serde_json::from_str(r#"{"data": "", "mimeType": "x", "size": 95}"#).unwrap();
    assert_eq!(serde_json::to_value(&c).unwrap()["size"], "95");
}

#[test]
fn choices_use_their_wire_forms() {
    use g::hostile::{Pick, PickSecond, Shape};
    let tagged: Shape = serde_json::from_str(r#"{"count": "3"}"#).unwrap();
    assert_eq!(tagged, Shape::Count(3));
    assert_eq!(
        serde_json::to_string(&Shape::Nothing(())).unwrap(),
        r#"{"nothing":null}"#
    );
    // The selector is also a property of the options: it is kept in their data.
    let pick: Pick = serde_json::from_str(r#"{"kind": "second", "b": 1}"#).unwrap();
    // Structs are non-exhaustive: built with `new` (no required members here), then set.
    let mut second = PickSecond::new();
    second.kind = Some("second".to_owned());
    second.b = Some(1);
    assert_eq!(pick, Pick::Second(second));
    let written = serde_json::to_value(Pick::Second(PickSecond::new())).unwrap();
    assert_eq!(written, serde_json::json!({"kind": "second"}));
    assert!(serde_json::from_str::<Pick>(r#"{"kind": "third"}"#).is_err());
    assert!(serde_json::from_str::<Pick>(r#"{"b": 1}"#).is_err());

    use g::s10_discriminated_unions::{InlineNotificationChoice, TaggedPaymentMethod};
    let n: InlineNotificationChoice = serde_json::from_str(
        r#"{"notificationType": "sms", "notificationId": "550e8400-e29b-41d4-a716-446655440000",
            "timestamp": "2023-11-13T16:20:15Z", "priority": "high", "recipient": "x",
            "message": "m", "phoneNumber": "1"}"#,
    )
    .unwrap();
    assert!(matches!(n, InlineNotificationChoice::Sms(_)));
    assert_eq!(serde_json::to_value(&n).unwrap()["notificationType"], "sms");
    let p: TaggedPaymentMethod =
        serde_json::from_str(r#"{"cash": {"receivedAmount": "1.00", "registerId": "r"}}"#).unwrap();
    assert!(matches!(p, TaggedPaymentMethod::Cash(_)));
}
