//! Generates `$OUT_DIR/order.rs` and `$OUT_DIR/customer.rs` from the schemas in `schemas/`,
//! as a crate of your own would: `cargo build` regenerates them when a schema changes.

use jsonstruct_codegen::{Builder, Int64Encoding};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    Builder::new()
        .schema_dir("schemas")
        // The shop's API sends 64-bit integers as JSON numbers.
        .int64(Int64Encoding::Number)
        // Every type here is hashable (no floats), so orders can go in a HashSet.
        .derive("Eq")?
        .derive("Hash")?
        .runtime_path("::jsonstruct_types")
        .generate()?;
    Ok(())
}
