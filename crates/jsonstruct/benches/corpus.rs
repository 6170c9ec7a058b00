//! A deterministic corpus of realistic Clerk Session payloads for the benchmarks: millisecond
//! timestamps, some with `latest_activity`, a few with `actor` and `tasks`, about 5% invalid.

use serde_json::{json, Value};

/// xorshift64*: deterministic, dependency-free.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn ksuid(&mut self, prefix: &str) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let body: String = (0..27)
            .map(|_| ALPHABET[self.below(62) as usize] as char)
            .collect();
        format!("{prefix}_{body}")
    }
}

const STATUSES: &[&str] = &[
    "active", "active", "active", "ended", "expired", "revoked", "removed", "pending",
];
const BROWSERS: &[(&str, &str)] = &[
    ("Chrome", "128.0.0.0"),
    ("Safari", "17.3"),
    ("Firefox", "131.0"),
    ("Edge", "127.0.2651.98"),
];
const PLACES: &[(&str, &str)] = &[
    ("Asbury Park", "US"),
    ("Lisbon", "PT"),
    ("Berlin", "DE"),
    ("San Francisco", "US"),
    ("Tokyo", "JP"),
];

/// One valid Session.
pub fn session(rng: &mut Rng) -> Value {
    let created = 1_700_000_000_000u64 + rng.below(60_000_000_000);
    let last = created + rng.below(86_400_000);
    let mut s = json!({
        "object": "session",
        "id": rng.ksuid("sess"),
        "user_id": rng.ksuid("user"),
        "client_id": rng.ksuid("client"),
        "status": STATUSES[rng.below(STATUSES.len() as u64) as usize],
        "last_active_at": last,
        "expire_at": created + 604_800_000,
        "abandon_at": created + 2_592_000_000,
        "updated_at": last + rng.below(1000),
        "created_at": created,
    });
    let m = s.as_object_mut().expect("object");
    if rng.chance(60) {
        m.insert("actor".into(), Value::Null);
    }
    if rng.chance(50) {
        m.insert(
            "last_active_organization_id".into(),
            json!(rng.ksuid("org")),
        );
    } else if rng.chance(50) {
        m.insert("last_active_organization_id".into(), Value::Null);
    }
    if rng.chance(45) {
        let (browser, version) = BROWSERS[rng.below(BROWSERS.len() as u64) as usize];
        let (city, country) = PLACES[rng.below(PLACES.len() as u64) as usize];
        let ip = format!(
            "{}.{}.{}.{}",
            rng.below(223) + 1,
            rng.below(256),
            rng.below(256),
            rng.below(256)
        );
        m.insert(
            "latest_activity".into(),
            json!({
                "object": "session_activity",
                "id": rng.ksuid("sess_activity"),
                "device_type": "Macintosh",
                "is_mobile": rng.chance(30),
                "browser_name": browser,
                "browser_version": version,
                "ip_address": ip,
                "city": city,
                "country": country,
            }),
        );
    }
    if rng.chance(5) {
        m.insert(
            "actor".into(),
            json!({"sub": rng.ksuid("user"), "iss": "https://dashboard.clerk.com", "sid": rng.ksuid("sess")}),
        );
    }
    if rng.chance(10) {
        let keys = ["choose-organization", "reset-password", "setup-mfa"];
        let n = rng.below(3) as usize + 1;
        let tasks: Vec<Value> = (0..n).map(|i| json!({"key": keys[i]})).collect();
        m.insert("tasks".into(), Value::Array(tasks));
    }
    s
}

/// Breaks a valid Session in one of the ways real drift does.
pub fn corrupt(rng: &mut Rng, s: &mut Value) {
    let m = s.as_object_mut().expect("object");
    match rng.below(6) {
        0 => {
            m.remove("created_at");
        }
        1 => {
            m.insert("status".into(), json!("suspended"));
        }
        2 => {
            m.insert("expire_at".into(), json!(1.7e12 + 0.5));
        }
        3 => {
            m.insert("user".into(), json!({"id": "user_x"}));
        }
        4 => {
            m.insert("object".into(), json!("client"));
        }
        _ => {
            m.insert("last_active_at".into(), json!("yesterday"));
        }
    }
}

/// `n` compact payloads, about 5% invalid. Returns the payloads and how many are valid.
pub fn payloads(n: usize, seed: u64) -> (Vec<Vec<u8>>, usize) {
    let mut rng = Rng::new(seed);
    let mut valid = 0;
    let out = (0..n)
        .map(|_| {
            let mut s = session(&mut rng);
            if rng.chance(5) {
                corrupt(&mut rng, &mut s);
            } else {
                valid += 1;
            }
            serde_json::to_vec(&s).expect("serialize")
        })
        .collect();
    (out, valid)
}
