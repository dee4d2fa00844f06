//! `path --explain` and `connect --explain`: a path's or a tree's cost, charge by charge, as
//! text lines, a Markdown table or JSON records. The charges come from `query::path`, which
//! also sums them into the cost; this module only words them.

use std::fmt::Write as _;

use serde::Serialize;

use crate::graph::KnowledgeGraph;
use crate::model::Stance;
use crate::query::path::Charge;

/// One charge in JSON: `{"charge": "hop", ...}` or `{"charge": "through", ...}`.
#[derive(Serialize)]
#[serde(tag = "charge", rename_all = "snake_case")]
pub(in crate::commands) enum ChargeRecord<'d> {
    Hop {
        /// 1 for the first hop.
        hop: usize,
        #[serde(rename = "type")]
        relation_type: &'d str,
        stance: &'static str,
        weight: f64,
        claim_penalty: f64,
        cost: f64,
    },
    Through {
        entity: &'d str,
        name: &'d str,
        kind: &'d str,
        degree: usize,
        /// What the hub penalty is multiplied by: half of 1 for each direct tie, half of
        /// `kind_factor` for each other.
        factor: f64,
        kind_factor: f64,
        hub_penalty: f64,
        /// How many of the answer's ties meet there (two on a path), and how many of them
        /// are direct.
        ties: usize,
        direct_ties: usize,
        cost: f64,
    },
}

/// Each charge as a record, hops numbered from 1.
pub(in crate::commands) fn records<'d>(
    graph: &KnowledgeGraph<'d>,
    charges: &[Charge],
) -> Vec<ChargeRecord<'d>> {
    numbered(charges)
        .map(|(hop, charge)| match charge {
            Charge::Hop {
                edge,
                weight,
                claim_penalty,
                ..
            } => {
                let relation = graph.graph[edge];
                ChargeRecord::Hop {
                    hop,
                    relation_type: relation.relation_type.as_str(),
                    stance: relation.details().stance.as_str(),
                    weight,
                    claim_penalty,
                    cost: super::rounded(charge.cost()),
                }
            }
            Charge::Through {
                node,
                kind_factor,
                degree,
                hub_penalty,
                ties,
                direct,
            } => {
                let entity = graph.graph[node];
                ChargeRecord::Through {
                    entity: entity.id.value.as_str(),
                    name: &entity.name.value,
                    kind: entity.kind.value.as_str(),
                    degree,
                    factor: charge.factor(),
                    kind_factor,
                    hub_penalty: super::rounded(hub_penalty),
                    ties,
                    direct_ties: direct,
                    cost: super::rounded(charge.cost()),
                }
            }
        })
        .collect()
}

/// The charges as an indented sum, one per line, under a path's hops.
pub(in crate::commands) fn text(
    graph: &KnowledgeGraph<'_>,
    charges: &[Charge],
    plain: bool,
) -> String {
    let width = widest(charges);
    let mut out = String::from("  cost explained:\n");
    for (index, (charge, record)) in charges.iter().zip(records(graph, charges)).enumerate() {
        let sign = if index == 0 { ' ' } else { '+' };
        let _ = writeln!(
            out,
            "    {sign} {:>width$.2}  {}",
            charge.cost(),
            describe(&record, plain)
        );
    }
    let _ = writeln!(out, "    = {:>width$.2}", total(charges));
    out
}

/// The charges as a Markdown table, the sum in its last row.
pub(in crate::commands) fn markdown(
    graph: &KnowledgeGraph<'_>,
    charges: &[Charge],
    plain: bool,
) -> String {
    let mut out = String::from("| cost | for |\n|---:|:---|\n");
    for (charge, record) in charges.iter().zip(records(graph, charges)) {
        // A `|` in a name would end the cell; its other markup is escaped as well.
        let what = crate::text::markdown(&describe(&record, plain)).into_owned();
        let _ = writeln!(out, "| {:.2} | {what} |", charge.cost());
    }
    let _ = writeln!(out, "| **{:.2}** | in all |", total(charges));
    out
}

/// Each charge with the number of the hop it is or follows (1 for the first).
fn numbered(charges: &[Charge]) -> impl Iterator<Item = (usize, Charge)> + '_ {
    charges.iter().scan(0, |hops, charge| {
        if matches!(charge, Charge::Hop { .. }) {
            *hops += 1;
        }
        Some((*hops, *charge))
    })
}

fn total(charges: &[Charge]) -> f64 {
    charges.iter().map(|charge| charge.cost()).sum()
}

/// The width of the widest cost, the sum included, at two decimals.
fn widest(charges: &[Charge]) -> usize {
    charges
        .iter()
        .map(|charge| charge.cost())
        .chain([total(charges)])
        .map(|cost| format!("{cost:.2}").len())
        .max()
        .unwrap_or(0)
}

/// `hop 2, met: weight 1`, `hop 1, stationed_in (a claim): weight 3 + claim penalty 4`,
/// `through Dan (person, 2 relations): hub penalty ln(1 + 2)² = 1.21 × 1 (an actor in
/// both ties)`, `through Laos (country, ...): ... × 4 (country)`.
fn describe(record: &ChargeRecord<'_>, plain: bool) -> String {
    match *record {
        ChargeRecord::Hop {
            hop, relation_type, ..
        } if plain => format!("hop {hop}, {relation_type}: one a hop (--plain)"),
        ChargeRecord::Hop {
            hop,
            relation_type,
            stance,
            weight,
            claim_penalty,
            ..
        } => {
            if stance == Stance::Claim.as_str() {
                format!("hop {hop}, {relation_type} (a claim): weight {weight} + claim penalty {claim_penalty}")
            } else {
                format!("hop {hop}, {relation_type}: weight {weight}")
            }
        }
        ChargeRecord::Through {
            name,
            kind,
            degree,
            factor,
            kind_factor,
            hub_penalty,
            ties,
            direct_ties,
            ..
        } => {
            let relations = if degree == 1 { "relation" } else { "relations" };
            let why = match (direct_ties, ties - direct_ties) {
                (2, 0) => "1 (an actor in both ties)".to_string(),
                (0, 2) => format!("{kind_factor} ({kind}, an actor in neither tie)"),
                (1, 1) => format!("(1 + {kind_factor})/2 = {factor} (an actor in one tie, {kind})"),
                (direct, 0) => format!("{direct}/2 = {factor} (an actor in {direct} ties)"),
                (0, others) => format!(
                    "{others} × {kind_factor}/2 = {factor} ({kind}, an actor in none of {others} ties)"
                ),
                (direct, others) => format!(
                    "({direct} + {others} × {kind_factor})/2 = {factor} (an actor in {direct} of {ties} ties, {kind})"
                ),
            };
            format!(
                "through {name} ({kind}, {degree} {relations}): hub penalty ln(1 + {degree})² = {hub_penalty:.2} × {why}"
            )
        }
    }
}
