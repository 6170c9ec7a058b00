//! The Units add-in's annotations: `unit`, `currency`, `symbol`, `symbols`.

use super::At;
use crate::schema::load::Loader;

/// Known; only `unit` is kept in the model.
pub(super) fn annotation(_: &mut Loader<'_>, _: At<'_>) {}

pub(super) fn unit(l: &mut Loader<'_>, at: At<'_>) {
    l.nodes[at.id.index()].unit = at.value().as_str().map(str::to_owned);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, found, root};
    use super::super::AddIn::Units;

    #[test]
    fn unit_is_kept_and_the_others_known() {
        let r = check(
            r#""type": "decimal", "unit": "kg", "currency": "EUR", "symbol": "€", "symbols": {}"#,
            &[Units],
        );
        assert_eq!(found(&r), Vec::<String>::new());
        assert_eq!(root(&r).unit.as_deref(), Some("kg"));
        let r = check(r#""type": "decimal", "unit": "kg""#, &[]);
        assert_eq!(
            found(&r),
            ["SCHEMA_EXTENSION_KEYWORD_WITHOUT_USES at /unit"]
        );
    }
}
