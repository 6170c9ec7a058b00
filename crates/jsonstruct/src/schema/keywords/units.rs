//! The Units add-in's annotations: `unit`, `currency`, `symbol`, `symbols`.

use super::At;
use crate::schema::load::Loader;

/// Known; only `unit` is kept in the model.
pub(super) fn annotation(_: &mut Loader<'_>, _: At<'_>) {}

pub(super) fn unit(l: &mut Loader<'_>, at: At<'_>) {
    l.nodes[at.id.index()].unit = at.value().as_str().map(str::to_owned);
}
