//! JSON reading: the pull scanner (shared by the schema loader and the validator), the spanned
//! tree for schema documents, and JSON Pointer helpers.

pub mod pointer;
pub mod scanner;
pub mod tree;

pub use scanner::{Number, Peek, Scanner, SyntaxError, SyntaxErrorKind};
pub use tree::{Member, Node, Value};
