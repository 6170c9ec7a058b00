//! Deterministic corpora of Clerk Session payloads for the benchmarks, with the variety real
//! streams have, each axis selectable: member order (declaration, alphabetical, shuffled),
//! optional members (absent, `null`, present), the share of `latest_activity`, `actor` with
//! nested claims, `tasks`, text (ASCII, raw non-ASCII, `\u` and `\/` escapes), id lengths,
//! 64-bit timestamps as numbers or strings, and an invalid share that cycles through every
//! kind of defect (rule violations and malformed JSON).
//!
//! Payloads are written by a small serializer of our own (not `serde_json`), because the
//! member order and the escaping are what the variants are about.

#![allow(dead_code)]

use std::fmt::Write as _;

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

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn id(&mut self, prefix: &str, ids: Ids) -> String {
        const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        let len = match ids {
            Ids::Short => 4 + self.below(8) as usize,
            Ids::Ksuid => 27,
            Ids::Long => 60 + self.below(40) as usize,
        };
        let body: String = (0..len)
            .map(|_| ALPHABET[self.below(62) as usize] as char)
            .collect();
        format!("{prefix}_{body}")
    }
}

/// The order members are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// The schema's declaration order (Clerk's Backend API).
    Declaration,
    /// Sorted by name (the webhook catalog, and every `BTreeMap` serializer).
    Alphabetical,
    /// A new random order in every object.
    Shuffled,
}

/// How optional members that a payload does not fill appear.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optional {
    /// Left out (old payloads).
    Absent,
    /// Written as `null` (new payloads).
    Null,
    /// Every optional member filled with a value.
    Present,
    /// Each one absent, `null` or present at random.
    Mixed,
}

/// How strings are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text {
    /// ASCII places and browsers.
    Ascii,
    /// Non-ASCII places and user agents, as raw UTF-8.
    Unicode,
    /// The same text with every non-ASCII character as a `\u` escape (surrogate pairs beyond
    /// the BMP) and `/` as `\/`, as PHP and Python write JSON by default; quotes in user agents.
    Escaped,
}

/// Lengths of the ids after their prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ids {
    /// 4 to 11 characters.
    Short,
    /// 27 characters (a KSUID, what Clerk sends).
    Ksuid,
    /// 60 to 99 characters.
    Long,
}

/// One point of the variety: what a corpus looks like.
#[derive(Clone, Copy, Debug)]
pub struct Profile {
    pub order: Order,
    pub optional: Optional,
    /// Share (%) of payloads with a `latest_activity` object (under `Optional::Present`: all).
    pub activity: u64,
    /// Share (%) of payloads whose `actor` is an object with nested claims.
    pub actor: u64,
    /// Share (%) of payloads with a non-empty `tasks` array.
    pub tasks: u64,
    pub text: Text,
    pub ids: Ids,
    /// Share (%) of payloads whose timestamps are decimal strings (the spec's int64 form).
    pub int64_strings: u64,
    /// Share (%) of invalid payloads; their defects cycle through [`DEFECTS`].
    pub invalid: u64,
}

impl Profile {
    /// Clerk's Backend API today: declaration order, optional members mixed, some activity,
    /// a few actors and tasks, ASCII text, KSUIDs, numeric timestamps, all valid.
    pub const BASE: Profile = Profile {
        order: Order::Declaration,
        optional: Optional::Mixed,
        activity: 45,
        actor: 5,
        tasks: 10,
        text: Text::Ascii,
        ids: Ids::Ksuid,
        int64_strings: 0,
        invalid: 0,
    };
}

/// A named corpus of the benchmark table.
pub struct Variant {
    pub name: &'static str,
    /// What differs from [`Profile::BASE`].
    pub what: &'static str,
    pub profile: Option<Profile>,
}

/// The variants, one per value of each axis (besides the base), then the mix: every payload
/// drawn from a random variant, 5% invalid.
pub fn variants() -> Vec<Variant> {
    let b = Profile::BASE;
    let v = |name, what, profile| Variant {
        name,
        what,
        profile: Some(profile),
    };
    vec![
        v("declaration", "base: declaration order, optional mixed", b),
        v(
            "alphabetical",
            "members sorted by name",
            Profile {
                order: Order::Alphabetical,
                ..b
            },
        ),
        v(
            "shuffled",
            "members in random order",
            Profile {
                order: Order::Shuffled,
                ..b
            },
        ),
        v(
            "optional-absent",
            "optional members left out",
            Profile {
                optional: Optional::Absent,
                ..b
            },
        ),
        v(
            "optional-null",
            "optional members null",
            Profile {
                optional: Optional::Null,
                ..b
            },
        ),
        v(
            "optional-present",
            "every optional member filled",
            Profile {
                optional: Optional::Present,
                ..b
            },
        ),
        v(
            "activity-0",
            "no latest_activity",
            Profile { activity: 0, ..b },
        ),
        v(
            "activity-100",
            "latest_activity in every payload",
            Profile { activity: 100, ..b },
        ),
        v(
            "actor-claims",
            "actor with nested claims in every payload",
            Profile { actor: 100, ..b },
        ),
        v(
            "tasks",
            "1-3 tasks in every payload",
            Profile { tasks: 100, ..b },
        ),
        v(
            "unicode",
            "non-ASCII text as UTF-8, latest_activity always",
            Profile {
                text: Text::Unicode,
                activity: 100,
                ..b
            },
        ),
        v(
            "escaped",
            "\\u and \\/ escapes, latest_activity always",
            Profile {
                text: Text::Escaped,
                activity: 100,
                ..b
            },
        ),
        v(
            "ids-short",
            "ids of 4-11 characters",
            Profile {
                ids: Ids::Short,
                ..b
            },
        ),
        v(
            "ids-long",
            "ids of 60-99 characters",
            Profile {
                ids: Ids::Long,
                ..b
            },
        ),
        v(
            "int64-strings",
            "timestamps as decimal strings",
            Profile {
                int64_strings: 100,
                ..b
            },
        ),
        v(
            "invalid",
            "every payload invalid, all defect kinds",
            Profile { invalid: 100, ..b },
        ),
        Variant {
            name: "mix",
            what: "each payload from a random variant, 5% invalid",
            profile: None,
        },
    ]
}

/// `n` payloads of a variant (the mix when `profile` is `None`). Returns the payloads and how
/// many are valid.
pub fn corpus(profile: Option<Profile>, n: usize, seed: u64) -> (Vec<Vec<u8>>, usize) {
    let mut rng = Rng::new(seed);
    let all: Vec<Profile> = variants()
        .into_iter()
        .filter_map(|v| v.profile)
        .filter(|p| p.invalid < 100)
        .collect();
    let mut valid = 0;
    let mut defect = rng.below(DEFECTS.len() as u64) as usize;
    let out = (0..n)
        .map(|_| {
            let p = match profile {
                Some(p) => p,
                None => Profile {
                    invalid: 5,
                    ..*rng.pick(&all)
                },
            };
            let s = session(&mut rng, &p);
            if rng.chance(p.invalid) {
                defect = (defect + 1) % DEFECTS.len();
                DEFECTS[defect].1(&mut rng, s, &p)
            } else {
                valid += 1;
                write(&s, &p, &mut rng)
            }
        })
        .collect();
    (out, valid)
}

/// The corpus of the earlier benchmarks (and of the NDJSON benchmark): the mix.
pub fn payloads(n: usize, seed: u64) -> (Vec<Vec<u8>>, usize) {
    corpus(None, n, seed)
}

// ---------------------------------------------------------------------------------- values

/// A JSON value with its members in the order they will be written (declaration order; the
/// writer reorders).
#[derive(Clone, Debug)]
pub enum J {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
    /// Bytes written verbatim (for malformed payloads).
    Raw(Vec<u8>),
}

impl J {
    fn obj(members: Vec<(&str, J)>) -> J {
        J::Obj(
            members
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
        )
    }

    fn s(text: impl Into<String>) -> J {
        J::Str(text.into())
    }

    fn members(&mut self) -> &mut Vec<(String, J)> {
        match self {
            J::Obj(m) => m,
            _ => unreachable!("a Session is an object"),
        }
    }

    fn set(&mut self, key: &str, value: J) {
        let m = self.members();
        match m.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => m.push((key.to_owned(), value)),
        }
    }

    fn remove(&mut self, key: &str) {
        self.members().retain(|(k, _)| k != key);
    }

    fn get_mut(&mut self, key: &str) -> Option<&mut J> {
        self.members()
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }
}

const STATUSES: &[&str] = &[
    "active",
    "active",
    "active",
    "ended",
    "expired",
    "revoked",
    "removed",
    "pending",
    "abandoned",
    "replaced",
];
const BROWSERS: &[(&str, &str)] = &[
    ("Chrome", "128.0.0.0"),
    ("Safari", "17.3"),
    ("Firefox", "131.0"),
    ("Edge", "127.0.2651.98"),
];
const DEVICES: &[&str] = &["Macintosh", "Windows", "iPhone", "Android", "Linux"];
const PLACES: &[(&str, &str)] = &[
    ("Asbury Park", "US"),
    ("Lisbon", "PT"),
    ("Berlin", "DE"),
    ("San Francisco", "US"),
    ("Tokyo", "JP"),
];
const PLACES_UNICODE: &[(&str, &str)] = &[
    ("São Paulo", "BR"),
    ("Zürich", "CH"),
    ("Kraków", "PL"),
    ("東京", "JP"),
    ("Москва", "RU"),
    ("Reykjavík", "IS"),
    ("서울", "KR"),
    ("Αθήνα", "GR"),
];
const AGENTS: &[&str] = &[
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0 \"Nightly\" — café ✓ 🚀",
];
const TASK_KEYS: &[&str] = &["choose-organization", "reset-password", "setup-mfa"];

/// One valid Session in declaration order.
pub fn session(rng: &mut Rng, p: &Profile) -> J {
    let created = 1_700_000_000_000i128 + rng.below(60_000_000_000) as i128;
    let last = created + rng.below(86_400_000) as i128;
    let strings = rng.chance(p.int64_strings);
    let ts = |t: i128| {
        if strings {
            J::Str(t.to_string())
        } else {
            J::Int(t)
        }
    };
    // Optional members: absent (None), null, or filled.
    let optional = |rng: &mut Rng, share: u64, fill: &mut dyn FnMut(&mut Rng) -> J| {
        let filled = match p.optional {
            Optional::Present => true,
            _ => rng.chance(share),
        };
        if filled {
            return Some(fill(rng));
        }
        match p.optional {
            Optional::Absent => None,
            Optional::Null | Optional::Present => Some(J::Null),
            Optional::Mixed => rng.chance(50).then_some(J::Null),
        }
    };
    let ids = p.ids;
    let text = p.text;
    let actor = optional(rng, p.actor, &mut |rng| actor(rng, ids, text));
    let org = optional(rng, 50, &mut |rng| J::Str(rng.id("org", ids)));
    let activity = optional(rng, p.activity, &mut |rng| activity(rng, ids, text));
    let tasks = optional(rng, p.tasks, &mut |rng| {
        let n = rng.below(3) as usize + 1;
        J::Arr(
            (0..n)
                .map(|i| J::obj(vec![("key", J::s(TASK_KEYS[i]))]))
                .collect(),
        )
    });
    let mut m: Vec<(&str, J)> = vec![
        ("object", J::s("session")),
        ("id", J::Str(rng.id("sess", ids))),
        ("user_id", J::Str(rng.id("user", ids))),
        ("client_id", J::Str(rng.id("client", ids))),
    ];
    if let Some(a) = actor {
        m.push(("actor", a));
    }
    m.push(("status", J::s(*rng.pick(STATUSES))));
    if let Some(o) = org {
        m.push(("last_active_organization_id", o));
    }
    m.push(("last_active_at", ts(last)));
    if let Some(a) = activity {
        m.push(("latest_activity", a));
    }
    m.push(("expire_at", ts(created + 604_800_000)));
    m.push(("abandon_at", ts(created + 2_592_000_000)));
    m.push(("updated_at", ts(last + rng.below(1000) as i128)));
    m.push(("created_at", ts(created)));
    if let Some(t) = tasks {
        m.push(("tasks", t));
    }
    J::obj(m)
}

fn activity(rng: &mut Rng, ids: Ids, text: Text) -> J {
    let (browser, version) = *rng.pick(BROWSERS);
    let (city, country) = match text {
        Text::Ascii => *rng.pick(PLACES),
        _ => *rng.pick(PLACES_UNICODE),
    };
    let device = match text {
        Text::Ascii => J::s(*rng.pick(DEVICES)),
        _ => J::s(*rng.pick(AGENTS)),
    };
    let ip = format!(
        "{}.{}.{}.{}",
        rng.below(223) + 1,
        rng.below(256),
        rng.below(256),
        rng.below(256)
    );
    J::obj(vec![
        ("object", J::s("session_activity")),
        ("id", J::Str(rng.id("sess_activity", ids))),
        ("device_type", device),
        ("is_mobile", J::Bool(rng.chance(30))),
        ("browser_name", J::s(browser)),
        ("browser_version", J::s(version)),
        ("ip_address", J::Str(ip)),
        ("city", J::s(city)),
        ("country", J::s(country)),
    ])
}

/// An impersonation or agent actor with the claims Clerk may add (kept: the schema allows
/// additional members), nested objects and arrays among them.
fn actor(rng: &mut Rng, ids: Ids, text: Text) -> J {
    let name = match text {
        Text::Ascii => "Support Agent",
        _ => "Agent Müller — サポート",
    };
    let mut m = vec![
        ("sub", J::Str(rng.id("user", ids))),
        ("iss", J::s("https://dashboard.clerk.com")),
        ("sid", J::Str(rng.id("sess", ids))),
    ];
    if rng.chance(50) {
        m.push(("type", J::s("agent")));
    }
    m.push((
        "claims",
        J::obj(vec![
            ("name", J::s(name)),
            ("email", J::s("support@example.com")),
            ("roles", J::Arr(vec![J::s("admin"), J::s("support")])),
            (
                "org",
                J::obj(vec![
                    ("id", J::Str(rng.id("org", ids))),
                    ("slug", J::s("acme-inc")),
                    (
                        "permissions",
                        J::Arr(vec![J::s("org:sys_memberships:read")]),
                    ),
                ]),
            ),
            ("iat", J::Int(1_746_645_421)),
            ("scope", J::Null),
        ]),
    ));
    J::obj(m)
}

// ---------------------------------------------------------------------------------- defects

type Defect = fn(&mut Rng, J, &Profile) -> Vec<u8>;

/// Every kind of defect an invalid payload gets, in turn: rule violations in every part of
/// the Session, and malformed JSON.
pub const DEFECTS: &[(&str, Defect)] = &[
    ("required member missing", |r, mut s, p| {
        s.remove("created_at");
        write(&s, p, r)
    }),
    ("unknown status", |r, mut s, p| {
        s.set("status", J::s("suspended"));
        write(&s, p, r)
    }),
    ("timestamp with a fraction", |r, mut s, p| {
        s.set("expire_at", J::Float(1.7e12 + 0.5));
        write(&s, p, r)
    }),
    ("timestamp beyond int64", |r, mut s, p| {
        s.set("abandon_at", J::Int(9_223_372_036_854_775_808));
        write(&s, p, r)
    }),
    ("timestamp as a word", |r, mut s, p| {
        s.set("last_active_at", J::s("yesterday"));
        write(&s, p, r)
    }),
    ("undeclared member", |r, mut s, p| {
        s.set("user", J::obj(vec![("id", J::s("user_x"))]));
        write(&s, p, r)
    }),
    ("wrong const", |r, mut s, p| {
        s.set("object", J::s("client"));
        write(&s, p, r)
    }),
    ("id as a number", |r, mut s, p| {
        s.set("id", J::Int(42));
        write(&s, p, r)
    }),
    ("organization id as a boolean", |r, mut s, p| {
        s.set("last_active_organization_id", J::Bool(true));
        write(&s, p, r)
    }),
    ("activity without is_mobile", |r, mut s, p| {
        let a = activity(r, p.ids, p.text);
        s.set("latest_activity", a);
        if let Some(J::Obj(m)) = s.get_mut("latest_activity") {
            m.retain(|(k, _)| k != "is_mobile");
        }
        write(&s, p, r)
    }),
    ("activity with is_mobile as text", |r, mut s, p| {
        let a = activity(r, p.ids, p.text);
        s.set("latest_activity", a);
        if let Some(a) = s.get_mut("latest_activity") {
            a.set("is_mobile", J::s("false"));
        }
        write(&s, p, r)
    }),
    ("actor without sub", |r, mut s, p| {
        s.set(
            "actor",
            J::obj(vec![("iss", J::s("https://dashboard.clerk.com"))]),
        );
        write(&s, p, r)
    }),
    ("tasks as an object", |r, mut s, p| {
        s.set("tasks", J::obj(vec![("key", J::s("setup-mfa"))]));
        write(&s, p, r)
    }),
    ("task without key", |r, mut s, p| {
        s.set(
            "tasks",
            J::Arr(vec![J::obj(vec![("name", J::s("setup-mfa"))])]),
        );
        write(&s, p, r)
    }),
    ("several defects at once", |r, mut s, p| {
        s.remove("client_id");
        s.set("status", J::s("SUSPENDED"));
        s.set("updated_at", J::Float(-1.0));
        s.set("extra", J::Arr(vec![J::Int(1), J::Int(2)]));
        write(&s, p, r)
    }),
    ("duplicate member", |r, mut s, p| {
        s.members().push(("status".into(), J::s("active")));
        write(&s, p, r)
    }),
    ("an array, not an object", |r, s, p| {
        let mut out = b"[".to_vec();
        out.extend(write(&s, p, r));
        out.push(b']');
        out
    }),
    ("truncated", |r, s, p| {
        let mut out = write(&s, p, r);
        let cut = out.len() / 2 + r.below(out.len() as u64 / 3) as usize;
        out.truncate(cut);
        out
    }),
    ("trailing comma", |r, s, p| {
        let mut out = write(&s, p, r);
        out.insert(out.len() - 1, b',');
        out
    }),
    ("invalid escape", |r, mut s, p| {
        s.set("id", J::Raw(b"\"sess_\\x41\"".to_vec()));
        write(&s, p, r)
    }),
    ("lone surrogate", |r, mut s, p| {
        s.set("user_id", J::Raw(b"\"user_\\ud800\"".to_vec()));
        write(&s, p, r)
    }),
    ("invalid UTF-8", |r, mut s, p| {
        s.set("client_id", J::Raw(b"\"client_\xff\xfe\"".to_vec()));
        write(&s, p, r)
    }),
    ("trailing garbage", |r, s, p| {
        let mut out = write(&s, p, r);
        out.extend_from_slice(b" }");
        out
    }),
];

// ---------------------------------------------------------------------------------- writer

/// Compact JSON in the profile's member order and text style.
pub fn write(v: &J, p: &Profile, rng: &mut Rng) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    write_value(v, p, rng, &mut out);
    out
}

fn write_value(v: &J, p: &Profile, rng: &mut Rng, out: &mut Vec<u8>) {
    match v {
        J::Null => out.extend_from_slice(b"null"),
        J::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        J::Int(i) => out.extend_from_slice(i.to_string().as_bytes()),
        J::Float(f) => out.extend_from_slice(format!("{f:?}").as_bytes()),
        J::Str(s) => write_string(s, p.text, out),
        J::Raw(bytes) => out.extend_from_slice(bytes),
        J::Arr(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_value(item, p, rng, out);
            }
            out.push(b']');
        }
        J::Obj(members) => {
            let mut order: Vec<usize> = (0..members.len()).collect();
            match p.order {
                Order::Declaration => {}
                Order::Alphabetical => order.sort_by(|&a, &b| members[a].0.cmp(&members[b].0)),
                Order::Shuffled => {
                    for i in (1..order.len()).rev() {
                        order.swap(i, rng.below(i as u64 + 1) as usize);
                    }
                }
            }
            out.push(b'{');
            for (n, &i) in order.iter().enumerate() {
                if n > 0 {
                    out.push(b',');
                }
                write_string(&members[i].0, p.text, out);
                out.push(b':');
                write_value(&members[i].1, p, rng, out);
            }
            out.push(b'}');
        }
    }
}

fn write_string(s: &str, text: Text, out: &mut Vec<u8>) {
    let mut buf = String::with_capacity(s.len() + 2);
    buf.push('"');
    for c in s.chars() {
        match c {
            '"' => buf.push_str("\\\""),
            '\\' => buf.push_str("\\\\"),
            '/' if text == Text::Escaped => buf.push_str("\\/"),
            c if (c as u32) < 0x20 => {
                let _ = write!(buf, "\\u{:04x}", c as u32);
            }
            c if !c.is_ascii() && text == Text::Escaped => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(buf, "\\u{u:04x}");
                }
            }
            c => buf.push(c),
        }
    }
    buf.push('"');
    out.extend_from_slice(buf.as_bytes());
}
