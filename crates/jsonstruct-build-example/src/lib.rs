//! Types generated from JSON Structure schemas by a build script (`build.rs`, with
//! `jsonstruct_codegen::Builder`) and included below the crate root, which is what a crate of
//! your own would do instead of committing a generated crate:
//!
//! ```
//! use jsonstruct_build_example::shop::order::{Delivery, Order, OrderStatus};
//!
//! let order: Order = serde_json::from_str(r#"{
//!     "id": "7d444840-9dc0-11d1-b245-5ffdce74fad2", "placedAt": "2024-05-01T09:30:00Z",
//!     "status": "paid", "total": "42.50", "createdMillis": 1714555800000,
//!     "lines": [{"isbn": "978-0-262-51087-5", "quantity": 1, "unitPrice": "42.50"}],
//!     "delivery": {"pickup": {"shop": "Leipzig"}}
//! }"#).unwrap();
//! assert_eq!(order.status, OrderStatus::Paid);
//! assert_eq!(order.total.as_str(), "42.50");
//! assert!(matches!(order.delivery, Delivery::Pickup(_)));
//! ```

/// The shop's schemas, one module each. The generated code uses no `crate::` paths, so it
/// works at any depth.
pub mod shop {
    /// `schemas/order.struct.json`.
    pub mod order {
        include!(concat!(env!("OUT_DIR"), "/order.rs"));
    }

    /// `schemas/customer.struct.json`.
    pub mod customer {
        include!(concat!(env!("OUT_DIR"), "/customer.rs"));
    }
}
