//! The proof behind `jsonstruct diff`'s verdicts: a property test that generates pairs of
//! schemas (a random schema over the core type system and a mutation of it) and instances of
//! both, and checks with the validator as the judge that
//!
//! - when the diff calls the change backward compatible, every generated instance valid under
//!   OLD is valid under NEW (and every instance of a definition both sides have, for that
//!   definition), and forward compatible the other way;
//! - a schema compared with itself has no change;
//! - the verdicts are symmetric: OLD -> NEW is backward compatible exactly when NEW -> OLD is
//!   forward compatible.
//!
//! Counterexamples found so far are kept in `tests/data/diff-regressions.json` (the two
//! schemas and the instance that showed it) and checked first. Run with `--nocapture` to see
//! the figures; `JSONSTRUCT_DIFF_CASES` sets the number of pairs (1,024 by default).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use jsonstruct::diff::{self, Diff};
use jsonstruct::{Options, Schema, TypeId, Validator};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};

// ------------------------------------------------------------------------ random numbers

/// SplitMix64: the instance and schema generators draw from one seed that proptest picks.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ------------------------------------------------------------------------ the schema model

const PRIMS: &[&str] = &[
    "string",
    "boolean",
    "null",
    "int8",
    "uint8",
    "int16",
    "int32",
    "uint32",
    "integer",
    "int64",
    "uint64",
    "int128",
    "float",
    "double",
    "number",
    "float8",
    "decimal",
    "date",
    "datetime",
    "time",
    "uuid",
    "uri",
    "binary",
    "jsonpointer",
    "duration",
];
const INTS: &[&str] = &[
    "int8", "uint8", "int16", "int32", "uint32", "integer", "int64", "uint64", "int128",
];
const NAMES: &[&str] = &[
    "id", "name", "kind", "count", "tags", "when", "meta", "a", "b", "c",
];
const PATTERNS: &[&str] = &["^[a-z]+$", "^a", "^[0-9]{3}$", "b$"];

#[derive(Clone, Debug, Default)]
struct Prim {
    ty: &'static str,
    enum_: Option<Vec<Value>>,
    const_: Option<Value>,
    max_len: Option<u64>,
    min_len: Option<u64>,
    pattern: Option<&'static str>,
    min: Option<Value>,
    max: Option<Value>,
    ex_min: Option<Value>,
    ex_max: Option<Value>,
    multiple_of: Option<Value>,
}

#[derive(Clone, Debug)]
enum Addl {
    Unspecified,
    Open,
    Closed,
    Schema(Box<T>),
}

#[derive(Clone, Debug)]
struct Prop {
    name: String,
    ty: T,
    required: bool,
}

#[derive(Clone, Debug, Default)]
struct Coll {
    min: Option<u64>,
    max: Option<u64>,
    unique: bool,
}

#[derive(Clone, Debug)]
enum T {
    Prim(Prim),
    Obj(Vec<Prop>, Addl, Coll),
    Array(Box<T>, Coll),
    Set(Box<T>, Coll),
    Map(Box<T>, Coll),
    Tuple(Vec<(String, T)>),
    Choice(Vec<(String, T)>),
    /// Members: primitive names and definition names (`#Name`).
    Union(Vec<String>),
    Ref(String),
    Any,
}

/// A document: a root object, definitions, optionally an inline choice `Pick` over
/// `Base`-derived options, and whether the Validation add-in is enabled.
#[derive(Clone, Debug)]
struct Doc {
    root: T,
    defs: BTreeMap<String, T>,
    /// Option name -> own properties of the option (each extends the abstract `Base`).
    inline: Option<Vec<(String, Vec<Prop>)>>,
    /// The members of the abstract `Base` the options extend (names apart from [`NAMES`]).
    base: Vec<Prop>,
    validation: bool,
    description: &'static str,
}

/// Values of a primitive type (valid ones first), as JSON.
fn pool(ty: &str) -> Vec<Value> {
    let v = |s: &str| serde_json::from_str::<Value>(s).unwrap();
    let strs = |xs: &[&str]| xs.iter().map(|s| json!(s)).collect::<Vec<_>>();
    match ty {
        "string" => strs(&[
            "a", "abc", "active", "pending", "123", "x y", "", "ba", "abcdefgh",
        ]),
        "boolean" => vec![json!(true), json!(false)],
        "null" => vec![Value::Null],
        "int64" | "uint64" | "int128" | "uint128" => strs(&[
            "0",
            "1",
            "-1",
            "5",
            "9007199254740993",
            "-9223372036854775808",
            "18446744073709551615",
            "170141183460469231731687303715884105727",
        ]),
        "decimal" => strs(&[
            "0",
            "1.5",
            "-2.25",
            "10",
            "0.1",
            "123456789012345678901234567890",
        ]),
        "date" => strs(&["2024-01-15", "1999-12-31"]),
        "datetime" => strs(&["2024-01-15T10:00:00Z", "2024-01-15T10:00:00+01:00"]),
        "time" => strs(&["09:00:00", "23:59:59Z"]),
        "uuid" => strs(&["123e4567-e89b-12d3-a456-426614174000"]),
        "uri" => strs(&["https://example.com/a", "a/b", "urn:x"]),
        "binary" => strs(&["aGVsbG8=", "", "beef"]),
        "jsonpointer" => strs(&["", "/a", "/a/0"]),
        "duration" => strs(&["P1D", "PT1H", "P1Y2M"]),
        "float" | "double" | "number" | "float8" => [
            "0", "1", "-1.5", "3.25", "1e3", "3400", "1e10", "3.4e38", "1e300", "0.1",
        ]
        .iter()
        .map(|s| v(s))
        .collect(),
        _ => [
            "0",
            "1",
            "-1",
            "5",
            "127",
            "128",
            "-129",
            "255",
            "256",
            "32767",
            "40000",
            "2147483647",
            "2147483648",
            "-2147483648",
            "4294967295",
            "4294967296",
        ]
        .iter()
        .map(|s| v(s))
        .collect(),
    }
}

/// Random JSON values of every kind, for instance mutations and undeclared members.
fn junk(rng: &mut Rng) -> Value {
    match rng.below(12) {
        0 => Value::Null,
        1 => json!(true),
        2 => json!(7),
        3 => json!(-3.5),
        4 => json!("abc"),
        5 => json!("5"),
        6 => json!([]),
        7 => json!({}),
        8 => json!([1, 1]),
        9 => json!({"id": "x"}),
        10 => json!(1e300),
        _ => {
            let ty = *rng.pick(PRIMS);
            rng.pick(&pool(ty)).clone()
        }
    }
}

/// Whether a literal is a valid value of a primitive type, by asking the validator.
fn literal_ok(ty: &str, v: &Value) -> bool {
    let doc = json!({
        "$schema": "https://json-structure.org/meta/core/v0/#",
        "$id": "https://example.com/lit", "name": "L", "type": ty
    });
    let schema = Schema::from_slice(doc.to_string().as_bytes()).unwrap();
    Validator::with_options(&schema, Options::default().int64_numbers(false))
        .unwrap()
        .is_valid(v.to_string().as_bytes())
}

fn is_numeric(ty: &str) -> bool {
    INTS.contains(&ty) || matches!(ty, "float" | "double" | "number" | "float8" | "decimal")
}

fn string_encoded(ty: &str) -> bool {
    matches!(ty, "int64" | "uint64" | "int128" | "decimal")
}

fn bound_value(ty: &str, rng: &mut Rng) -> Value {
    let n: i64 = *rng.pick(&[-10, 0, 1, 3, 5, 100, 128, 1000]);
    if string_encoded(ty) {
        json!(n.to_string())
    } else if matches!(ty, "float" | "double" | "number" | "float8") && rng.chance(0.3) {
        json!(n as f64 + 0.5)
    } else {
        json!(n)
    }
}

struct Gen<'r> {
    rng: &'r mut Rng,
    defs: Vec<String>,
    validation: bool,
}

impl Gen<'_> {
    fn prim(&mut self, ty: &'static str) -> Prim {
        let mut p = Prim {
            ty,
            ..Prim::default()
        };
        let valid: Vec<Value> = pool(ty).into_iter().filter(|v| literal_ok(ty, v)).collect();
        if !matches!(ty, "null") && !valid.is_empty() && self.rng.chance(0.25) {
            let mut vals = Vec::new();
            for _ in 0..3 {
                let v = self.rng.pick(&valid).clone();
                if !vals.contains(&v) {
                    vals.push(v);
                }
            }
            p.enum_ = Some(vals);
        } else if !valid.is_empty() && self.rng.chance(0.08) {
            p.const_ = Some(self.rng.pick(&valid).clone());
        }
        if ty == "string" && self.rng.chance(0.3) {
            p.max_len = Some(*self.rng.pick(&[0, 1, 3, 5, 8]));
        }
        if self.validation && self.rng.chance(0.4) {
            if ty == "string" {
                match self.rng.below(2) {
                    0 => p.min_len = Some(*self.rng.pick(&[1, 2, 3])),
                    _ => p.pattern = Some(*self.rng.pick(PATTERNS)),
                }
            } else if is_numeric(ty) {
                match self.rng.below(5) {
                    0 => p.min = Some(bound_value(ty, self.rng)),
                    1 => p.max = Some(bound_value(ty, self.rng)),
                    2 => p.ex_min = Some(bound_value(ty, self.rng)),
                    3 => p.ex_max = Some(bound_value(ty, self.rng)),
                    _ => {
                        let m = *self.rng.pick(&[2, 3, 5]);
                        p.multiple_of = Some(if string_encoded(ty) {
                            json!(m.to_string())
                        } else {
                            json!(m)
                        })
                    }
                }
            }
        }
        p
    }

    fn coll(&mut self) -> Coll {
        let mut c = Coll::default();
        if self.validation && self.rng.chance(0.4) {
            match self.rng.below(3) {
                0 => c.min = Some(self.rng.below(3) as u64),
                1 => c.max = Some(1 + self.rng.below(3) as u64),
                _ => c.unique = true,
            }
        }
        c
    }

    fn props(&mut self, depth: usize, n: usize) -> Vec<Prop> {
        let mut props: Vec<Prop> = Vec::new();
        for _ in 0..n {
            let name = *self.rng.pick(NAMES);
            if props.iter().any(|p| p.name == name) {
                continue;
            }
            props.push(Prop {
                name: name.to_owned(),
                ty: self.ty(depth + 1),
                required: self.rng.chance(0.5),
            });
        }
        if props.is_empty() {
            props.push(Prop {
                name: "id".into(),
                ty: T::Prim(self.prim("string")),
                required: true,
            });
        }
        props
    }

    fn addl(&mut self) -> Addl {
        match self.rng.below(6) {
            0 | 1 => Addl::Unspecified,
            2 => Addl::Open,
            3 | 4 => Addl::Closed,
            _ => Addl::Schema(Box::new(T::Prim(Prim {
                ty: ["string", "int32", "boolean"][self.rng.below(3)],
                ..Prim::default()
            }))),
        }
    }

    fn ty(&mut self, depth: usize) -> T {
        let deep = depth >= 3;
        loop {
            return match self.rng.below(20) {
                0..=8 => {
                    let ty = *self.rng.pick(PRIMS);
                    T::Prim(self.prim(ty))
                }
                9 if !deep => {
                    let n = 1 + self.rng.below(3);
                    T::Obj(self.props(depth, n), self.addl(), self.coll())
                }
                10 if !deep => T::Array(Box::new(self.ty(depth + 1)), self.coll()),
                11 if !deep => T::Set(Box::new(self.ty(depth + 1)), self.coll()),
                12 if !deep => T::Map(Box::new(self.ty(depth + 1)), self.coll()),
                13 if !deep => {
                    let n = 1 + self.rng.below(3);
                    T::Tuple(
                        (0..n)
                            .map(|i| (format!("e{i}"), self.ty(depth + 1)))
                            .collect(),
                    )
                }
                14 if !deep => {
                    let n = 1 + self.rng.below(3);
                    T::Choice(
                        (0..n)
                            .map(|i| (format!("c{i}"), self.ty(depth + 1)))
                            .collect(),
                    )
                }
                15 | 16 => {
                    let mut ms: Vec<String> = Vec::new();
                    for _ in 0..2 + self.rng.below(2) {
                        let m = if !self.defs.is_empty() && self.rng.chance(0.3) {
                            format!("#{}", self.rng.pick(&self.defs).clone())
                        } else {
                            self.rng
                                .pick(&[
                                    "string", "null", "int32", "int64", "double", "boolean",
                                    "uint8", "date",
                                ])
                                .to_string()
                        };
                        if !ms.contains(&m) {
                            ms.push(m);
                        }
                    }
                    if ms.len() < 2 {
                        continue;
                    }
                    T::Union(ms)
                }
                17 | 18 if !self.defs.is_empty() => T::Ref(self.rng.pick(&self.defs).clone()),
                19 => T::Any,
                _ => continue,
            };
        }
    }

    fn doc(&mut self) -> Doc {
        let mut defs = BTreeMap::new();
        let n = self.rng.below(4);
        for i in 0..n {
            let name = format!("D{i}");
            let t = self.ty(1);
            defs.insert(name.clone(), t);
            self.defs.push(name);
        }
        // A recursive definition now and then: an object with an optional reference to itself.
        if self.rng.chance(0.2) {
            let mut props = self.props(2, 1);
            props.push(Prop {
                name: "next".into(),
                ty: T::Ref("Node".into()),
                required: false,
            });
            defs.insert("Node".into(), T::Obj(props, Addl::Closed, Coll::default()));
            self.defs.push("Node".into());
        }
        let inline = self.rng.chance(0.25).then(|| {
            (0..1 + self.rng.below(2))
                .map(|i| (format!("O{i}"), self.props(2, 1)))
                .collect()
        });
        let n = 1 + self.rng.below(4);
        let mut props = self.props(0, n);
        if inline.is_some() {
            props.push(Prop {
                name: "pick".into(),
                ty: T::Ref("Pick".into()),
                required: self.rng.chance(0.5),
            });
        }
        Doc {
            root: T::Obj(props, self.addl(), self.coll()),
            defs,
            inline,
            base: vec![Prop {
                name: "common".into(),
                ty: T::Prim(Prim {
                    ty: "string",
                    ..Prim::default()
                }),
                required: false,
            }],
            validation: self.validation,
            description: "v1",
        }
    }
}

// ------------------------------------------------------------------------ to JSON Structure

fn prim_json(p: &Prim) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), json!(p.ty));
    let mut put = |k: &str, v: &Option<Value>| {
        if let Some(v) = v {
            m.insert(k.into(), v.clone());
        }
    };
    put("enum", &p.enum_.clone().map(Value::Array));
    put("const", &p.const_);
    put("maxLength", &p.max_len.map(|x| json!(x)));
    put("minLength", &p.min_len.map(|x| json!(x)));
    put("pattern", &p.pattern.map(|x| json!(x)));
    put("minimum", &p.min);
    put("maximum", &p.max);
    put("exclusiveMinimum", &p.ex_min);
    put("exclusiveMaximum", &p.ex_max);
    put("multipleOf", &p.multiple_of);
    m
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{name}") })
}

fn props_json(props: &[Prop]) -> (Value, Vec<Value>) {
    let mut m = Map::new();
    let mut req = Vec::new();
    for p in props {
        m.insert(p.name.clone(), to_json(&p.ty));
        if p.required {
            req.push(json!(p.name));
        }
    }
    (Value::Object(m), req)
}

fn coll_json(m: &mut Map<String, Value>, c: &Coll, min: &str, max: &str) {
    if let Some(x) = c.min {
        m.insert(min.into(), json!(x));
    }
    if let Some(x) = c.max {
        m.insert(max.into(), json!(x));
    }
    if c.unique {
        m.insert("uniqueItems".into(), json!(true));
    }
}

fn to_json(t: &T) -> Value {
    let mut m = Map::new();
    match t {
        T::Prim(p) => return Value::Object(prim_json(p)),
        T::Obj(props, addl, coll) => {
            m.insert("type".into(), json!("object"));
            let (ps, req) = props_json(props);
            m.insert("properties".into(), ps);
            if !req.is_empty() {
                m.insert("required".into(), Value::Array(req));
            }
            match addl {
                Addl::Unspecified => {}
                Addl::Open => {
                    m.insert("additionalProperties".into(), json!(true));
                }
                Addl::Closed => {
                    m.insert("additionalProperties".into(), json!(false));
                }
                Addl::Schema(s) => {
                    m.insert("additionalProperties".into(), to_json(s));
                }
            }
            coll_json(
                &mut m,
                &Coll {
                    unique: false,
                    ..coll.clone()
                },
                "minProperties",
                "maxProperties",
            );
        }
        T::Array(items, c) | T::Set(items, c) => {
            let set = matches!(t, T::Set(..));
            m.insert("type".into(), json!(if set { "set" } else { "array" }));
            m.insert("items".into(), to_json(items));
            let c = if set {
                Coll {
                    unique: false,
                    ..c.clone()
                }
            } else {
                c.clone()
            };
            coll_json(&mut m, &c, "minItems", "maxItems");
        }
        T::Map(values, c) => {
            m.insert("type".into(), json!("map"));
            m.insert("values".into(), to_json(values));
            coll_json(
                &mut m,
                &Coll {
                    unique: false,
                    ..c.clone()
                },
                "minEntries",
                "maxEntries",
            );
        }
        T::Tuple(elements) => {
            m.insert("type".into(), json!("tuple"));
            let mut ps = Map::new();
            for (n, t) in elements {
                ps.insert(n.clone(), to_json(t));
            }
            m.insert("properties".into(), Value::Object(ps));
            m.insert(
                "tuple".into(),
                json!(elements.iter().map(|(n, _)| n).collect::<Vec<_>>()),
            );
        }
        T::Choice(choices) => {
            m.insert("type".into(), json!("choice"));
            let mut cs = Map::new();
            for (n, t) in choices {
                cs.insert(n.clone(), to_json(t));
            }
            m.insert("choices".into(), Value::Object(cs));
        }
        T::Union(members) => {
            let ms: Vec<Value> = members
                .iter()
                .map(|x| match x.strip_prefix('#') {
                    Some(d) => reference(d),
                    None => json!(x),
                })
                .collect();
            m.insert("type".into(), Value::Array(ms));
        }
        T::Ref(d) => {
            m.insert("type".into(), reference(d));
        }
        T::Any => {
            m.insert("type".into(), json!("any"));
        }
    }
    Value::Object(m)
}

fn doc_json(d: &Doc) -> Value {
    let mut root = to_json(&d.root).as_object().unwrap().clone();
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        json!("https://json-structure.org/meta/core/v0/#"),
    );
    out.insert("$id".into(), json!("https://example.com/proof"));
    if d.validation {
        out.insert("$uses".into(), json!(["JSONStructureValidation"]));
    }
    out.insert("name".into(), json!("Root"));
    out.insert("description".into(), json!(d.description));
    out.append(&mut root);
    let mut defs = Map::new();
    for (n, t) in &d.defs {
        defs.insert(n.clone(), to_json(t));
    }
    if let Some(options) = &d.inline {
        defs.insert("Base".into(), {
            let (ps, req) = props_json(&d.base);
            let mut b = json!({"abstract": true, "type": "object", "properties": ps});
            if !req.is_empty() {
                b["required"] = Value::Array(req);
            }
            b
        });
        let mut choices = Map::new();
        for (name, props) in options {
            let (ps, req) = props_json(props);
            let mut o =
                json!({"type": "object", "$extends": "#/definitions/Base", "properties": ps});
            if !req.is_empty() {
                o["required"] = Value::Array(req);
            }
            defs.insert(name.clone(), o);
            choices.insert(name.clone(), json!({"type": reference(name)}));
        }
        defs.insert(
            "Pick".into(),
            json!({"type": "choice", "$extends": "#/definitions/Base", "selector": "sel", "choices": choices}),
        );
    }
    if !defs.is_empty() {
        out.insert("definitions".into(), Value::Object(defs));
    }
    Value::Object(out)
}

// ------------------------------------------------------------------------ instances

struct Inst<'d> {
    docs: [&'d Doc; 2],
    rng: Rng,
}

impl Inst<'_> {
    fn def(&self, name: &str) -> Option<&T> {
        self.docs.iter().find_map(|d| d.defs.get(name))
    }

    fn prim(&mut self, p: &Prim) -> Value {
        let rng = &mut self.rng;
        if let Some(c) = p.const_.as_ref().filter(|_| rng.chance(0.8)) {
            return self.wire(p.ty, c.clone());
        }
        if let Some(e) = p.enum_.as_ref().filter(|_| rng.chance(0.8)) {
            let v = rng.pick(e).clone();
            return self.wire(p.ty, v);
        }
        let ty = if self.rng.chance(0.15) {
            *self.rng.pick(PRIMS)
        } else {
            p.ty
        };
        let v = self.rng.pick(&pool(ty)).clone();
        self.wire(p.ty, v)
    }

    /// 64-bit integers both as strings and as numbers.
    fn wire(&mut self, ty: &str, v: Value) -> Value {
        if matches!(ty, "int64" | "uint64") && self.rng.chance(0.5) {
            if let Some(s) = v.as_str() {
                if let Ok(n) = s.parse::<i64>() {
                    return json!(n);
                }
                if let Ok(n) = s.parse::<u64>() {
                    return json!(n);
                }
            }
        }
        v
    }

    fn props(&mut self, props: &[Prop], depth: usize, out: &mut Map<String, Value>) {
        for p in props {
            if p.required || self.rng.chance(0.6) {
                let v = self.value(&p.ty, depth + 1);
                out.insert(p.name.clone(), v);
            }
        }
    }

    fn value(&mut self, t: &T, depth: usize) -> Value {
        if depth > 6 {
            return Value::Null;
        }
        match t {
            T::Prim(p) => self.prim(p),
            T::Obj(props, _, _) => {
                let mut m = Map::new();
                self.props(props, depth, &mut m);
                if self.rng.chance(0.3) {
                    // An undeclared member, often with a name the other document declares.
                    let name = *self.rng.pick(NAMES);
                    let v = if self.rng.chance(0.5) {
                        junk(&mut self.rng)
                    } else {
                        let ty = *self.rng.pick(PRIMS);
                        self.rng.pick(&pool(ty)).clone()
                    };
                    m.entry(name.to_owned()).or_insert(v);
                }
                Value::Object(m)
            }
            T::Array(items, _) | T::Set(items, _) => {
                let n = self.rng.below(4);
                Value::Array((0..n).map(|_| self.value(items, depth + 1)).collect())
            }
            T::Map(values, _) => {
                let n = self.rng.below(4);
                let mut m = Map::new();
                for i in 0..n {
                    let v = self.value(values, depth + 1);
                    m.insert(format!("k{i}"), v);
                }
                Value::Object(m)
            }
            T::Tuple(elements) => Value::Array(
                elements
                    .iter()
                    .map(|(_, t)| self.value(t, depth + 1))
                    .collect(),
            ),
            T::Choice(choices) => {
                let (name, t) = self.rng.pick(choices).clone();
                let mut m = Map::new();
                let v = self.value(&t, depth + 1);
                m.insert(name, v);
                Value::Object(m)
            }
            T::Union(members) => {
                let m = self.rng.pick(members).clone();
                match m.strip_prefix('#') {
                    Some(d) => self.reference(d, depth),
                    None => {
                        let ty: &'static str = PRIMS.iter().find(|p| **p == m).unwrap();
                        self.prim(&Prim {
                            ty,
                            ..Prim::default()
                        })
                    }
                }
            }
            T::Ref(d) => self.reference(d, depth),
            T::Any => junk(&mut self.rng),
        }
    }

    fn reference(&mut self, name: &str, depth: usize) -> Value {
        if name == "Pick" {
            let options: Vec<(String, Vec<Prop>)> = self
                .docs
                .iter()
                .flat_map(|d| d.inline.iter().flatten().cloned())
                .collect();
            let (option, props) = self.rng.pick(&options).clone();
            let base = self.docs[self.rng.below(2)].base.clone();
            let mut m = Map::new();
            m.insert("sel".into(), json!(option));
            self.props(&base, depth, &mut m);
            self.props(&props, depth, &mut m);
            return Value::Object(m);
        }
        match self.def(name).cloned() {
            Some(t) => self.value(&t, depth + 1),
            None => junk(&mut self.rng),
        }
    }

    /// Changes one spot of a value.
    fn mutate(&mut self, v: &mut Value) {
        let dive = self.rng.chance(0.6);
        match v {
            Value::Object(m) if !m.is_empty() && dive => {
                let keys: Vec<String> = m.keys().cloned().collect();
                let k = self.rng.pick(&keys).clone();
                self.mutate(m.get_mut(&k).unwrap());
            }
            Value::Array(a) if !a.is_empty() && dive => {
                let i = self.rng.below(a.len());
                self.mutate(&mut a[i]);
            }
            Value::Object(m) if self.rng.chance(0.5) => {
                if !m.is_empty() && self.rng.chance(0.5) {
                    let keys: Vec<String> = m.keys().cloned().collect();
                    let k = self.rng.pick(&keys).clone();
                    m.remove(&k);
                } else {
                    let name = *self.rng.pick(NAMES);
                    m.insert(name.into(), junk(&mut self.rng));
                }
            }
            Value::Array(a) if !a.is_empty() && self.rng.chance(0.5) => {
                let x = a[0].clone();
                a.push(x);
            }
            _ => *v = junk(&mut self.rng),
        }
    }
}

// ------------------------------------------------------------------------ mutations

/// Counts the nodes of a type tree (pre-order).
fn count(t: &T) -> usize {
    1 + match t {
        T::Obj(props, addl, _) => {
            props.iter().map(|p| count(&p.ty)).sum::<usize>()
                + if let Addl::Schema(s) = addl {
                    count(s)
                } else {
                    0
                }
        }
        T::Array(i, _) | T::Set(i, _) | T::Map(i, _) => count(i),
        T::Tuple(es) | T::Choice(es) => es.iter().map(|(_, t)| count(t)).sum(),
        _ => 0,
    }
}

/// Applies `f` to the `n`th node (pre-order); whether there was one.
fn with_nth(t: &mut T, n: &mut usize, f: &mut dyn FnMut(&mut T)) -> bool {
    if *n == 0 {
        f(t);
        return true;
    }
    *n -= 1;
    match t {
        T::Obj(props, addl, _) => {
            for p in props {
                if with_nth(&mut p.ty, n, f) {
                    return true;
                }
            }
            match addl {
                Addl::Schema(s) => with_nth(s, n, f),
                _ => false,
            }
        }
        T::Array(i, _) | T::Set(i, _) | T::Map(i, _) => with_nth(i, n, f),
        T::Tuple(es) | T::Choice(es) => {
            for (_, t) in es {
                if with_nth(t, n, f) {
                    return true;
                }
            }
            false
        }
        _ => false,
    }
}

/// Related types, so that widening and narrowing are tried often.
fn related(ty: &str, rng: &mut Rng) -> &'static str {
    let families: &[&[&str]] = &[
        INTS,
        &["float8", "float", "double", "number", "int32", "decimal"],
        &[
            "string",
            "date",
            "datetime",
            "time",
            "uuid",
            "uri",
            "jsonpointer",
            "duration",
            "binary",
            "decimal",
            "int64",
            "int128",
        ],
    ];
    for f in families {
        if f.contains(&ty) && rng.chance(0.8) {
            return f[rng.below(f.len())];
        }
    }
    PRIMS[rng.below(PRIMS.len())]
}

fn mutate_prim(p: &mut Prim, g: &mut Gen<'_>) {
    match g.rng.below(9) {
        0 | 1 => {
            let ty = related(p.ty, g.rng);
            // Literals and bounds of the old type would make the document invalid.
            let keep_len = ty == "string";
            let fresh = g.prim(ty);
            *p = Prim {
                max_len: if keep_len {
                    p.max_len.or(fresh.max_len)
                } else {
                    None
                },
                min_len: if keep_len { p.min_len } else { None },
                pattern: if keep_len { p.pattern } else { None },
                ..fresh
            };
        }
        2 => {
            let valid: Vec<Value> = pool(p.ty)
                .into_iter()
                .filter(|v| literal_ok(p.ty, v))
                .collect();
            if valid.is_empty() || p.ty == "null" {
                return;
            }
            match &mut p.enum_ {
                Some(e) if e.len() > 1 && g.rng.chance(0.5) => {
                    let i = g.rng.below(e.len());
                    e.remove(i);
                }
                Some(e) => {
                    let v = g.rng.pick(&valid).clone();
                    if !e.contains(&v) {
                        e.push(v);
                    }
                }
                None => p.enum_ = Some(vec![g.rng.pick(&valid).clone()]),
            }
        }
        3 => p.enum_ = None,
        4 => {
            let valid: Vec<Value> = pool(p.ty)
                .into_iter()
                .filter(|v| literal_ok(p.ty, v))
                .collect();
            p.const_ = if p.const_.is_some() && g.rng.chance(0.5) || valid.is_empty() {
                None
            } else {
                Some(g.rng.pick(&valid).clone())
            };
        }
        5 if p.ty == "string" => {
            p.max_len = match p.max_len {
                Some(m) if g.rng.chance(0.3) => Some(m + 2),
                Some(m) if g.rng.chance(0.5) => Some(m.saturating_sub(1)),
                Some(_) => None,
                None => Some(*g.rng.pick(&[1, 3, 5])),
            };
        }
        6 | 7 if g.validation => {
            let fresh = g.prim(p.ty);
            match g.rng.below(3) {
                0 => {
                    p.min_len = fresh.min_len;
                    p.pattern = fresh.pattern;
                }
                1 => {
                    p.min = fresh.min;
                    p.max = fresh.max;
                    p.ex_min = fresh.ex_min;
                    p.ex_max = fresh.ex_max;
                }
                _ => p.multiple_of = fresh.multiple_of,
            }
        }
        _ => {
            let ty = *g.rng.pick(PRIMS);
            *p = g.prim(ty);
        }
    }
}

fn mutate_node(t: &mut T, g: &mut Gen<'_>) {
    match t {
        T::Prim(p) if g.rng.chance(0.12) => {
            // Make it nullable (or part of a union).
            let base = p.ty.to_owned();
            *t = T::Union(vec![base, "null".into()]);
        }
        T::Prim(p) => mutate_prim(p, g),
        T::Obj(props, addl, coll) => match g.rng.below(7) {
            0 => {
                let name = *g.rng.pick(NAMES);
                if props.iter().all(|p| p.name != name) {
                    let ty = g.ty(2);
                    props.push(Prop {
                        name: name.into(),
                        ty,
                        required: g.rng.chance(0.4),
                    });
                }
            }
            1 if props.len() > 1 => {
                let i = g.rng.below(props.len());
                props.remove(i);
            }
            2 => {
                let i = g.rng.below(props.len());
                props[i].required = !props[i].required;
            }
            3 | 4 => *addl = g.addl(),
            5 if g.validation => *coll = g.coll(),
            _ => {
                let i = g.rng.below(props.len());
                mutate_node(&mut props[i].ty, g);
            }
        },
        T::Array(items, c) => match g.rng.below(3) {
            0 => *t = T::Set(items.clone(), c.clone()),
            1 => *c = g.coll(),
            _ => mutate_node(items, g),
        },
        T::Set(items, c) => match g.rng.below(3) {
            0 => *t = T::Array(items.clone(), c.clone()),
            1 => *c = g.coll(),
            _ => mutate_node(items, g),
        },
        T::Map(values, c) => {
            if g.rng.chance(0.3) {
                *c = g.coll();
            } else {
                mutate_node(values, g);
            }
        }
        T::Tuple(_) | T::Choice(_) => {
            let tuple = matches!(t, T::Tuple(_));
            let (T::Tuple(es) | T::Choice(es)) = t else {
                unreachable!()
            };
            match g.rng.below(3) {
                0 => {
                    let n = es.len();
                    let ty = g.ty(2);
                    es.push((format!("{}{n}", if tuple { "e" } else { "c" }), ty));
                }
                1 if es.len() > 1 => {
                    let i = if tuple {
                        es.len() - 1
                    } else {
                        g.rng.below(es.len())
                    };
                    es.remove(i);
                }
                _ => {
                    let i = g.rng.below(es.len());
                    mutate_node(&mut es[i].1, g);
                }
            }
        }
        T::Union(ms) => match g.rng.below(3) {
            0 if ms.len() > 2 => {
                let i = g.rng.below(ms.len());
                ms.remove(i);
            }
            1 => {
                let m = g
                    .rng
                    .pick(&[
                        "string", "null", "int32", "int64", "double", "number", "any",
                    ])
                    .to_string();
                if !ms.contains(&m) && m != "any" {
                    ms.push(m);
                }
            }
            _ => {
                let first = ms[0].clone();
                *t = match first.strip_prefix('#') {
                    Some(d) => T::Ref(d.to_owned()),
                    None => T::Prim(Prim {
                        ty: PRIMS.iter().find(|p| **p == first).unwrap(),
                        ..Prim::default()
                    }),
                };
            }
        },
        T::Ref(d) => {
            if g.rng.chance(0.5) && !g.defs.is_empty() {
                *d = g.rng.pick(&g.defs).clone();
            } else {
                *t = g.ty(2);
            }
        }
        T::Any => *t = g.ty(2),
    }
}

fn uses(t: &T, name: &str) -> bool {
    match t {
        T::Ref(d) => d == name,
        T::Union(ms) => ms.iter().any(|m| m.strip_prefix('#') == Some(name)),
        T::Obj(props, addl, _) => {
            props.iter().any(|p| uses(&p.ty, name))
                || matches!(addl, Addl::Schema(s) if uses(s, name))
        }
        T::Array(i, _) | T::Set(i, _) | T::Map(i, _) => uses(i, name),
        T::Tuple(es) | T::Choice(es) => es.iter().any(|(_, t)| uses(t, name)),
        _ => false,
    }
}

/// One random mutation of the document.
fn mutate(d: &mut Doc, rng: &mut Rng) {
    let defs: Vec<String> = d.defs.keys().cloned().collect();
    let mut g = Gen {
        rng,
        defs: defs.clone(),
        validation: d.validation,
    };
    match g.rng.below(20) {
        0 => d.description = "v2",
        1 => d.validation = !d.validation,
        2 => {
            let t = g.ty(1);
            d.defs.insert(format!("N{}", g.rng.below(3)), t);
        }
        3 if !defs.is_empty() => {
            let name = g.rng.pick(&defs).clone();
            let used = uses(&d.root, &name) || d.defs.values().any(|t| uses(t, &name));
            if !used {
                d.defs.remove(&name);
            }
        }
        4 if d.inline.is_some() && g.rng.chance(0.4) => {
            // The base's members are inherited by every option.
            match g.rng.below(3) {
                0 => {
                    let name = ["origin", "seq", "flag"][g.rng.below(3)];
                    if d.base.iter().all(|p| p.name != name) {
                        let ty = g.ty(2);
                        d.base.push(Prop {
                            name: name.into(),
                            ty,
                            required: g.rng.chance(0.4),
                        });
                    }
                }
                1 => {
                    let i = g.rng.below(d.base.len());
                    d.base[i].required = !d.base[i].required;
                }
                _ => {
                    let i = g.rng.below(d.base.len());
                    mutate_node(&mut d.base[i].ty, &mut g);
                }
            }
        }
        4 if d.inline.is_some() => {
            let options = d.inline.as_mut().unwrap();
            if options.len() > 1 && g.rng.chance(0.5) {
                options.pop();
            } else if g.rng.chance(0.5) {
                let n = options.len();
                let props = g.props(2, 1);
                options.push((format!("O{n}"), props));
            } else {
                let i = g.rng.below(options.len());
                let props = &mut options[i].1;
                let j = g.rng.below(props.len());
                mutate_node(&mut props[j].ty, &mut g);
            }
        }
        5..=7 if !defs.is_empty() => {
            let name = g.rng.pick(&defs).clone();
            // Only earlier definitions: a retargeted alias must not close a cycle.
            g.defs.retain(|d| *d < name);
            let t = d.defs.get_mut(&name).unwrap();
            let mut k = g.rng.below(count(t));
            with_nth(t, &mut k, &mut |node| mutate_node(node, &mut g));
        }
        _ => {
            let mut k = g.rng.below(count(&d.root));
            with_nth(&mut d.root, &mut k, &mut |node| mutate_node(node, &mut g));
        }
    }
}

// ------------------------------------------------------------------------ the check

static PAIRS: AtomicUsize = AtomicUsize::new(0);
static REJECTED: AtomicUsize = AtomicUsize::new(0);
static CHANGED: AtomicUsize = AtomicUsize::new(0);
static BACKWARD: AtomicUsize = AtomicUsize::new(0);
static FORWARD: AtomicUsize = AtomicUsize::new(0);
static INSTANCES: AtomicUsize = AtomicUsize::new(0);
static CHECKED: AtomicUsize = AtomicUsize::new(0);
static WITNESSED: AtomicUsize = AtomicUsize::new(0);
static INCOMPATIBLE: AtomicUsize = AtomicUsize::new(0);

fn load(v: &Value) -> Result<Schema, String> {
    Schema::from_slice(v.to_string().as_bytes()).map_err(|e| format!("{e}\n{v:#}"))
}

fn options(int64_numbers: bool) -> Options {
    Options::default().int64_numbers(int64_numbers)
}

/// Checks the verdicts of `old` -> `new` on the instances; `Err` describes a counterexample.
fn check_pair(
    old_json: &Value,
    new_json: &Value,
    int64_numbers: bool,
    instances: &[(Option<String>, Value)],
) -> Result<(), String> {
    let (old, new) = (load(old_json)?, load(new_json)?);
    let opts = options(int64_numbers);
    let d = diff::diff_with_options(&old, &new, &opts);
    let report = |what: &str, def: &Option<String>, v: &Value, d: &Diff| {
        // Entries are backward counterexamples: a forward one is kept with the sides swapped.
        let (o, n) = if what.contains("called forward") {
            (new_json, old_json)
        } else {
            (old_json, new_json)
        };
        let entry = json!({
            "name": "NAME",
            "int64_numbers": int64_numbers,
            "old": o,
            "new": n,
            "instances": [{"definition": def, "value": v}],
        });
        format!(
            "{what}{}\ninstance: {v}\n{}\nregression entry for tests/data/diff-regressions.json:\n{entry}",
            def.as_ref().map_or(String::new(), |d| format!(" (definition {d})")),
            diff::render::text(d, "OLD", "NEW", None)
        )
    };
    let same = diff::diff_with_options(&old, &old, &opts);
    if !same.is_empty() {
        return Err(format!(
            "a schema compared with itself has changes:\n{}\n{old_json}",
            diff::render::text(&same, "OLD", "OLD", None)
        ));
    }
    let back = diff::diff_with_options(&new, &old, &opts);
    if back.is_forward_compatible() != d.is_backward_compatible()
        || back.is_backward_compatible() != d.is_forward_compatible()
    {
        return Err(format!(
            "verdicts are not symmetric\nOLD -> NEW:\n{}NEW -> OLD:\n{}OLD: {old_json}\nNEW: {new_json}",
            diff::render::text(&d, "OLD", "NEW", None),
            diff::render::text(&back, "NEW", "OLD", None)
        ));
    }
    let validator = |s: &Schema, def: &Option<String>| -> Option<Validator> {
        match def {
            None => Some(Validator::with_options(s, opts).unwrap()),
            Some(name) => s
                .definition(&format!("#/definitions/{name}"))
                .map(|id: TypeId| Validator::for_type(s, id, opts)),
        }
    };
    let mut cache: BTreeMap<Option<String>, (Option<Validator>, Option<Validator>)> =
        BTreeMap::new();
    let mut witnessed = false;
    for (def, v) in instances {
        let (vo, vn) = cache
            .entry(def.clone())
            .or_insert_with(|| (validator(&old, def), validator(&new, def)));
        let (Some(vo), Some(vn)) = (vo, vn) else {
            continue;
        };
        let bytes = v.to_string();
        let (in_old, in_new) = (vo.is_valid(bytes.as_bytes()), vn.is_valid(bytes.as_bytes()));
        if in_old && !in_new {
            witnessed = true;
        }
        if d.is_backward_compatible() && in_old {
            CHECKED.fetch_add(1, Relaxed);
            if !in_new {
                return Err(report("called backward compatible, but an instance valid under OLD is invalid under NEW", def, v, &d));
            }
        }
        if d.is_forward_compatible() && in_new {
            CHECKED.fetch_add(1, Relaxed);
            if !in_old {
                return Err(report("called forward compatible, but an instance valid under NEW is invalid under OLD", def, v, &d));
            }
        }
    }
    if !d.is_empty() {
        CHANGED.fetch_add(1, Relaxed);
    }
    if d.is_backward_compatible() {
        BACKWARD.fetch_add(1, Relaxed);
    } else {
        INCOMPATIBLE.fetch_add(1, Relaxed);
        if witnessed {
            WITNESSED.fetch_add(1, Relaxed);
        }
    }
    if d.is_forward_compatible() {
        FORWARD.fetch_add(1, Relaxed);
    }
    Ok(())
}

/// One generated case: a document, its mutation, and instances of both.
fn case(seed: u64, int64_numbers: bool) -> Result<(), TestCaseError> {
    let mut rng = Rng(seed);
    let validation = rng.chance(0.35);
    let doc = Gen {
        rng: &mut rng,
        defs: Vec::new(),
        validation,
    }
    .doc();
    let mut mutated = doc.clone();
    for _ in 0..1 + rng.below(2) {
        mutate(&mut mutated, &mut rng);
    }
    let (old_json, new_json) = (doc_json(&doc), doc_json(&mutated));
    PAIRS.fetch_add(1, Relaxed);
    if load(&old_json).is_err() || load(&new_json).is_err() {
        // Random constraints can contradict each other (minLength above maxLength, ...); the
        // loader rejects those, and the run says how many.
        REJECTED.fetch_add(1, Relaxed);
        return Ok(());
    }
    let mut gen = Inst {
        docs: [&doc, &mutated],
        rng: Rng(seed ^ 0xA5A5),
    };
    let mut instances = Vec::new();
    for (i, d) in [&doc, &mutated].into_iter().enumerate() {
        for k in 0..16 {
            let mut v = gen.value(&d.root, 0);
            if k % 2 == 1 {
                gen.mutate(&mut v);
            }
            instances.push((None, v));
        }
        for (name, t) in &d.defs {
            if [&doc, &mutated][1 - i].defs.contains_key(name) {
                for _ in 0..4 {
                    let mut v = gen.value(t, 1);
                    if gen.rng.chance(0.5) {
                        gen.mutate(&mut v);
                    }
                    instances.push((Some(name.clone()), v));
                }
            }
        }
    }
    INSTANCES.fetch_add(instances.len(), Relaxed);
    check_pair(&old_json, &new_json, int64_numbers, &instances).map_err(TestCaseError::fail)
}

/// The checked-in counterexamples: each pair with the instance that showed it.
/// `(name, old, new, int64_numbers, instances by definition)`.
type Regression = (String, Value, Value, bool, Vec<(Option<String>, Value)>);

fn regressions() -> Vec<Regression> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/diff-regressions.json");
    let list: Vec<Value> = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    list.into_iter()
        .map(|r| {
            let instances = r["instances"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    (
                        i["definition"].as_str().map(str::to_owned),
                        i["value"].clone(),
                    )
                })
                .collect();
            (
                r["name"].as_str().unwrap().to_owned(),
                r["old"].clone(),
                r["new"].clone(),
                r["int64_numbers"].as_bool().unwrap_or(false),
                instances,
            )
        })
        .collect()
}

/// Each entry is a real counterexample to a wrong rule (its instance is valid under OLD and
/// invalid under NEW), and the diff now calls it backward-incompatible.
#[test]
fn regressions_stay_fixed() {
    let cases = regressions();
    assert!(!cases.is_empty());
    for (name, old, new, int64_numbers, instances) in cases {
        assert!(!instances.is_empty(), "{name}: no instance");
        let (o, n) = (load(&old).unwrap(), load(&new).unwrap());
        let opts = options(int64_numbers);
        for (def, v) in &instances {
            let validator = |s: &Schema| match def {
                None => Validator::with_options(s, opts).unwrap(),
                Some(d) => Validator::for_type(
                    s,
                    s.definition(&format!("#/definitions/{d}")).unwrap(),
                    opts,
                ),
            };
            let bytes = v.to_string();
            assert!(
                validator(&o).is_valid(bytes.as_bytes())
                    && !validator(&n).is_valid(bytes.as_bytes()),
                "{name}: {v} is no longer a counterexample (valid under OLD, invalid under NEW)"
            );
        }
        assert!(
            !diff::diff_with_options(&o, &n, &opts).is_backward_compatible(),
            "{name}: called backward compatible"
        );
        if let Err(e) = check_pair(&old, &new, int64_numbers, &instances) {
            panic!("regression {name}:\n{e}");
        }
    }
}

#[test]
fn verdicts_hold_for_generated_schema_pairs() {
    let cases = std::env::var("JSONSTRUCT_DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1024);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let result = runner.run(&(any::<u64>(), any::<bool>()), |(seed, numbers)| {
        case(seed, numbers)
    });
    let n = |a: &AtomicUsize| a.load(Relaxed);
    println!(
        "diff proof: {} schema pairs ({} with changes, {} rejected by the loader), {} instances; \
         {} pairs called backward compatible, {} forward compatible; {} instance checks under a \
         compatible verdict; {} of {} pairs called backward-incompatible have a witness instance",
        n(&PAIRS),
        n(&CHANGED),
        n(&REJECTED),
        n(&INSTANCES),
        n(&BACKWARD),
        n(&FORWARD),
        n(&CHECKED),
        n(&WITNESSED),
        n(&INCOMPATIBLE),
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(
        n(&CHECKED) > 0,
        "no instance was checked under a compatible verdict"
    );
    assert!(
        n(&REJECTED) * 10 < n(&PAIRS),
        "the generator made too many invalid schemas"
    );
}
