//! The text types: checked on the way in, kept exactly, written back unchanged.

use jsonstruct_types::{
    Binary, BinaryBase16, Date, DateTime, Decimal, Duration, InvalidValue, JsonPointer, Time, Uri,
    Uuid,
};

#[test]
fn text_types_check_their_values() {
    assert!(serde_json::from_str::<Date>(r#""2024-02-30""#).is_err());
    assert_eq!(
        serde_json::from_str::<Date>(r#""2024-02-29""#)
            .unwrap()
            .as_str(),
        "2024-02-29"
    );
    assert!(Decimal::new("1e5").is_err());
    assert_eq!(Decimal::new("1250.00").unwrap().to_string(), "1250.00");
    assert!("not-a-uuid".parse::<Uuid>().is_err());
    // A decimal is a string on the wire; a JSON number would have lost its text already.
    assert!(serde_json::from_str::<Decimal>("1.5").is_err());
    assert!(Time::new("09:00:00").is_ok());
    assert!(DateTime::new("2024-05-01T09:00:00").is_err());
    assert!(Duration::new("P1W2D").is_err());
    assert!(Uri::new("http://exa mple.com").is_err());
    assert!(JsonPointer::new("/a~2").is_err());
    assert!(Binary::new("Zg").is_err());
    assert!(BinaryBase16::new("DEADbeef").is_ok());
}

#[test]
fn values_write_back_their_exact_text() {
    for text in [r#""0.10""#, r#""-12""#, r#""1250.00""#] {
        let d: Decimal = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), text);
    }
    let t: DateTime = serde_json::from_str(r#""2023-11-13t14:30:00.123z""#).unwrap();
    assert_eq!(t.into_string(), "2023-11-13t14:30:00.123z");
}

#[test]
fn errors_name_the_type_and_the_text() {
    let err: InvalidValue = Date::new("2024-13-01").unwrap_err();
    assert_eq!(err.kind(), "date");
    assert_eq!(err.text(), "2024-13-01");
    assert_eq!(err.to_string(), r#"invalid date: "2024-13-01""#);
    let err = serde_json::from_str::<Uuid>(r#""x""#).unwrap_err();
    assert!(err.to_string().contains(r#"invalid uuid: "x""#), "{err}");
    let err = serde_json::from_str::<Date>("20240101").unwrap_err();
    assert!(err.to_string().contains("a date string"), "{err}");
}

#[test]
fn a_five_megabyte_decimal_is_read_in_one_pass() {
    // The checks are single scans: a hostile multi-megabyte value costs its length.
    let text = format!("\"{}.{}\"", "9".repeat(2_500_000), "1".repeat(2_500_000));
    let d: Decimal = serde_json::from_str(&text).unwrap();
    assert_eq!(d.as_str().len(), 5_000_001);
    let bad = format!("\"{}x\"", "1".repeat(5_000_000));
    assert!(serde_json::from_str::<Decimal>(&bad).is_err());
}
