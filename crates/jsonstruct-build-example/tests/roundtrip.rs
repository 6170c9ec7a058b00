//! The types `build.rs` generated, on real payloads: every payload in `tests/payloads/` is valid
//! for its schema (checked by the validator), reads into its type and writes back the same
//! JSON; bad payloads fail the same way in both; values built in code with `new` are what the
//! schema expects.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use jsonstruct::{Options, Schema, Validator};
use jsonstruct_build_example::shop::customer::Customer;
use jsonstruct_build_example::shop::order::{
    Delivery, DeliveryCourier, DeliveryPickup, Line, Order, OrderStatus,
};
use jsonstruct_types::{DateTime, Decimal, Set, Uuid};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_owned()
}

/// The validator for a schema of this crate, with 64-bit integers as numbers (as generated).
fn validator(schema: &str) -> Validator {
    let schema = Schema::from_path(dir().join("schemas").join(schema)).expect("the schema loads");
    Validator::with_options(&schema, Options::default().int64_numbers(true)).expect("compiles")
}

/// Reads `text` as `T`, writes it back and compares the JSON.
fn round_trip<T: DeserializeOwned + Serialize>(text: &str) -> T {
    let value: T = serde_json::from_str(text).expect("reads");
    let written: Value = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
    let input: Value = serde_json::from_str(text).unwrap();
    assert_eq!(written, input);
    value
}

#[test]
fn every_payload_is_valid_reads_and_writes_back_unchanged() {
    let orders = validator("order.struct.json");
    let customers = validator("customer.struct.json");
    let mut seen = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir().join("tests/payloads"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with("order") {
            assert!(orders.is_valid(text.as_bytes()), "{name}");
            round_trip::<Order>(&text);
        } else {
            assert!(customers.is_valid(text.as_bytes()), "{name}");
            round_trip::<Customer>(&text);
        }
        seen += 1;
    }
    assert_eq!(seen, 3);
}

#[test]
fn exact_values_survive() {
    let text = std::fs::read_to_string(dir().join("tests/payloads/order-courier.json")).unwrap();
    let order: Order = serde_json::from_str(&text).unwrap();
    // Beyond 2^53: a float would have made it ...992.
    assert_eq!(order.created_millis, 9_007_199_254_740_993);
    assert_eq!(order.total.as_str(), "1250.00");
    assert_eq!(order.placed_at.as_str(), "2024-05-02T18:05:09.250+02:00");
    assert_eq!(order.tags.as_ref().map(Set::len), Some(2));
    let Delivery::Courier(courier) = &order.delivery else {
        panic!("{:?}", order.delivery);
    };
    assert_eq!(
        courier.tracking_url.as_ref().map(|u| u.as_str()),
        Some("https://track.example.com/p/123?lang=de")
    );
    let customer: Customer = serde_json::from_str(
        &std::fs::read_to_string(dir().join("tests/payloads/customer.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(customer.loyalty_points, Some(u64::MAX));
}

#[test]
fn bad_payloads_fail_in_the_validator_and_in_the_types() {
    let orders = validator("order.struct.json");
    let good = std::fs::read_to_string(dir().join("tests/payloads/order-courier.json")).unwrap();
    for (what, bad) in [
        ("a repeated tag", good.replace("\"express\"", "\"gift\"")),
        (
            "a day that does not exist",
            good.replace("2024-05-02", "2024-02-30"),
        ),
        (
            "a float for an integer",
            good.replace("9007199254740993", "1.5"),
        ),
        (
            "a decimal as a number",
            good.replace("\"1250.00\"", "1250.00"),
        ),
        (
            "a uuid that is not one",
            good.replace("0f8fad5b-", "0f8fad5b"),
        ),
        (
            "a choice that does not exist",
            good.replace("\"courier\"", "\"drone\""),
        ),
        (
            "a negative quantity",
            good.replace("\"quantity\": 2", "\"quantity\": -2"),
        ),
    ] {
        assert_ne!(bad, good, "{what}: the edit did not apply");
        assert!(
            !orders.is_valid(bad.as_bytes()),
            "the validator accepts {what}"
        );
        assert!(
            serde_json::from_str::<Order>(&bad).is_err(),
            "the types accept {what}"
        );
    }
    // The one deliberate difference: a status this version does not know is reported by the
    // validator (CI notices the drift) but kept by the types (production keeps working).
    let new_status = good.replace("\"shipped\"", "\"returned\"");
    assert!(!orders.is_valid(new_status.as_bytes()));
    let order: Order = round_trip(&new_status);
    assert_eq!(order.status, OrderStatus::Unknown("returned".to_owned()));
}

#[test]
fn values_built_with_new_are_valid() {
    let orders = validator("order.struct.json");
    let lines = vec![Line::new(
        "978-0-262-51087-5".to_owned(),
        3,
        Decimal::new("9.99").unwrap(),
    )];
    let mut order = Order::new(
        Uuid::new("7d444840-9dc0-11d1-b245-5ffdce74fad2").unwrap(),
        DateTime::new("2024-05-01T09:30:00Z").unwrap(),
        OrderStatus::Placed,
        Decimal::new("29.97").unwrap(),
        1_714_555_800_000,
        lines,
        Delivery::Pickup(DeliveryPickup::new("Leipzig".to_owned())),
    );
    assert_eq!(order.tags, None);
    let json = serde_json::to_vec(&order).unwrap();
    assert!(orders.is_valid(&json), "{}", String::from_utf8_lossy(&json));
    // Optional members are set afterwards.
    order.tags = Some(["gift".to_owned()].into_iter().collect());
    let mut courier = DeliveryCourier::new("Augustusplatz 10".to_owned());
    courier.tracking_url = Some("https://track.example.com/1".parse().unwrap());
    order.delivery = Delivery::Courier(courier);
    let json = serde_json::to_vec(&order).unwrap();
    assert!(orders.is_valid(&json), "{}", String::from_utf8_lossy(&json));

    // `kind` has a `const`: `new` fills it in.
    let customers = validator("customer.struct.json");
    let customer = Customer::new(
        Uuid::new("c56a4180-65aa-42ec-a945-5fd21dec0538").unwrap(),
        "Ada".to_owned(),
    );
    assert_eq!(customer.kind, "customer");
    assert!(customers.is_valid(&serde_json::to_vec(&customer).unwrap()));
}

#[test]
fn the_extra_derives_apply() {
    // build.rs asked for Eq and Hash: orders go in a HashSet.
    let text = std::fs::read_to_string(dir().join("tests/payloads/order-pickup.json")).unwrap();
    let a: Order = serde_json::from_str(&text).unwrap();
    let b = a.clone();
    let set: HashSet<Order> = [a, b].into_iter().collect();
    assert_eq!(set.len(), 1);
}
