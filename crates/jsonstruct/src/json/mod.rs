//! JSON reading: the pull scanner (shared by the schema loader and the validator), the spanned
//! tree for schema documents, and JSON Pointer helpers.

pub(crate) mod pointer;
pub(crate) mod scanner;
pub(crate) mod tree;

pub(crate) use scanner::{Number, Peek, Scanner, SyntaxError, SyntaxErrorKind};
pub use tree::{Member, Node, Value};
