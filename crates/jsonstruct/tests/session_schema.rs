//! The canonical Clerk `Session` schema (`schemas/clerk/session.struct.json`): it checks clean,
//! and the model holds every fact of `../shared/clerk/README.md` (Clerk OpenAPI
//! `components.schemas.Session`). The official `json-structure` crate is asked for a second
//! opinion.

use std::path::PathBuf;

use jsonstruct::schema::{Additional, ObjectType, Primitive, PrimitiveType};
use jsonstruct::{Schema, TypeId, TypeKind};
use jsonstruct_test_support::session::{REQUIRED, STATUSES, TIMESTAMPS};

fn schema_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schemas/clerk/session.struct.json")
}

fn load() -> Schema {
    let path = schema_path();
    Schema::from_path(&path).unwrap_or_else(|e| panic!("{e}"))
}

/// The object a node is, following `$ref`s.
fn object(schema: &Schema, id: TypeId) -> &ObjectType {
    match &schema.node(schema.resolve(id)).kind {
        TypeKind::Object(o) => o,
        other => panic!("expected an object, found {}", other.describe()),
    }
}

fn primitive(schema: &Schema, id: TypeId) -> &PrimitiveType {
    match &schema.node(schema.resolve(id)).kind {
        TypeKind::Primitive(p) => p,
        other => panic!("expected a primitive, found {}", other.describe()),
    }
}

fn property_type(o: &ObjectType, name: &str) -> TypeId {
    o.property(name)
        .unwrap_or_else(|| panic!("no property '{name}'"))
        .ty
}

/// The members of a union other than `null`, and whether `null` is one of them.
fn union_members(schema: &Schema, id: TypeId) -> (Vec<TypeId>, bool) {
    let TypeKind::Union(members) = &schema.node(id).kind else {
        panic!(
            "expected a union at {}, found {}",
            schema.node(id).location.pointer,
            schema.node(id).kind.describe()
        );
    };
    let mut others = Vec::new();
    let mut has_null = false;
    for &m in members {
        match &schema.node(m).kind {
            TypeKind::Primitive(p) if p.ty == Primitive::Null => has_null = true,
            _ => others.push(m),
        }
    }
    (others, has_null)
}

/// The definition a `$ref` node points at, by name.
fn ref_target_name(schema: &Schema, id: TypeId) -> String {
    let TypeKind::Ref(target) = schema.node(id).kind else {
        panic!(
            "expected a $ref at {}, found {}",
            schema.node(id).location.pointer,
            schema.node(id).kind.describe()
        );
    };
    schema
        .node(target)
        .definition
        .as_ref()
        .map(|d| d.to_string())
        .expect("a $ref target is a named definition")
}

const PROPERTIES: [&str; 14] = [
    "object",
    "id",
    "user_id",
    "client_id",
    "actor",
    "status",
    "last_active_organization_id",
    "last_active_at",
    "latest_activity",
    "expire_at",
    "abandon_at",
    "updated_at",
    "created_at",
    "tasks",
];

#[test]
fn checks_valid_with_no_errors_and_no_warnings() {
    let bytes = std::fs::read(schema_path()).expect("read the Session schema");
    let report = Schema::check(&bytes);
    let all: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(report.is_valid(), "Session schema is invalid: {all:#?}");
    assert!(
        report.diagnostics.is_empty(),
        "Session schema has diagnostics: {all:#?}"
    );
}

#[test]
fn session_has_the_fourteen_properties_and_ten_required() {
    let schema = load();
    assert_eq!(schema.name(), Some("Session"));
    let root = schema.root().expect("root type");
    let session = object(&schema, root);
    let names: Vec<&str> = session.properties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, PROPERTIES);
    for p in &session.properties {
        assert_eq!(p.wire_name, p.name, "wire names are the snake_case names");
        assert_eq!(
            p.required,
            REQUIRED.contains(&p.name.as_str()),
            "required flag of '{}'",
            p.name
        );
    }
    assert!(
        session.required_alternatives.is_empty(),
        "no alternative required sets"
    );
    assert_eq!(session.additional, Additional::Forbidden);
}

#[test]
fn the_four_optional_properties_are_nullable_unions() {
    let schema = load();
    let session = object(&schema, schema.root().unwrap());
    for p in &session.properties {
        let (others, has_null) = match &schema.node(p.ty).kind {
            TypeKind::Union(_) => union_members(&schema, p.ty),
            _ => (vec![p.ty], false),
        };
        if p.required {
            assert!(!has_null, "required '{}' must not be nullable", p.name);
        } else {
            assert!(has_null, "optional '{}' must be a union with null", p.name);
            assert_eq!(others.len(), 1, "'{}' is T | null", p.name);
        }
    }
    let optional: Vec<&str> = session
        .properties
        .iter()
        .filter(|p| !p.required)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        optional,
        [
            "actor",
            "last_active_organization_id",
            "latest_activity",
            "tasks"
        ]
    );
    let (others, _) = union_members(
        &schema,
        property_type(session, "last_active_organization_id"),
    );
    assert_eq!(primitive(&schema, others[0]).ty, Primitive::String);
}

#[test]
fn object_is_the_constant_session() {
    let schema = load();
    let session = object(&schema, schema.root().unwrap());
    let object_ty = primitive(&schema, property_type(session, "object"));
    assert_eq!(object_ty.ty, Primitive::String);
    let value = object_ty.const_value.as_ref().expect("const on 'object'");
    assert_eq!(
        value,
        &jsonstruct::schema::Literal::String("session".into())
    );
}

#[test]
fn status_is_a_named_enum_of_eight_values() {
    let schema = load();
    let session = object(&schema, schema.root().unwrap());
    let status = property_type(session, "status");
    assert_eq!(ref_target_name(&schema, status), "SessionStatus");
    let def = schema
        .definition("#/definitions/SessionStatus")
        .expect("SessionStatus definition");
    let status_ty = primitive(&schema, def);
    assert_eq!(status_ty.ty, Primitive::String);
    let values: Vec<String> = status_ty
        .enum_values
        .as_ref()
        .expect("enum on SessionStatus")
        .iter()
        .map(|v| match v {
            jsonstruct::schema::Literal::String(s) => s.clone(),
            other => panic!("enum value {other:?} is not a string"),
        })
        .collect();
    assert_eq!(values, STATUSES);
}

#[test]
fn the_five_timestamps_are_int64() {
    let schema = load();
    let session = object(&schema, schema.root().unwrap());
    for &name in TIMESTAMPS {
        let ty = primitive(&schema, property_type(session, name));
        assert_eq!(ty.ty, Primitive::Int64, "'{name}' is int64");
    }
    // Descriptions come from the seeds.
    let expire = schema.node(property_type(session, "expire_at"));
    assert_eq!(
        expire.description.as_deref(),
        Some("Unix timestamp of expiration.")
    );
}

#[test]
fn latest_activity_is_session_activity() {
    let schema = load();
    let session = object(&schema, schema.root().unwrap());
    let (others, has_null) = union_members(&schema, property_type(session, "latest_activity"));
    assert!(has_null);
    assert_eq!(ref_target_name(&schema, others[0]), "SessionActivity");
    let activity = object(&schema, others[0]);
    let names: Vec<&str> = activity
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "object",
            "id",
            "device_type",
            "is_mobile",
            "browser_name",
            "browser_version",
            "ip_address",
            "city",
            "country"
        ]
    );
    let mut required: Vec<&str> = activity
        .properties
        .iter()
        .filter(|p| p.required)
        .map(|p| p.name.as_str())
        .collect();
    required.sort_unstable();
    assert_eq!(required, ["id", "is_mobile", "object"]);
    for p in &activity.properties {
        let want = if p.name == "is_mobile" {
            Primitive::Boolean
        } else {
            Primitive::String
        };
        assert_eq!(primitive(&schema, p.ty).ty, want, "type of '{}'", p.name);
    }
}

#[test]
fn tasks_is_an_array_of_session_task() {
    let schema = load();
    let session = object(&schema, schema.root().unwrap());
    let (others, has_null) = union_members(&schema, property_type(session, "tasks"));
    assert!(has_null);
    let TypeKind::Array { items } = schema.node(schema.resolve(others[0])).kind else {
        panic!("tasks is not an array");
    };
    assert_eq!(ref_target_name(&schema, items), "SessionTask");
    let task = object(&schema, items);
    assert_eq!(task.properties.len(), 1);
    let key = &task.properties[0];
    assert_eq!(key.name, "key");
    assert!(key.required);
    assert_eq!(primitive(&schema, key.ty).ty, Primitive::String);
}

#[test]
fn actor_is_an_open_object_with_sub() {
    let schema = load();
    let session = object(&schema, schema.root().unwrap());
    let (others, has_null) = union_members(&schema, property_type(session, "actor"));
    assert!(has_null);
    let actor = object(&schema, others[0]);
    assert!(actor.additional.allows_extra(), "actor must be open");
    let sub = actor.property("sub").expect("actor.sub");
    assert_eq!(primitive(&schema, sub.ty).ty, Primitive::String);
}

/// Second opinion: the official JSON Structure SDK for Rust (json-structure 0.6) accepts the
/// schema without errors or warnings. (No disagreement to record today; if the SDK ever rejects
/// something the spec allows, note it here instead of changing the schema.)
#[test]
fn official_json_structure_crate_accepts_it() {
    let text = std::fs::read_to_string(schema_path()).expect("read the Session schema");
    let result = json_structure::SchemaValidator::new().validate(&text);
    let all: Vec<String> = result.all_errors().iter().map(|e| e.to_string()).collect();
    assert!(result.is_valid(), "json-structure rejects it: {all:#?}");
    assert_eq!(result.warning_count(), 0, "json-structure warns: {all:#?}");
}

/// The second opinion is not a rubber stamp: the official crate does reject a broken schema.
#[test]
fn official_json_structure_crate_rejects_a_broken_session() {
    let text = std::fs::read_to_string(schema_path()).expect("read the Session schema");
    let broken = text.replace("#/definitions/SessionStatus", "#/definitions/NoSuchStatus");
    assert_ne!(broken, text);
    assert!(!json_structure::SchemaValidator::new()
        .validate(&broken)
        .is_valid());
    assert!(!Schema::check(broken.as_bytes()).is_valid());
}
