//! The "fields" importer: converts a "fields"-shaped document (an `entity` with a `fields` array of
//! `{name, type, format, nullable, description}` and a `required` list, as Clerk publishes its
//! Session) into a JSON Structure Core document. The mapping:
//!
//! | source | JSON Structure |
//! | --- | --- |
//! | `string` | `string`; formats with a core type become it (`date-time` -> `datetime`, `date`, `time`, `duration`, `uuid`, `uri`, `byte` -> `binary`, `int64` -> `int64`, ...); other formats are dropped (warning) |
//! | `integer` + `int8`..`uint128` format | that type |
//! | `integer` without format | `int64`, with a warning: JSON Structure's `integer` is `int32`, too narrow for e.g. millisecond timestamps |
//! | `number` | `number` (any JSON number, as in the source); `float`/`double` formats give `float`/`double` |
//! | `boolean` | `boolean` |
//! | `object` (members not described) | `map` of `any`: still only objects, any members (warning) |
//! | `array` (items not described) | `array` of `any` (warning) |
//! | a JSON Structure type name | itself |
//! | missing or unknown type | `any` (warning) |
//! | `nullable: true` | a union with `"null"`; a `map`/`array` goes to a named definition first, because unions cannot hold inline compound types |
//!
//! Every lossy mapping gives one warning naming the field. Empty descriptions are omitted. Prose
//! before and after the JSON object (the seed documents start with a sentence) is skipped with a
//! note. The output passes the same check as `jsonstruct check`. Malformed input is a located
//! [`ImportError`]. `jsonstruct import fields FILE` is this function on the command line.

use std::collections::BTreeSet;
use std::fmt;

use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use crate::json::{self, Node, SyntaxErrorKind, Value};
use crate::location::line_col;
use crate::schema::is_identifier;
use crate::Schema;

const CORE_META: &str = "https://json-structure.org/meta/core/v0/#";
const EXTENDED_META: &str = "https://json-structure.org/meta/extended/v0/#";
const ALTNAMES_ADDIN: &str = "JSONStructureAlternateNames";
/// Far deeper than any "fields" document; keeps hostile input from exhausting the stack.
const MAX_DEPTH: u32 = 128;

/// The converted document and what was said about it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Imported {
    /// The JSON Structure document, pretty-printed; it passes [`Schema::check`].
    pub document: String,
    /// Every lossy mapping, one per field concerned.
    pub warnings: Vec<String>,
    /// What was skipped or not carried over (prose around the JSON, titles).
    pub notes: Vec<String>,
}

/// Why a document cannot be converted; located when the problem is at a place in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportError {
    /// 1-based line and column in the input (0 when the problem is not at a place).
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    fn new(message: impl Into<String>) -> Self {
        ImportError {
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    fn at(bytes: &[u8], offset: usize, message: impl fmt::Display) -> Self {
        let (line, column) = line_col(bytes, offset);
        ImportError {
            line,
            column,
            message: message.to_string(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// Converts a "fields" document (see the module docs); `id` is the `$id` to give the schema
/// (an absolute URI; default `urn:jsonstruct:import:<entity>`).
///
/// ```
/// let source = br#"{"entity": "Thing", "fields": [
///     {"name": "id", "type": "string", "nullable": false},
///     {"name": "at", "type": "integer", "format": "int64", "nullable": false}
/// ], "required": ["id"]}"#;
/// let imported = jsonstruct::import::fields(source, None).unwrap();
/// let schema = jsonstruct::Schema::from_slice(imported.document.as_bytes()).unwrap();
/// assert_eq!(schema.name(), Some("Thing"));
/// ```
pub fn fields(bytes: &[u8], id: Option<&str>) -> Result<Imported, ImportError> {
    let mut notes = Vec::new();
    let start = bytes
        .iter()
        .position(|&b| b == b'{')
        .ok_or_else(|| ImportError::new("no JSON object in the input (no '{')"))?;
    if start > 0 {
        let (line, column) = line_col(bytes, start);
        notes.push(format!(
            "skipped {start} bytes of text before the JSON object, which starts at line {line}, column {column}"
        ));
    }
    let root = match json::tree::parse(&bytes[start..], MAX_DEPTH) {
        Ok(root) => root,
        Err(e) if e.kind == SyntaxErrorKind::TrailingCharacters => {
            // Prose after the object too: keep the object, say what was ignored.
            let end = start + e.offset;
            let root = json::tree::parse(&bytes[start..end], MAX_DEPTH)
                .map_err(|e| ImportError::at(bytes, start + e.offset, e.kind))?;
            let (line, column) = line_col(bytes, end);
            notes.push(format!(
                "ignored {} bytes of text after the JSON object, from line {line}, column {column}",
                bytes.len() - end
            ));
            root
        }
        Err(e) => {
            return Err(ImportError::at(
                bytes,
                start + e.offset,
                format_args!("not well-formed JSON: {}", e.kind),
            ))
        }
    };
    let input = Input { bytes, base: start };
    let mut c = Converter::default();
    let doc = c.document(&input, &root, id)?;
    let document = serde_json::to_string_pretty(&doc)
        .map_err(|e| ImportError::new(format!("cannot write the document: {e}")))?;
    // The output must pass the same check as `jsonstruct check`.
    let report = Schema::check(document.as_bytes());
    if !report.is_valid() {
        let errors: Vec<String> = report.errors().map(|d| format!("\n  {d}")).collect();
        return Err(ImportError::new(format!(
            "internal error: the converted schema does not pass check:{}",
            errors.concat()
        )));
    }
    notes.extend(c.notes);
    Ok(Imported {
        document,
        warnings: c.warnings,
        notes,
    })
}

/// The input text, for locating problems (`base` is where the JSON starts in it).
struct Input<'a> {
    bytes: &'a [u8],
    base: usize,
}

impl Input<'_> {
    fn error(&self, node: &Node, msg: impl fmt::Display) -> ImportError {
        ImportError::at(self.bytes, self.base + node.start, msg)
    }
}

#[derive(Default)]
struct Converter {
    warnings: Vec<String>,
    notes: Vec<String>,
    /// Names taken in the root namespace (the entity and generated definitions).
    taken: BTreeSet<String>,
    definitions: Vec<(String, SchemaNode)>,
    uses_altnames: bool,
}

/// One field of the source.
struct Field<'n> {
    node: &'n Node,
    name: String,
    ty: Option<&'n str>,
    format: Option<&'n str>,
    nullable: bool,
    description: Option<String>,
}

impl Converter {
    fn document(
        &mut self,
        input: &Input<'_>,
        root: &Node,
        id: Option<&str>,
    ) -> Result<Document, ImportError> {
        for m in root.as_object().unwrap_or_default() {
            match m.key.as_str() {
                "$schema" | "entity" | "fields" | "required" | "description" => {}
                "title" => {
                    if let Some(title) = m.value.as_str() {
                        self.notes.push(format!(
                            "title \"{title}\" has no JSON Structure keyword and is not carried over"
                        ));
                    }
                }
                other => self.warnings.push(format!(
                    "root key '{other}' is not understood and is dropped"
                )),
            }
        }
        let name = self.entity_name(input, root)?;
        self.taken.insert(name.clone());
        let id = match id {
            Some(id) if crate::formats::is_uri(id) => id.to_owned(),
            Some(id) => {
                return Err(ImportError::new(format!(
                    "the $id \"{id}\" is not an absolute URI"
                )))
            }
            None => format!("urn:jsonstruct:import:{name}"),
        };
        let description = optional_string(input, root, "description")?;

        let fields_node = root
            .get("fields")
            .ok_or_else(|| input.error(root, "the document has no 'fields' array"))?;
        let items = fields_node
            .as_array()
            .ok_or_else(|| input.error(fields_node, "'fields' must be an array"))?;
        let mut fields = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            fields.push(self.field(input, item, i)?);
        }

        // Property names: identifiers as they are; others get one, with the wire name in altnames.
        let mut properties: Vec<(String, SchemaNode)> = Vec::new();
        let mut by_source_name: Vec<(String, String)> = Vec::new();
        for f in &fields {
            if by_source_name.iter().any(|(s, _)| *s == f.name) {
                return Err(input.error(f.node, format!("field '{}' is listed twice", f.name)));
            }
            let ident = if is_identifier(&f.name) {
                f.name.clone()
            } else {
                let ident = identifier_from(&f.name);
                self.warnings.push(format!(
                    "field '{}': not an identifier; declared as '{ident}' with altnames {{\"json\": \"{}\"}} (Alternate Names add-in)",
                    f.name, f.name
                ));
                ident
            };
            if properties.iter().any(|(p, _)| *p == ident) {
                return Err(input.error(
                    f.node,
                    format!(
                        "field '{}' maps to the property name '{ident}', which is already used",
                        f.name
                    ),
                ));
            }
            let mut node = self.property(&name, f);
            if ident != f.name {
                node.altnames = Some(Members(vec![("json".into(), f.name.clone())]));
                self.uses_altnames = true;
            }
            by_source_name.push((f.name.clone(), ident.clone()));
            properties.push((ident, node));
        }

        let mut required = Vec::new();
        if let Some(req) = root.get("required") {
            let names = req
                .as_array()
                .ok_or_else(|| input.error(req, "'required' must be an array of field names"))?;
            for n in names {
                let s = n
                    .as_str()
                    .ok_or_else(|| input.error(n, "'required' entries must be strings"))?;
                match by_source_name.iter().find(|(src, _)| src == s) {
                    Some((_, ident)) if !required.contains(ident) => required.push(ident.clone()),
                    Some(_) => {}
                    None => self
                        .warnings
                        .push(format!("required name '{s}' is not a field; it is dropped")),
                }
            }
        }

        let (meta, uses) = if self.uses_altnames {
            (EXTENDED_META, vec![ALTNAMES_ADDIN])
        } else {
            (CORE_META, Vec::new())
        };
        Ok(Document {
            schema: meta,
            id,
            uses,
            name,
            description,
            ty: "object",
            properties: Members(properties),
            required,
            definitions: Members(std::mem::take(&mut self.definitions)),
        })
    }

    /// `entity`, or failing that `title`, as an identifier.
    fn entity_name(&mut self, input: &Input<'_>, root: &Node) -> Result<String, ImportError> {
        let (key, node) = match (root.get("entity"), root.get("title")) {
            (Some(e), _) => ("entity", e),
            (None, Some(t)) => ("title", t),
            (None, None) => {
                return Err(input.error(root, "the document has no 'entity' (the type's name)"))
            }
        };
        let text = node
            .as_str()
            .ok_or_else(|| input.error(node, format!("'{key}' must be a string")))?;
        if key == "entity" && is_identifier(text) {
            return Ok(text.to_owned());
        }
        let name = pascal_identifier(text);
        if name.is_empty() {
            return Err(input.error(
                node,
                format!("'{key}' \"{text}\" gives no usable type name"),
            ));
        }
        self.warnings.push(format!(
            "the type name '{name}' was made from {key} \"{text}\""
        ));
        Ok(name)
    }

    fn field<'n>(
        &mut self,
        input: &Input<'_>,
        item: &'n Node,
        index: usize,
    ) -> Result<Field<'n>, ImportError> {
        let Some(members) = item.as_object() else {
            return Err(input.error(item, format!("fields[{index}] must be an object")));
        };
        let name_node = item
            .get("name")
            .ok_or_else(|| input.error(item, format!("fields[{index}] has no 'name'")))?;
        let name = name_node
            .as_str()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| {
                input.error(
                    name_node,
                    format!("fields[{index}].name must be a non-empty string"),
                )
            })?
            .to_owned();
        for m in members {
            if !matches!(
                m.key.as_str(),
                "name" | "type" | "format" | "nullable" | "description"
            ) {
                self.warnings.push(format!(
                    "field '{name}': key '{}' is not understood and is dropped",
                    m.key
                ));
            }
        }
        let ty = optional_str(input, item, "type")?;
        let format = optional_str(input, item, "format")?.filter(|f| !f.is_empty());
        let nullable = match item.get("nullable").map(|n| (n, &n.value)) {
            None | Some((_, Value::Null)) => false,
            Some((_, Value::Bool(b))) => *b,
            Some((n, _)) => {
                return Err(input.error(n, format!("field '{name}': 'nullable' must be a boolean")))
            }
        };
        let description = optional_string(input, item, "description")?;
        Ok(Field {
            node: item,
            name,
            ty,
            format,
            nullable,
            description,
        })
    }

    /// The property schema of a field.
    fn property(&mut self, entity: &str, f: &Field<'_>) -> SchemaNode {
        let mapped = self.map_type(f);
        let ty = match mapped {
            Mapped::Primitive(p) if f.nullable && !matches!(p, "null" | "any") => {
                Type::Union(vec![Type::Name(p), Type::Name("null")])
            }
            Mapped::Primitive(p) => Type::Name(p),
            Mapped::Compound(node) if f.nullable => {
                // Unions hold only primitives and $refs: name the compound type.
                let def = self.definition_name(entity, &f.name);
                let mut node = node;
                node.description = Some(format!("The value of `{}` when it is not null.", f.name));
                self.definitions.push((def.clone(), node));
                Type::Union(vec![
                    Type::Ref(format!("#/definitions/{def}")),
                    Type::Name("null"),
                ])
            }
            Mapped::Compound(node) => {
                return SchemaNode {
                    description: f.description.clone(),
                    ..node
                }
            }
        };
        SchemaNode {
            ty,
            description: f.description.clone(),
            items: None,
            values: None,
            altnames: None,
        }
    }

    fn map_type(&mut self, f: &Field<'_>) -> Mapped {
        let name = &f.name;
        let format = f.format;
        let mut warn = |msg: String| self.warnings.push(format!("field '{name}': {msg}"));
        let drop_format = |warn: &mut dyn FnMut(String), ty: &str| {
            if let Some(fmt) = format {
                warn(format!(
                    "format '{fmt}' has no JSON Structure Core type for '{ty}'; it is dropped"
                ));
            }
        };
        match f.ty {
            Some("string") => match format.and_then(string_format) {
                Some(p) => Mapped::Primitive(p),
                None => {
                    drop_format(&mut warn, "string");
                    Mapped::Primitive("string")
                }
            },
            Some("integer") => match format {
                Some(fmt) if integer_format(fmt).is_some() => {
                    let p = integer_format(fmt).unwrap_or("int64");
                    if matches!(p, "int128" | "uint128") {
                        warn(format!("{p} values are strings on the wire in JSON Structure; JSON numbers will not validate"));
                    }
                    Mapped::Primitive(p)
                }
                Some(fmt) => {
                    warn(format!("integer with unknown format '{fmt}' mapped to int64; the format is dropped"));
                    Mapped::Primitive("int64")
                }
                None => {
                    warn("integer without a format mapped to int64 (JSON Structure's 'integer' is int32, too narrow for values such as millisecond timestamps)".into());
                    Mapped::Primitive("int64")
                }
            },
            Some("number") => match format {
                Some("float") => Mapped::Primitive("float"),
                Some("double") => Mapped::Primitive("double"),
                _ => {
                    drop_format(&mut warn, "number");
                    Mapped::Primitive("number")
                }
            },
            Some("boolean") => {
                drop_format(&mut warn, "boolean");
                Mapped::Primitive("boolean")
            }
            Some("null") => Mapped::Primitive("null"),
            Some("object") => {
                drop_format(&mut warn, "object");
                warn("object without described members mapped to a map of any (any members, values unchecked)".into());
                Mapped::Compound(SchemaNode::map_of_any())
            }
            Some("array") => {
                drop_format(&mut warn, "array");
                warn("array without described items mapped to an array of any".into());
                Mapped::Compound(SchemaNode::array_of_any())
            }
            Some(other) => match crate::schema::Primitive::from_name(other) {
                Some(p) => {
                    drop_format(&mut warn, other);
                    Mapped::Primitive(p.name())
                }
                None => {
                    warn(format!("unknown type '{other}' mapped to any"));
                    Mapped::Primitive("any")
                }
            },
            None => {
                warn("no type given; mapped to any".into());
                Mapped::Primitive("any")
            }
        }
    }

    /// `<Entity><FieldInPascalCase>`, unique in the root namespace.
    fn definition_name(&mut self, entity: &str, field: &str) -> String {
        let base = format!("{entity}{}", pascal_identifier(field));
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }
}

/// What a source type becomes before nullability is applied.
enum Mapped {
    Primitive(&'static str),
    Compound(SchemaNode),
}

/// A string format that has its own core type.
fn string_format(format: &str) -> Option<&'static str> {
    Some(match format {
        "date-time" | "datetime" => "datetime",
        "date" => "date",
        "time" => "time",
        "duration" => "duration",
        "uuid" => "uuid",
        "uri" | "url" | "uri-reference" => "uri",
        "byte" | "binary" | "base64" => "binary",
        "json-pointer" | "jsonpointer" => "jsonpointer",
        "int64" => "int64",
        "uint64" => "uint64",
        "int128" => "int128",
        "uint128" => "uint128",
        "decimal" => "decimal",
        _ => return None,
    })
}

/// An integer format naming a sized integer type.
fn integer_format(format: &str) -> Option<&'static str> {
    Some(match format {
        "int8" => "int8",
        "uint8" => "uint8",
        "int16" => "int16",
        "uint16" => "uint16",
        "int32" => "int32",
        "uint32" => "uint32",
        "int64" => "int64",
        "uint64" => "uint64",
        "int128" => "int128",
        "uint128" => "uint128",
        _ => return None,
    })
}

/// A string member that may be absent or null; an empty (or blank) string counts as absent.
fn optional_string(
    input: &Input<'_>,
    node: &Node,
    key: &str,
) -> Result<Option<String>, ImportError> {
    Ok(optional_str(input, node, key)?
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned))
}

fn optional_str<'n>(
    input: &Input<'_>,
    node: &'n Node,
    key: &str,
) -> Result<Option<&'n str>, ImportError> {
    match node.get(key) {
        None => Ok(None),
        Some(v) => match &v.value {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s)),
            _ => Err(input.error(v, format!("'{key}' must be a string or null"))),
        },
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*` from any text: other characters become `_`, a leading digit gets a
/// `_` in front.
fn identifier_from(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, '_');
    }
    s
}

/// `latest_activity` -> `LatestActivity`, `Clerk Session Structure` -> `ClerkSessionStructure`.
fn pascal_identifier(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

// ---------------------------------------------------------------------------------- output

/// The generated document; fields serialize in this order.
#[derive(Serialize)]
struct Document {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(rename = "$id")]
    id: String,
    #[serde(rename = "$uses", skip_serializing_if = "Vec::is_empty")]
    uses: Vec<&'static str>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(rename = "type")]
    ty: &'static str,
    properties: Members<SchemaNode>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    required: Vec<String>,
    #[serde(skip_serializing_if = "Members::is_empty")]
    definitions: Members<SchemaNode>,
}

#[derive(Serialize)]
struct SchemaNode {
    #[serde(rename = "type")]
    ty: Type,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    items: Option<Box<SchemaNode>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    values: Option<Box<SchemaNode>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    altnames: Option<Members<String>>,
}

impl SchemaNode {
    fn of(ty: Type) -> Self {
        SchemaNode {
            ty,
            description: None,
            items: None,
            values: None,
            altnames: None,
        }
    }

    fn map_of_any() -> Self {
        SchemaNode {
            values: Some(Box::new(SchemaNode::of(Type::Name("any")))),
            ..SchemaNode::of(Type::Name("map"))
        }
    }

    fn array_of_any() -> Self {
        SchemaNode {
            items: Some(Box::new(SchemaNode::of(Type::Name("any")))),
            ..SchemaNode::of(Type::Name("array"))
        }
    }
}

/// The value of `type`.
enum Type {
    Name(&'static str),
    Ref(String),
    Union(Vec<Type>),
}

impl Serialize for Type {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Type::Name(n) => s.serialize_str(n),
            Type::Ref(r) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("$ref", r)?;
                m.end()
            }
            Type::Union(members) => {
                let mut seq = s.serialize_seq(Some(members.len()))?;
                for t in members {
                    seq.serialize_element(t)?;
                }
                seq.end()
            }
        }
    }
}

/// An object whose members keep their insertion order.
struct Members<T>(Vec<(String, T)>);

impl<T> Members<T> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T: Serialize> Serialize for Members<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(text: &str) -> Result<Imported, ImportError> {
        fields(text.as_bytes(), None)
    }

    #[test]
    fn names() {
        assert_eq!(identifier_from("first-name"), "first_name");
        assert_eq!(identifier_from("9lives"), "_9lives");
        assert_eq!(pascal_identifier("latest_activity"), "LatestActivity");
        assert_eq!(
            pascal_identifier("Clerk Session Structure"),
            "ClerkSessionStructure"
        );
    }

    #[test]
    fn formats_pick_core_types() {
        let out = convert(
            r#"{"entity": "E", "fields": [
                {"name": "at", "type": "string", "format": "date-time"},
                {"name": "n", "type": "integer", "format": "int32"},
                {"name": "x", "type": "number", "format": "float"},
                {"name": "mail", "type": "string", "format": "email"}
            ]}"#,
        )
        .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&out.document).unwrap();
        assert_eq!(doc["properties"]["at"]["type"], "datetime");
        assert_eq!(doc["properties"]["n"]["type"], "int32");
        assert_eq!(doc["properties"]["x"]["type"], "float");
        assert_eq!(doc["properties"]["mail"]["type"], "string");
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(out.warnings[0].contains("'mail'") && out.warnings[0].contains("email"));
    }

    #[test]
    fn non_identifier_names_get_altnames_and_the_add_in() {
        let out = convert(
            r#"{"entity": "E", "fields": [{"name": "first-name", "type": "string"}],
                "required": ["first-name"]}"#,
        )
        .unwrap();
        let doc: serde_json::Value = serde_json::from_str(&out.document).unwrap();
        assert_eq!(doc["$schema"], EXTENDED_META);
        assert_eq!(doc["$uses"][0], ALTNAMES_ADDIN);
        assert_eq!(
            doc["properties"]["first_name"]["altnames"]["json"],
            "first-name"
        );
        assert_eq!(doc["required"][0], "first_name");
        let schema = Schema::from_slice(out.document.as_bytes()).unwrap();
        let root = schema.node(schema.root().unwrap());
        let crate::TypeKind::Object(o) = &root.kind else {
            panic!("not an object")
        };
        assert_eq!(o.properties[0].wire_name, "first-name");
    }

    #[test]
    fn duplicate_fields_are_an_error() {
        let err = convert(
            "{\"entity\": \"E\", \"fields\": [\n{\"name\": \"a\", \"type\": \"string\"},\n{\"name\": \"a\", \"type\": \"string\"}]}",
        )
        .err()
        .unwrap();
        assert_eq!(err.to_string(), "3:1: field 'a' is listed twice");
    }
}
