//! The change kinds: stable kebab-case names that users grep for and allow-list, and the
//! semver bump of the generated crate.

use std::fmt;
use std::str::FromStr;

macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// What changed between two schema documents. The names ([`ChangeKind::as_str`]) are
        /// part of the command-line contract: `--allow KIND@POINTER` and the JSON output use them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ChangeKind {
            $($(#[$doc])* $variant,)*
        }

        impl ChangeKind {
            /// Every kind, in the order of the README's table.
            pub const ALL: &'static [ChangeKind] = &[$(ChangeKind::$variant,)*];

            /// The stable kebab-case name.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ChangeKind::$variant => $name,)*
                }
            }
        }
    };
}

kinds! {
    /// A definition that the old document does not have.
    DefinitionAdded = "definition-added",
    /// A definition that the new document no longer has.
    DefinitionRemoved = "definition-removed",
    /// A definition renamed, as its `altnames` in the new document say.
    DefinitionRenamed = "definition-renamed",
    /// The document's root type (`type` at the root or `$root`) is another definition.
    RootChanged = "root-changed",
    /// An optional member added to an object.
    MemberAddedOptional = "member-added-optional",
    /// A required member added to an object.
    MemberAddedRequired = "member-added-required",
    /// A member removed from an object.
    MemberRemoved = "member-removed",
    /// A member or tuple element whose wire name stayed (`altnames`) under a new name.
    MemberRenamed = "member-renamed",
    /// An optional member became required.
    RequiredAdded = "required-added",
    /// A required member became optional.
    RequiredDropped = "required-dropped",
    /// The alternative `required` sets changed.
    RequiredAlternativesChanged = "required-alternatives-changed",
    /// A value's type changed (other than the numeric cases below).
    TypeChanged = "type-changed",
    /// A `$ref` points at another definition, or an inline type became a reference or back.
    ReferenceChanged = "reference-changed",
    /// A numeric type that accepts every value of the old one (`int32` -> `int64`).
    NumericWidened = "numeric-widened",
    /// A numeric type that accepts only some values of the old one (`int64` -> `int32`).
    NumericNarrowed = "numeric-narrowed",
    /// A numeric type whose JSON form changed: number <-> string (`int32` -> `int64` when
    /// 64-bit integers must be strings, `int64` -> `int128`).
    WireFormChanged = "wire-form-changed",
    /// A value added to an `enum`.
    EnumValueAdded = "enum-value-added",
    /// A value removed from an `enum`.
    EnumValueRemoved = "enum-value-removed",
    /// An `enum` where there was none.
    EnumIntroduced = "enum-introduced",
    /// An `enum` removed: any value of the type is allowed.
    EnumDropped = "enum-dropped",
    /// A `const` where there was none.
    ConstAdded = "const-added",
    /// A `const` removed.
    ConstRemoved = "const-removed",
    /// A `const` with another value.
    ConstChanged = "const-changed",
    /// `additionalProperties` now lets undeclared members through.
    AdditionalPropertiesOpened = "additional-properties-opened",
    /// `additionalProperties: false` where undeclared members were allowed.
    AdditionalPropertiesClosed = "additional-properties-closed",
    /// `additionalProperties` changed otherwise (absent <-> `true`, a schema).
    AdditionalPropertiesChanged = "additional-properties-changed",
    /// A member added to a type union.
    UnionMemberAdded = "union-member-added",
    /// A member removed from a type union.
    UnionMemberRemoved = "union-member-removed",
    /// A variant added to a choice.
    ChoiceVariantAdded = "choice-variant-added",
    /// A variant removed from a choice.
    ChoiceVariantRemoved = "choice-variant-removed",
    /// A choice's `selector` changed (also tagged <-> inline).
    ChoiceSelectorChanged = "choice-selector-changed",
    /// An element added to a tuple.
    TupleElementAdded = "tuple-element-added",
    /// An element removed from a tuple.
    TupleElementRemoved = "tuple-element-removed",
    /// `maxLength` lower (or new).
    MaxLengthTightened = "max-length-tightened",
    /// `maxLength` higher (or gone).
    MaxLengthLoosened = "max-length-loosened",
    /// A Validation keyword (`minimum`, `pattern`, `minItems`, ...) that rejects more values.
    ValidationTightened = "validation-tightened",
    /// A Validation keyword that accepts more values.
    ValidationLoosened = "validation-loosened",
    /// A Validation keyword changed so that neither side's values are all valid under the other.
    ValidationChanged = "validation-changed",
    /// Conditional Composition keywords (`allOf`, `anyOf`, `oneOf`, `not`, `if`) changed.
    CompositionChanged = "composition-changed",
    /// `contentEncoding` of a `binary` changed.
    ContentEncodingChanged = "content-encoding-changed",
    /// `abstract` set or cleared.
    AbstractChanged = "abstract-changed",
    /// `$extends` names other bases.
    ExtendsChanged = "extends-changed",
    /// `altnames` changed without changing a wire name.
    AltnamesChanged = "altnames-changed",
    /// The `unit` annotation changed: values stay valid, their meaning changes.
    UnitChanged = "unit-changed",
    /// A `description` changed.
    DescriptionChanged = "description-changed",
    /// `examples` changed.
    ExamplesChanged = "examples-changed",
    /// Another annotation changed (`default`, `precision`, `scale`, `contentMediaType`,
    /// `altenums`, ...).
    AnnotationChanged = "annotation-changed",
}

impl fmt::Display for ChangeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ChangeKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ChangeKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown change kind '{s}'"))
    }
}

/// The version bump a change calls for in the generated Rust crate.
///
/// Generated structs are `#[non_exhaustive]` with a `new(required members...)` constructor and
/// generated enums are `#[non_exhaustive]`, so adding an optional member, an enum value or a
/// choice variant is an addition (minor); anything that removes or changes a public item is
/// major; documentation and constraints the types do not check are a patch.
///
/// Semantic versioning has exactly these three bumps, so the enum is exhaustive: a `match`
/// over it needs no `_` arm (a `_` arm would have to invent a fourth meaning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Semver {
    /// Documentation, annotations, constraints that the generated types do not check.
    Patch,
    /// Additions: a field on a `#[non_exhaustive]` struct, an enum variant, a new type.
    Minor,
    /// A public item removed or changed.
    Major,
}

impl Semver {
    /// `patch`, `minor` or `major`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

impl fmt::Display for Semver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_parse_back() {
        let mut seen = std::collections::BTreeSet::new();
        for k in ChangeKind::ALL {
            let name = k.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit()));
            assert_eq!(name.parse::<ChangeKind>(), Ok(*k));
        }
        assert!("member-added".parse::<ChangeKind>().is_err());
        assert!(Semver::Patch < Semver::Minor && Semver::Minor < Semver::Major);
    }
}
