//! Writing the whole (validated) graph out in other formats. Each format lives in its own
//! file; this module only says which exist.

pub(crate) mod dot;
pub(crate) mod json;
