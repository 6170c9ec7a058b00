//! The format checks, on the strings the drafts and RFCs name as valid and invalid.

use jsonstruct_types::formats::*;

#[test]
fn dates() {
    for ok in ["2024-02-29", "2000-02-29", "1990-05-15", "0001-01-01"] {
        assert!(is_date(ok), "{ok}");
    }
    for bad in [
        "2023-02-29",
        "1900-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-1-5",
        "January 15, 1990",
        "2024-01-32",
        "2024-04-31",
        "２０２４-01-01",
    ] {
        assert!(!is_date(bad), "{bad}");
    }
}

#[test]
fn times_and_datetimes() {
    assert!(is_time("09:00:00", false));
    assert!(!is_time("09:00:00", true));
    assert!(is_time("10:00:00Z", true));
    assert!(is_time("10:00:00.5+01:00", true));
    assert!(is_time("23:59:60Z", true));
    for bad in [
        "9:00 AM",
        "24:00:00",
        "10:60:00",
        "10:00",
        "10:00:00+1:00",
        "10:00:00.Z",
        "10:00:00+24:00",
    ] {
        assert!(!is_time(bad, false), "{bad}");
    }
    assert!(is_datetime("2023-11-20T09:00:00-08:00"));
    assert!(is_datetime("2023-11-13T14:30:00Z"));
    assert!(is_datetime("2023-11-13t14:30:00.123z"));
    for bad in [
        "2024-02-30T25:61:99Z",
        "not-a-datetime",
        "2023-11-13T14:30:00",
        "2023-11-13 14:30:00Z",
    ] {
        assert!(!is_datetime(bad), "{bad}");
    }
}

#[test]
fn durations() {
    for ok in [
        "PT1H",
        "PT2.5S",
        "P1Y2M3DT4H5M6S",
        "P3W",
        "P1D",
        "PT0.8S",
        "P1Y3D",
        "PT1M",
        "P0D",
        "P1.5Y",
    ] {
        assert!(is_duration(ok), "{ok}");
    }
    for bad in [
        "P", "PT", "1 hour", "P1H", "PT1D", "P1W2D", "P1M1Y", "PT1.5H2M", "P1YT", "P-1D", "P1.Y",
        "p1d",
    ] {
        assert!(!is_duration(bad), "{bad}");
    }
}

#[test]
fn uuids() {
    assert!(is_uuid("550e8400-e29b-41d4-a716-446655440000"));
    assert!(is_uuid("550E8400-E29B-41D4-A716-446655440000"));
    assert!(!is_uuid("not-a-valid-uuid"));
    assert!(!is_uuid("550e8400e29b41d4a716446655440000"));
    assert!(!is_uuid("550e8400-e29b-41d4-a716-44665544000g"));
}

#[test]
fn uris() {
    for ok in [
        "https://example.com/path?query=value#fragment",
        "foo/bar",
        "../x",
        "#frag",
        "",
        "urn:isbn:0451450523",
        "mailto:a@b.c",
        "http://[::1]:8080/",
        "http://user:pw@host:80/p%20q",
        "also:not:valid",
    ] {
        assert!(is_uri_reference(ok), "{ok}");
    }
    for bad in [
        "not a uri at all",
        "http://exa mple.com",
        "%zz",
        "http://host:port/",
        "a:b c",
        "x#y#z",
        "http://[::1/",
        "1a:b",
    ] {
        assert!(!is_uri_reference(bad), "{bad}");
    }
    assert!(is_uri("https://a.b"));
    assert!(!is_uri("foo/bar"));
    assert!(is_iri("https://例え.jp/パス"));
    assert!(!is_uri("https://例え.jp/"));
}

#[test]
fn pointers() {
    assert!(is_json_pointer(""));
    assert!(is_json_pointer("/a~0b/~1"));
    assert!(!is_json_pointer("a"));
    assert!(!is_json_pointer("/~2"));
    assert!(is_relative_json_pointer("0#"));
    assert!(is_relative_json_pointer("1/a"));
    assert!(!is_relative_json_pointer("01/a"));
    assert!(!is_relative_json_pointer("/a"));
}

#[test]
fn numbers_as_text() {
    assert!(is_integer_text("-9223372036854775808", true));
    assert!(!is_integer_text("-1", false));
    assert!(!is_integer_text("01", true));
    assert!(!is_integer_text("+1", true));
    assert!(!is_integer_text("1e5", true));
    assert!(!is_integer_text("", true));
    assert!(is_decimal_text("0.0825"));
    assert!(is_decimal_text("-12"));
    assert!(!is_decimal_text("1."));
    assert!(!is_decimal_text(".5"));
    assert!(!is_decimal_text("1e5"));
    assert!(!is_decimal_text("not-a-number"));
}

#[test]
fn binary_encodings() {
    use Encoding::*;
    assert!(Base64.is_valid("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="));
    assert!(Base64.is_valid(""));
    assert!(Base64.is_valid("Zg=="));
    assert!(Base64.is_valid("Zm8="));
    assert!(!Base64.is_valid("Zg"));
    assert!(!Base64.is_valid("Zg==="));
    assert!(!Base64.is_valid("Z==="));
    assert!(!Base64.is_valid("Zm9v YmFy"));
    assert!(Base64Url.is_valid("Zm9v-_8"));
    assert!(!Base64Url.is_valid("Zm9v+/8="));
    assert!(Base16.is_valid("DEADbeef"));
    assert!(!Base16.is_valid("ABC"));
    assert!(Base32.is_valid("MZXW6==="));
    assert!(!Base32.is_valid("mzxw6==="));
    assert!(Base32Hex.is_valid("CPNMU==="));
}

#[test]
fn network_formats() {
    assert!(is_ipv4("192.168.1.100"));
    assert!(!is_ipv4("256.1.1.1"));
    assert!(!is_ipv4("01.1.1.1"));
    assert!(is_ipv6("8a1c:ae84:cd0b:daad:9ab5:1e4e:cabc:d1c1"));
    assert!(is_hostname("example.com", false));
    assert!(!is_hostname("-bad.com", false));
    assert!(is_hostname("bücher.de", true));
    assert!(!is_hostname("bücher.de", false));
    assert!(is_email("test@example.com", false));
    assert!(!is_email("not@an@email@address", false));
    assert!(!is_email("a..b@example.com", false));
    assert!(is_uri_template("https://x/{id}/y{?q}"));
    assert!(!is_uri_template("https://x/{id"));
}
