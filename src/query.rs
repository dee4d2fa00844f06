//! Questions asked of the graph, as pure computations: each returns entities, relations or
//! paths and leaves their wording to `commands/` (through `text.rs` and `export/`).

pub(crate) mod connect; // the ties joining several entities
pub(crate) mod neighbors; // who is near an entity
pub(crate) mod path; // how two entities are connected
pub(crate) mod search; // entities by text
pub(crate) mod select; // part of the graph to draw
pub(crate) mod stats; // counts, components, hubs
pub(crate) mod ties; // one entity's relations
pub(crate) mod time; // which relations hold at a time
pub(crate) mod timeline; // dated relations in order
