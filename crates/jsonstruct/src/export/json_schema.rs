//! JSON Structure model -> JSON Schema 2020-12 (see the module docs of `export` for the table).
//!
//! One function per type family, each writing the keywords of one schema object. Keywords the
//! type mapping itself uses (`oneOf` for choices and alternative required sets, `anyOf` for
//! unions, `pattern` for syntaxes) may meet the same keyword from the Validation or Composition
//! add-ins; [`put`] moves the second one into `allOf`, which means the same.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{json, Map, Value};

use crate::formats::Encoding;
use crate::json::tree::number_to_serde;
use crate::json::Value as Literal;
use crate::scalar::FLOAT8_MAX;
use crate::schema::{
    Additional, ChoiceType, ObjectType, Primitive, PrimitiveType, Schema, TupleType, TypeId,
    TypeKind, TypeNode, Validation,
};

use super::patterns::{self, anchored, Int};
use super::ExportOptions;

/// The JSON Schema dialect written in `$schema`.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Exports the schema as a JSON Schema 2020-12 document: the root type at the top level (with
/// `$schema`, `title`, `description`), every other definition under `$defs`.
pub fn json_schema(schema: &Schema, options: &ExportOptions) -> Value {
    Exporter::new(schema, *options).document()
}

/// Exports with a given type (a definition, for `--type`) as the top level instead of the
/// document's root type; the other definitions it needs are under `$defs` as usual.
pub fn json_schema_for(schema: &Schema, root: TypeId, options: &ExportOptions) -> Value {
    let mut exporter = Exporter::new(schema, *options);
    exporter.root = Some(root);
    exporter.document()
}

struct Exporter<'s> {
    schema: &'s Schema,
    options: ExportOptions,
    /// The type at the top level.
    root: Option<TypeId>,
    /// The Validation add-in is enabled: its keywords are exported (as the validator enforces
    /// them); otherwise they are left out with a note.
    validation: bool,
    composition: bool,
    /// Definition node -> its `$defs` key.
    keys: HashMap<TypeId, String>,
    /// Nodes referenced by some `$ref`.
    referenced: HashSet<TypeId>,
    /// Definitions being inlined for the document root (guards against cycles).
    inlining: Vec<TypeId>,
    /// Schemas the export adds to `$defs` (`jsonstruct:int64`, ...), shared by every plain use
    /// of a string-encoded integer type so its long range pattern is written once.
    shared: BTreeMap<String, Value>,
}

/// Members of a root instance that describe it rather than being data: the validator neither
/// counts them nor checks them against the type (core `#uses-keyword`).
const METADATA: [&str; 2] = ["$schema", "$uses"];

/// The schema of the instance metadata member `name` (one of [`METADATA`]) at the root.
fn metadata_schema(name: &str, offers: &[&str]) -> Value {
    if name != "$uses" {
        return json!({
            "description": "Instance metadata: names the JSON Structure schema document. The \
                            validator skips this member at the document root, whatever its value."
        });
    }
    let description =
        "Instance metadata: the add-ins the instance uses, from the schema's $offers.";
    if offers.is_empty() {
        return json!({ "description": description, "type": "array", "maxItems": 0 });
    }
    json!({
        "description": description,
        "type": "array",
        "items": { "enum": offers },
        "uniqueItems": true,
    })
}

/// `counts(k)` for the number `k` of the metadata members `names` an instance has.
fn by_metadata_present(names: &[&str], extra: u64, counts: &dyn Fn(u64) -> Value) -> Value {
    match names.split_first() {
        None => counts(extra),
        Some((first, rest)) => json!({
            "if": { "required": [first] },
            "then": by_metadata_present(rest, extra + 1, counts),
            "else": by_metadata_present(rest, extra, counts),
        }),
    }
}

/// Adds `key: value`; when the key is already taken (a choice's `oneOf` and an add-in's `oneOf`,
/// two patterns, ...), the new keyword goes into `allOf` instead, which means the same.
pub(super) fn put(s: &mut Map<String, Value>, key: &str, value: Value) {
    if key != "allOf" && !s.contains_key(key) {
        s.insert(key.to_owned(), value);
        return;
    }
    let entry = s.entry("allOf").or_insert_with(|| Value::Array(Vec::new()));
    let Value::Array(all) = entry else {
        unreachable!("allOf is always an array here")
    };
    match (key, value) {
        ("allOf", Value::Array(items)) => all.extend(items),
        (key, value) => all.push(json!({ key: value })),
    }
}

/// A literal of the schema document as a `serde_json::Value` (numbers through
/// [`number_to_serde`]).
fn literal(v: &Literal) -> Value {
    match v {
        Literal::Null => Value::Null,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Number(n) => number_to_serde(n),
        Literal::String(s) => Value::String(s.clone()),
        Literal::Array(items) => Value::Array(items.iter().map(|n| literal(&n.value)).collect()),
        Literal::Object(members) => Value::Object(
            members
                .iter()
                .map(|m| (m.key.clone(), literal(&m.value.value)))
                .collect(),
        ),
    }
}

/// The text of a number or string literal.
fn literal_text(v: &Literal) -> Option<&str> {
    match v {
        Literal::Number(t) => Some(t),
        Literal::String(t) => Some(t),
        _ => None,
    }
}

/// The pattern of a `patternProperties`/`patternKeys` key. Those select member names by search,
/// as in JSON Schema; the model keeps them as whole-value patterns wrapped in `[\s\S]*(?:...)`,
/// which is unwrapped here.
fn search_pattern(source: &str) -> String {
    source
        .strip_prefix("[\\s\\S]*(?:")
        .and_then(|s| s.strip_suffix(")[\\s\\S]*"))
        .unwrap_or(source)
        .to_owned()
}

/// A number keyword value from bound text, when JSON can carry it.
fn number(text: &str) -> Option<Value> {
    Some(number_to_serde(text)).filter(Value::is_number)
}

/// `#/$defs/<key>` with the key escaped as a JSON Pointer token and for a URI fragment.
pub(super) fn defs_ref(key: &str) -> String {
    let mut out = String::from("#/$defs/");
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c if c.is_ascii_alphanumeric() || "-._!$&'()*+,;=:@".contains(c) => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// How `enum`/`const` values of a primitive are written.
enum Literals {
    /// JSON values for `enum` (`const` when there is one).
    Values(Vec<Value>),
    /// A regex of all accepted strings (decimal values compared by value).
    Pattern(String, Vec<String>),
}

impl<'s> Exporter<'s> {
    fn new(schema: &'s Schema, options: ExportOptions) -> Self {
        let mut keys = HashMap::new();
        let mut taken = HashSet::new();
        for (path, id) in schema.definitions() {
            let base = path.to_string();
            let mut key = base.clone();
            let mut n = 2;
            while !taken.insert(key.clone()) {
                key = format!("{base}_{n}");
                n += 1;
            }
            keys.insert(id, key);
        }
        let referenced = schema
            .nodes()
            .filter_map(|(_, n)| match n.kind {
                TypeKind::Ref(t) => Some(t),
                _ => None,
            })
            .collect();
        let ext = schema.extensions();
        Exporter {
            schema,
            options,
            root: schema.root(),
            validation: ext.validation,
            composition: ext.composition,
            keys,
            referenced,
            inlining: Vec::new(),
            shared: BTreeMap::new(),
        }
    }

    fn document(&mut self) -> Value {
        let root = self.root;
        let mut doc = match root {
            Some(r) => {
                self.inlining.push(r);
                let s = self.node(r, true);
                self.inlining.pop();
                match s {
                    Value::Object(m) => m,
                    other => {
                        let mut m = Map::new();
                        m.insert("allOf".into(), json!([other]));
                        m
                    }
                }
            }
            None => Map::new(),
        };
        let mut defs = Map::new();
        // Ordered by definition path, so the output is deterministic.
        let ordered: BTreeMap<String, TypeId> = self
            .keys
            .iter()
            .map(|(&id, key)| (key.clone(), id))
            .collect();
        for (key, id) in ordered {
            // The root type is the top level itself; it is repeated under `$defs` only when
            // something refers to it.
            if Some(id) == root && !self.referenced.contains(&id) {
                continue;
            }
            let s = self.node(id, false);
            defs.insert(key, s);
        }
        // Keys with ':' cannot clash with definitions (identifiers joined by '.').
        defs.extend(std::mem::take(&mut self.shared));
        let mut comment = format!(
            "Exported by jsonstruct from the JSON Structure schema {}",
            self.schema.id()
        );
        if !self.options.strict_64 {
            comment
                .push_str(" (int64 and uint64 also as JSON numbers, besides the spec's strings)");
        }
        comment.push('.');
        if self.schema.offers().next().is_some() {
            comment.push_str(
                " The add-ins the document offers ($offers) are not exported: members an \
                 instance enables with $uses are rejected here where the extended type is closed.",
            );
        }
        if root.is_none() {
            comment.push_str(
                " The document declares no root type ('type' or '$root'), only definitions: \
                 the top level accepts any instance.",
            );
        }
        if let Some(Value::String(own)) = doc.get("$comment") {
            comment = format!("{comment} {own}");
        }
        doc.insert("$comment".into(), Value::String(comment));
        doc.insert("$schema".into(), DIALECT.into());
        if root == self.schema.root() {
            if let Some(name) = self.schema.name() {
                doc.entry("title").or_insert_with(|| name.into());
            }
            if let Some(d) = self.schema.description() {
                doc.entry("description").or_insert_with(|| d.into());
            }
        } else if let Some(def) = root.and_then(|r| self.schema.node(r).definition.as_ref()) {
            doc.entry("title")
                .or_insert_with(|| def.to_type_name().into());
        }
        if !defs.is_empty() {
            doc.insert("$defs".into(), Value::Object(defs));
        }
        Value::Object(doc)
    }

    /// The schema of node `id`. `meta` is set for the value at the document root (and what the
    /// validator passes it on to: aliases, unions, composition, inline choice options), where a
    /// `$schema` member is instance metadata.
    fn node(&mut self, id: TypeId, meta: bool) -> Value {
        // The add-ins of the document that wrote the node decide what it enforces.
        let outer = (self.validation, self.composition);
        let ext = self.schema.extensions_of(id);
        (self.validation, self.composition) = (ext.validation, ext.composition);
        let value = self.node_in_context(id, meta);
        (self.validation, self.composition) = outer;
        value
    }

    fn node_in_context(&mut self, id: TypeId, meta: bool) -> Value {
        let n = self.schema.node(id);
        let mut s = Map::new();
        let mut notes: Vec<String> = Vec::new();
        match &n.kind {
            TypeKind::Primitive(p) => self.primitive(p, &n.validation, &mut s, &mut notes),
            TypeKind::Object(o) => {
                self.object(o, &n.validation, meta, None, &mut s, &mut notes);
            }
            TypeKind::Array { items } => self.array(*items, false, &n.validation, &mut s),
            TypeKind::Set { items } => self.array(*items, true, &n.validation, &mut s),
            TypeKind::Map { values } => {
                self.map(*values, &n.validation, meta, &mut s, &mut notes);
            }
            TypeKind::Tuple(t) => self.tuple(t, &mut s),
            TypeKind::Choice(c) => self.choice(c, meta, &mut s, &mut notes),
            TypeKind::Union(members) => self.union(members, meta, &mut s),
            TypeKind::Ref(t) => self.reference(*t, meta, &mut s),
            TypeKind::Any | TypeKind::Unconstrained => {}
        }
        if n.is_abstract {
            notes.push(
                "Abstract type: used through $extends, whose properties are inlined into the \
                 derived types."
                    .into(),
            );
        }
        self.composition(n, meta, &mut s, &mut notes);
        self.annotations(n, &mut s, &mut notes);
        if !notes.is_empty() {
            let mut text = notes.join(" ");
            if let Some(Value::String(inner)) = s.get("$comment") {
                text = format!("{inner} {text}");
            }
            s.insert("$comment".into(), Value::String(text));
        }
        Value::Object(s)
    }

    fn annotations(&self, n: &TypeNode, s: &mut Map<String, Value>, notes: &mut Vec<String>) {
        if let Some(name) = &n.name {
            s.entry("title").or_insert_with(|| name.as_str().into());
        }
        if let Some(d) = &n.description {
            s.insert("description".into(), d.as_str().into());
        }
        if !n.examples.is_empty() {
            s.insert("examples".into(), Value::Array(n.examples.clone()));
        }
        if let Some(d) = &n.default {
            s.insert("default".into(), literal(d));
        }
        if let Some(unit) = &n.unit {
            notes.push(format!("Unit: {unit}."));
        }
        if !self.validation && !n.validation.is_empty() {
            notes.push(
                "Validation keywords are present but the Validation add-in is not enabled \
                 ($uses); like the validator, the export does not enforce them."
                    .into(),
            );
        }
    }

    /// Whether the node has composition keywords that the validator enforces.
    fn enforces_composition(&self, n: &TypeNode) -> bool {
        self.extensions(n).composition && !n.composition.is_empty()
    }

    /// The add-ins of the document that wrote `n`.
    fn extensions(&self, n: &TypeNode) -> crate::schema::Extensions {
        self.schema.sources()[n.location.source as usize].extensions()
    }

    /// The node the validator works with for `id`: `$ref` aliases without (enforced)
    /// composition keywords are followed.
    fn alias_target(&self, mut id: TypeId) -> TypeId {
        for _ in 0..=self.schema.node_count() {
            let n = self.schema.node(id);
            match n.kind {
                TypeKind::Ref(t) if !self.enforces_composition(n) => id = t,
                _ => break,
            }
        }
        id
    }

    /// Whether the schema of `id` at the document root differs from elsewhere: the root
    /// `$schema` member must be let through explicitly.
    fn meta_differs(&self, id: TypeId, seen: &mut HashSet<TypeId>) -> bool {
        if !seen.insert(id) {
            return false;
        }
        let n = self.schema.node(id);
        let own = match &n.kind {
            TypeKind::Object(o) => {
                let closed = matches!(o.additional, Additional::Forbidden | Additional::Schema(_));
                METADATA.iter().any(|m| {
                    (closed || *m == "$uses") && o.properties.iter().all(|p| p.wire_name != *m)
                })
            }
            TypeKind::Map { .. } => true,
            TypeKind::Choice(c) => {
                c.selector.is_none() || c.choices.iter().any(|(_, t)| self.meta_differs(*t, seen))
            }
            TypeKind::Union(members) => members.iter().any(|m| self.meta_differs(*m, seen)),
            TypeKind::Ref(t) => self.meta_differs(*t, seen),
            _ => false,
        };
        own || (self.extensions(n).composition && {
            let c = &n.composition;
            c.all_of
                .iter()
                .chain(&c.any_of)
                .chain(&c.one_of)
                .chain(&c.not)
                .chain(&c.if_)
                .chain(&c.then_)
                .chain(&c.else_)
                .any(|m| self.meta_differs(*m, seen))
        })
    }

    /// The schema of the root metadata member `name`, with the add-ins this document offers.
    fn instance_metadata(&self, name: &str) -> Value {
        let offers: Vec<&str> = self.schema.offers().map(|(n, _)| n).collect();
        metadata_schema(name, &offers)
    }

    fn reference(&mut self, target: TypeId, meta: bool, s: &mut Map<String, Value>) {
        let inline_for_root = meta
            && !self.inlining.contains(&target)
            && self.meta_differs(target, &mut HashSet::new());
        match self.keys.get(&target) {
            Some(key) if !inline_for_root => {
                s.insert("$ref".into(), defs_ref(key).into());
            }
            _ if self.inlining.contains(&target) => {
                // A cycle through non-definitions cannot be written out; accept (noted).
                s.insert(
                    "$comment".into(),
                    "A recursive reference that cannot be written out here.".into(),
                );
            }
            _ => {
                // At the document root the target is written inline, with the root `$schema`
                // member allowed.
                self.inlining.push(target);
                if let Value::Object(inner) = self.node(target, meta) {
                    s.extend(inner);
                }
                self.inlining.pop();
            }
        }
    }

    fn primitive(
        &mut self,
        p: &PrimitiveType,
        v: &Validation,
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        use Primitive as P;
        let string = |s: &mut Map<String, Value>| {
            s.insert("type".into(), "string".into());
        };
        match p.ty {
            P::String => string(s),
            P::Boolean => {
                s.insert("type".into(), "boolean".into());
            }
            P::Null => {
                s.insert("type".into(), "null".into());
            }
            P::Number | P::Double => {
                s.insert("type".into(), "number".into());
            }
            P::Float8 | P::Float => {
                let max = if p.ty == P::Float8 {
                    FLOAT8_MAX
                } else {
                    f32::MAX as f64
                };
                s.insert("type".into(), "number".into());
                s.insert("minimum".into(), json!(-max));
                s.insert("maximum".into(), json!(max));
            }
            t if t.is_integer() => self.integer(p, v, s, notes),
            P::Decimal => {
                string(s);
                s.insert("pattern".into(), anchored(&patterns::decimal()).into());
            }
            P::Date => {
                string(s);
                s.insert("format".into(), "date".into());
                s.insert("pattern".into(), anchored(&patterns::date()).into());
            }
            P::DateTime => {
                string(s);
                s.insert("format".into(), "date-time".into());
                s.insert("pattern".into(), anchored(&patterns::datetime()).into());
            }
            P::Time => {
                string(s);
                s.insert("pattern".into(), anchored(&patterns::time(false)).into());
                notes.push(
                    "JSON Structure time (RFC 3339 partial-time, UTC offset optional); no \
                     'format: time', which requires the offset."
                        .into(),
                );
            }
            P::Duration => {
                string(s);
                s.insert("pattern".into(), anchored(&patterns::duration()).into());
                notes.push(
                    "ISO 8601 duration (fraction allowed on the last component); no \
                     'format: duration', whose RFC 3339 grammar is stricter."
                        .into(),
                );
            }
            P::Uuid => {
                string(s);
                s.insert("format".into(), "uuid".into());
                s.insert("pattern".into(), anchored(&patterns::uuid()).into());
            }
            P::Uri => {
                string(s);
                s.insert("format".into(), "uri-reference".into());
                s.insert(
                    "pattern".into(),
                    anchored(&patterns::uri_reference_chars()).into(),
                );
            }
            P::JsonPointer => {
                string(s);
                s.insert("format".into(), "json-pointer".into());
                s.insert("pattern".into(), anchored(&patterns::json_pointer()).into());
            }
            P::Binary => {
                string(s);
                let encoding = p.content_encoding.unwrap_or(Encoding::Base64);
                s.insert("contentEncoding".into(), encoding.name().into());
                s.insert(
                    "pattern".into(),
                    anchored(&patterns::binary(encoding)).into(),
                );
                if let Some(m) = &p.content_media_type {
                    s.insert("contentMediaType".into(), m.as_str().into());
                }
                if let Some(c) = &p.content_compression {
                    notes.push(format!("contentCompression: {c}."));
                }
            }
            // Every primitive is listed above; integers are matched by the guard.
            _ => {}
        }
        if p.precision.is_some() || p.scale.is_some() {
            let part = |k: &str, v: Option<u64>| v.map(|v| format!("{k} {v}"));
            let text: Vec<String> = [part("precision", p.precision), part("scale", p.scale)]
                .into_iter()
                .flatten()
                .collect();
            notes.push(format!("{} (annotations).", text.join(", ")));
        }
        if let Some(c) = &p.const_value {
            match self.literals(p.ty, std::slice::from_ref(c)) {
                Literals::Values(mut vals) if vals.len() == 1 => {
                    put(s, "const", vals.pop().unwrap_or_default());
                }
                Literals::Values(vals) => put(s, "enum", Value::Array(vals)),
                Literals::Pattern(re, shown) => {
                    put(s, "pattern", anchored(&re).into());
                    notes.push(format!("const (by value): {}.", shown.join(", ")));
                }
            }
        }
        if let Some(e) = &p.enum_values {
            match self.literals(p.ty, e) {
                Literals::Values(vals) => put(s, "enum", Value::Array(vals)),
                Literals::Pattern(re, shown) => {
                    put(s, "pattern", anchored(&re).into());
                    notes.push(format!("enum (by value): {}.", shown.join(", ")));
                }
            }
        }
        if let Some(max) = p.max_length {
            s.insert("maxLength".into(), max.into());
        }
        if !self.validation {
            return;
        }
        if p.ty.is_float() {
            self.float_bounds(v, s, notes);
        } else if p.ty == P::Decimal {
            let written: Vec<String> = [
                ("minimum", &v.minimum),
                ("maximum", &v.maximum),
                ("exclusiveMinimum", &v.exclusive_minimum),
                ("exclusiveMaximum", &v.exclusive_maximum),
                ("multipleOf", &v.multiple_of),
            ]
            .into_iter()
            .filter_map(|(k, b)| b.as_ref().map(|b| format!("{k} {}", b.text)))
            .collect();
            if !written.is_empty() {
                notes.push(format!(
                    "Not exported: {} (JSON Schema cannot compare decimal strings numerically).",
                    written.join(", ")
                ));
            }
        }
        if p.ty == P::String {
            if let Some(min) = v.min_length {
                s.insert("minLength".into(), min.into());
            }
            if let Some(pattern) = &v.pattern {
                put(s, "pattern", anchored(pattern.source()).into());
            }
            if let Some(format) = &v.format {
                self.format(format, s, notes);
            }
        }
    }

    /// A Validation-extension `format` on a string: the JSON Schema format of the same name,
    /// plus the exact pattern where there is one. `duration` and `time` are patterns only,
    /// because the 2020-12 formats reject what the validator accepts (`PT0.5S`; a time without
    /// an offset, like the `time` type).
    fn format(&self, format: &str, s: &mut Map<String, Value>, notes: &mut Vec<String>) {
        let pattern = match format {
            "date" => Some(patterns::date()),
            "date-time" => Some(patterns::datetime()),
            "time" => Some(patterns::time(false)),
            "uuid" => Some(patterns::uuid()),
            "json-pointer" => Some(patterns::json_pointer()),
            "duration" => Some(patterns::duration()),
            _ => None,
        };
        if format == "duration" {
            notes.push(
                "format duration exported as a pattern (ISO 8601, fractions allowed).".into(),
            );
        } else if format == "time" {
            notes.push(
                "format time exported as a pattern (RFC 3339 time, the UTC offset optional)."
                    .into(),
            );
        } else {
            put(s, "format", format.into());
        }
        if let Some(p) = pattern {
            put(s, "pattern", anchored(&p).into());
        }
    }

    /// Numeric Validation keywords of a float type, combined with the type's own range.
    fn float_bounds(&self, v: &Validation, s: &mut Map<String, Value>, notes: &mut Vec<String>) {
        for (key, bound) in [
            ("minimum", &v.minimum),
            ("maximum", &v.maximum),
            ("exclusiveMinimum", &v.exclusive_minimum),
            ("exclusiveMaximum", &v.exclusive_maximum),
            ("multipleOf", &v.multiple_of),
        ] {
            let Some(b) = bound else { continue };
            let Some(value) = number(&b.text) else {
                notes.push(format!(
                    "Not exported: {key} {} (not a JSON number).",
                    b.text
                ));
                continue;
            };
            let x = value.as_f64().unwrap_or(f64::NAN);
            let tighter = match (key, s.get(key).and_then(Value::as_f64)) {
                ("minimum", Some(old)) => x > old,
                ("maximum", Some(old)) => x < old,
                _ => true,
            };
            if tighter {
                s.insert(key.into(), value);
            }
        }
    }

    /// The integer types: the type's range intersected with the Validation bounds (converted
    /// to inclusive integer limits, as the validator does), as `minimum`/`maximum` for the JSON
    /// number form and as an exact range pattern for the string form.
    fn integer(
        &mut self,
        p: &PrimitiveType,
        v: &Validation,
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        let ty = p.ty;
        let (min, max) = ty.int_range().unwrap_or((0, 0));
        let range = (Int::from_i128(min), Int::from_u128(max));
        let (mut lo, mut hi) = range;
        let mut multiple_of = None;
        if self.validation {
            let fc = |b: &Option<crate::schema::Bound>| {
                b.as_ref().and_then(|b| Int::floor_ceil(&b.text))
            };
            if let Some((_, ceil)) = fc(&v.minimum) {
                lo = lo.max(ceil);
            }
            if let Some((floor, _)) = fc(&v.exclusive_minimum) {
                lo = lo.max(floor.succ());
            }
            if let Some((floor, _)) = fc(&v.maximum) {
                hi = hi.min(floor);
            }
            if let Some((_, ceil)) = fc(&v.exclusive_maximum) {
                hi = hi.min(ceil.pred());
            }
            multiple_of = v.multiple_of.as_ref();
        }
        let plain = (lo, hi) == range
            && multiple_of.is_none()
            && p.enum_values.is_none()
            && p.const_value.is_none();
        if plain && ty.is_string_encoded_number() {
            let key = format!("jsonstruct:{}", ty.name());
            if !self.shared.contains_key(&key) {
                let mut def = Map::new();
                def.insert("title".into(), ty.name().into());
                let forms = if ty.accepts_number_leniently() && !self.options.strict_64 {
                    "a JSON integer or its decimal string (the spec's form)"
                } else {
                    "a decimal string"
                };
                def.insert(
                    "description".into(),
                    format!("JSON Structure {}: {forms} in the type's range.", ty.name()).into(),
                );
                self.integer_keywords(ty, lo, hi, None, &mut def, notes);
                self.shared.insert(key.clone(), Value::Object(def));
            }
            s.insert("$ref".into(), defs_ref(&key).into());
            return;
        }
        self.integer_keywords(ty, lo, hi, multiple_of, s, notes);
    }

    fn integer_keywords(
        &self,
        ty: Primitive,
        lo: Int,
        hi: Int,
        multiple_of: Option<&crate::schema::Bound>,
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        let string_form = ty.is_string_encoded_number();
        let number_form =
            !string_form || (ty.accepts_number_leniently() && !self.options.strict_64);
        s.insert(
            "type".into(),
            match (number_form, string_form) {
                (true, true) => json!(["integer", "string"]),
                (true, false) => json!("integer"),
                _ => json!("string"),
            },
        );
        if number_form {
            if let (Some(a), Some(b)) = (lo.to_json(), hi.to_json()) {
                s.insert("minimum".into(), a);
                s.insert("maximum".into(), b);
            }
            if let Some(m) = multiple_of.and_then(|m| number(&m.text)) {
                s.insert("multipleOf".into(), m);
            }
        }
        if string_form {
            let signed = matches!(ty, Primitive::Int64 | Primitive::Int128);
            s.insert(
                "pattern".into(),
                anchored(&patterns::int_range(lo, hi, signed)).into(),
            );
            if let Some(m) = multiple_of {
                notes.push(format!(
                    "Not exported for the string form: multipleOf {} (JSON Schema cannot do \
                     arithmetic on strings).",
                    m.text
                ));
            }
        }
    }

    /// `enum`/`const` values in the form JSON Schema compares them like the validator does.
    fn literals(&self, ty: Primitive, values: &[Literal]) -> Literals {
        use Primitive as P;
        match ty {
            P::Int64 | P::Uint64 | P::Int128 | P::Uint128 => {
                let number_form = ty.accepts_number_leniently() && !self.options.strict_64;
                let signed = matches!(ty, P::Int64 | P::Int128);
                let mut out = Vec::new();
                for v in values {
                    let Some(text) = literal_text(v) else {
                        continue;
                    };
                    // 64-bit literals compare as integers (a literal with a fraction never
                    // matches); 128-bit ones by exact decimal value.
                    let int = if ty.accepts_number_leniently() {
                        Int::parse_integer(text)
                    } else {
                        Int::floor_ceil(text)
                            .filter(|(f, c)| f == c)
                            .map(|(f, _)| f)
                    };
                    let Some(int) = int else { continue };
                    if number_form {
                        out.extend(int.to_json());
                    }
                    out.push(int.to_string().into());
                    if signed && int == Int::ZERO {
                        out.push("-0".into());
                    }
                }
                Literals::Values(out)
            }
            P::Decimal => {
                let mut res = Vec::new();
                let mut shown = Vec::new();
                for text in values.iter().filter_map(literal_text) {
                    if let Some(re) = patterns::decimal_value(text) {
                        res.push(re);
                        shown.push(format!("{text:?}"));
                    }
                }
                if res.is_empty() {
                    res.push(patterns::NOTHING.into());
                }
                Literals::Pattern(res.join("|"), shown)
            }
            _ => Literals::Values(values.iter().map(literal).collect()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        o: &ObjectType,
        v: &Validation,
        meta: bool,
        selector: Option<(&str, &str)>,
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        s.insert("type".into(), "object".into());
        let mut props = Map::new();
        let mut required: Vec<Value> = Vec::new();
        for p in &o.properties {
            let schema = self.node(p.ty, false);
            props.insert(p.wire_name.clone(), schema);
            if p.required {
                required.push(p.wire_name.as_str().into());
            }
        }
        if let Some((sel, name)) = selector {
            let tag = json!({ "const": name });
            match props.get_mut(sel) {
                Some(declared) => {
                    let d = declared.take();
                    *declared = json!({ "allOf": [d, tag] });
                }
                None => {
                    props.insert(sel.to_owned(), tag);
                }
            }
            if !required.iter().any(|r| r == sel) {
                required.push(sel.into());
            }
        }
        let closed = matches!(o.additional, Additional::Forbidden | Additional::Schema(_));
        if meta {
            // A closed object must let the metadata through; an open one lets `$schema`
            // through anyway, but `$uses` is still checked.
            for name in METADATA.into_iter().filter(|m| closed || *m == "$uses") {
                if !props.contains_key(name) {
                    props.insert(name.into(), self.instance_metadata(name));
                }
            }
        }
        if !props.is_empty() {
            s.insert("properties".into(), Value::Object(props));
        }
        if !required.is_empty() {
            s.insert("required".into(), Value::Array(required));
        }
        match o.additional {
            Additional::Unspecified => {}
            Additional::Allowed => {
                s.insert("additionalProperties".into(), true.into());
            }
            Additional::Forbidden => {
                s.insert("additionalProperties".into(), false.into());
            }
            Additional::Schema(t) => {
                let schema = self.node(t, false);
                s.insert("additionalProperties".into(), schema);
            }
        }
        let wire = |name: &str| o.property(name).map(|p| p.wire_name.clone());
        for group in &o.required_alternatives {
            // Exactly one set of the group must be complete: `oneOf` of `required` groups.
            let sets: Vec<Value> = group
                .iter()
                .map(|set| {
                    let names: Vec<String> = set.iter().filter_map(|n| wire(n)).collect();
                    json!({ "required": names })
                })
                .collect();
            put(s, "oneOf", Value::Array(sets));
        }
        if self.validation {
            let dependent: Map<String, Value> = v
                .dependent_required
                .iter()
                .map(|(a, bs)| {
                    // A name the object does not declare is a member name as written.
                    let member = |n: &String| wire(n).unwrap_or_else(|| n.clone());
                    let needs: Vec<String> = bs.iter().map(member).collect();
                    (member(a), json!(needs))
                })
                .collect();
            if !dependent.is_empty() {
                s.insert("dependentRequired".into(), Value::Object(dependent));
            }
            // At the root undeclared `$schema` and `$uses` members are metadata: not counted,
            // not matched against patterns or names (a declared one is an ordinary property).
            let metadata: Vec<&str> = METADATA
                .into_iter()
                .filter(|m| meta && !o.properties.iter().any(|p| p.wire_name == *m))
                .collect();
            self.entries(v, false, &metadata, s, notes);
        }
    }

    /// Validation keywords shared by objects and maps. `map` selects the map reading
    /// (`additionalProperties` holds the values schema); `metadata` names the members of an
    /// object or map at the document root that the validator neither counts nor checks.
    fn entries(
        &mut self,
        v: &Validation,
        map: bool,
        metadata: &[&str],
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        if !metadata.is_empty() && (v.min_entries.is_some() || v.max_entries.is_some()) {
            // Counted without the metadata members: as many more are allowed as are there.
            let counts = |extra: u64| {
                let mut m = Map::new();
                if let Some(min) = v.min_entries {
                    m.insert("minProperties".into(), (min + extra).into());
                }
                if let Some(max) = v.max_entries {
                    m.insert("maxProperties".into(), (max + extra).into());
                }
                Value::Object(m)
            };
            put(
                s,
                "allOf",
                json!([by_metadata_present(metadata, 0, &counts)]),
            );
        } else {
            if let Some(min) = v.min_entries {
                s.insert("minProperties".into(), min.into());
            }
            if let Some(max) = v.max_entries {
                s.insert("maxProperties".into(), max.into());
            }
        }
        if !v.pattern_entries.is_empty() {
            let mut pp = Map::new();
            for (pattern, t) in &v.pattern_entries {
                let schema = self.node(*t, false);
                pp.insert(search_pattern(pattern.source()), schema);
            }
            if map {
                // Beside `additionalProperties` (the map's values) a `patternProperties` would
                // exempt matching keys from the values schema; in `allOf` it does not.
                put(s, "allOf", json!([{ "patternProperties": pp }]));
            } else {
                s.insert("patternProperties".into(), Value::Object(pp));
            }
            if !metadata.is_empty() {
                notes.push(format!(
                    "At the document root the validator does not match {} members against \
                     patternKeys; this schema does.",
                    metadata.join(" or ")
                ));
            }
        }
        if let Some(names) = v.entry_names {
            // The validator checks member names against a primitive (string) schema only.
            let target = self.schema.resolve(names);
            if matches!(self.schema.node(target).kind, TypeKind::Primitive(_)) {
                let mut schema = self.node(names, false);
                if !metadata.is_empty() {
                    schema = json!({ "anyOf": [{ "enum": metadata }, schema] });
                }
                s.insert("propertyNames".into(), schema);
            } else {
                notes.push("Name schema is not a primitive: not enforced, not exported.".into());
            }
        }
        if let Some(has) = v.has {
            // Some member value matches: "not every member value fails".
            let schema = self.node(has, false);
            let mut every_fails = json!({ "additionalProperties": { "not": schema } });
            if !metadata.is_empty() {
                let skipped: Map<String, Value> = metadata
                    .iter()
                    .map(|m| ((*m).to_owned(), true.into()))
                    .collect();
                every_fails["properties"] = Value::Object(skipped);
            }
            put(s, "allOf", json!([{ "not": every_fails }]));
        }
    }

    fn array(&mut self, items: TypeId, set: bool, v: &Validation, s: &mut Map<String, Value>) {
        s.insert("type".into(), "array".into());
        let schema = self.node(items, false);
        s.insert("items".into(), schema);
        if set {
            s.insert("uniqueItems".into(), true.into());
        }
        if !self.validation {
            return;
        }
        if let Some(min) = v.min_items {
            s.insert("minItems".into(), min.into());
        }
        if let Some(max) = v.max_items {
            s.insert("maxItems".into(), max.into());
        }
        if v.unique_items {
            s.insert("uniqueItems".into(), true.into());
        }
        if let Some(c) = v.contains {
            let schema = self.node(c, false);
            s.insert("contains".into(), schema);
            if let Some(min) = v.min_contains {
                s.insert("minContains".into(), min.into());
            }
            if let Some(max) = v.max_contains {
                s.insert("maxContains".into(), max.into());
            }
        }
    }

    fn map(
        &mut self,
        values: TypeId,
        v: &Validation,
        meta: bool,
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        s.insert("type".into(), "object".into());
        let schema = self.node(values, false);
        s.insert("additionalProperties".into(), schema);
        let metadata: &[&str] = if meta { &METADATA } else { &[] };
        if meta {
            let props: Map<String, Value> = METADATA
                .into_iter()
                .map(|m| (m.to_owned(), self.instance_metadata(m)))
                .collect();
            s.insert("properties".into(), Value::Object(props));
        }
        if self.validation {
            self.entries(v, true, metadata, s, notes);
        }
    }

    fn tuple(&mut self, t: &TupleType, s: &mut Map<String, Value>) {
        s.insert("type".into(), "array".into());
        let items: Vec<Value> = t
            .elements
            .iter()
            .map(|e| {
                let mut schema = self.node(e.ty, false);
                if let Value::Object(m) = &mut schema {
                    m.entry("title").or_insert_with(|| e.name.as_str().into());
                }
                schema
            })
            .collect();
        let n = items.len();
        s.insert("prefixItems".into(), Value::Array(items));
        s.insert("items".into(), false.into());
        s.insert("minItems".into(), n.into());
        s.insert("maxItems".into(), n.into());
    }

    fn choice(
        &mut self,
        c: &ChoiceType,
        meta: bool,
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        s.insert("type".into(), "object".into());
        if c.choices.is_empty() {
            s.insert("not".into(), json!({}));
            return;
        }
        let options: Vec<Value> = match c.selector.as_deref() {
            // Tagged: exactly one member, named after a choice.
            None => c
                .choices
                .iter()
                .map(|(name, t)| {
                    let mut props = Map::new();
                    props.insert(name.clone(), self.node(*t, false));
                    if meta {
                        for m in METADATA.into_iter().filter(|m| name != m) {
                            props.insert(m.into(), self.instance_metadata(m));
                        }
                    }
                    json!({
                        "properties": props,
                        "required": [name],
                        "additionalProperties": false,
                    })
                })
                .collect(),
            // Inline: the option's own schema, with the selector naming it.
            Some(selector) => c
                .choices
                .iter()
                .map(|(name, t)| self.inline_option(*t, selector, name, meta, notes))
                .collect(),
        };
        s.insert("oneOf".into(), Value::Array(options));
    }

    fn inline_option(
        &mut self,
        option: TypeId,
        selector: &str,
        name: &str,
        meta: bool,
        notes: &mut Vec<String>,
    ) -> Value {
        let target = self.alias_target(option);
        let node = self.schema.node(target);
        if let (TypeKind::Object(o), true) = (&node.kind, !self.enforces_composition(node)) {
            // The validator checks the option object with the selector member exempt from
            // `additionalProperties`: written out here with the selector as a `const`.
            let mut m = Map::new();
            m.insert("title".into(), name.into());
            self.object(
                o,
                &node.validation,
                meta,
                Some((selector, name)),
                &mut m,
                notes,
            );
            return Value::Object(m);
        }
        let schema = self.node(option, meta);
        json!({
            "title": name,
            "allOf": [schema],
            "properties": { selector: { "const": name } },
            "required": [selector],
        })
    }

    fn union(&mut self, members: &[TypeId], meta: bool, s: &mut Map<String, Value>) {
        let plain: Option<Vec<&str>> = members.iter().map(|m| self.plain_type(*m)).collect();
        match plain {
            Some(mut types) => {
                let mut seen = HashSet::new();
                types.retain(|t| seen.insert(*t));
                let ty = if types.len() == 1 {
                    json!(types[0])
                } else {
                    json!(types)
                };
                s.insert("type".into(), ty);
            }
            None => {
                let schemas: Vec<Value> = members.iter().map(|m| self.node(*m, meta)).collect();
                s.insert("anyOf".into(), Value::Array(schemas));
            }
        }
    }

    /// The JSON Schema type name of a union member that is nothing but a plain JSON type.
    fn plain_type(&self, id: TypeId) -> Option<&'static str> {
        let n = self.schema.node(id);
        let TypeKind::Primitive(p) = &n.kind else {
            return None;
        };
        let bare = p.enum_values.is_none()
            && p.const_value.is_none()
            && p.max_length.is_none()
            && n.description.is_none()
            && (!self.extensions(n).validation || n.validation.is_empty())
            && !self.enforces_composition(n);
        if !bare {
            return None;
        }
        match p.ty {
            Primitive::String => Some("string"),
            Primitive::Boolean => Some("boolean"),
            Primitive::Null => Some("null"),
            Primitive::Number | Primitive::Double => Some("number"),
            _ => None,
        }
    }

    fn composition(
        &mut self,
        n: &TypeNode,
        meta: bool,
        s: &mut Map<String, Value>,
        notes: &mut Vec<String>,
    ) {
        let c = &n.composition;
        if c.is_empty() {
            return;
        }
        if !self.composition {
            notes.push(
                "Composition keywords are present but the Conditional Composition add-in is not \
                 enabled ($uses); like the validator, the export does not enforce them."
                    .into(),
            );
            return;
        }
        for (key, members) in [
            ("allOf", &c.all_of),
            ("anyOf", &c.any_of),
            ("oneOf", &c.one_of),
        ] {
            if !members.is_empty() {
                let schemas: Vec<Value> = members.iter().map(|m| self.node(*m, meta)).collect();
                put(s, key, Value::Array(schemas));
            }
        }
        if let Some(not) = c.not {
            let schema = self.node(not, meta);
            put(s, "not", schema);
        }
        if let Some(cond) = c.if_ {
            let mut conditional = Map::new();
            conditional.insert("if".into(), self.node(cond, meta));
            if let Some(t) = c.then_ {
                conditional.insert("then".into(), self.node(t, meta));
            }
            if let Some(e) = c.else_ {
                conditional.insert("else".into(), self.node(e, meta));
            }
            if s.contains_key("if") {
                put(s, "allOf", json!([conditional]));
            } else {
                s.extend(conditional);
            }
        }
    }
}
