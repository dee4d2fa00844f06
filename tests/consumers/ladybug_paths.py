"""Loads a `vnla-graph export --format csv` folder into LadybugDB (the maintained fork of
Kùzu) with COPY, and prints as JSON what the tests compare: the row counts, every
relation's columns as read back, and the fewest hops between each pair of entity ids given.

usage: python3 ladybug_paths.py CSV_DIR DB_DIR FROM:TO ...
"""

import json
import sys

import ladybug

csv_dir, db_dir, *pairs = sys.argv[1:]
db = ladybug.Database(db_dir)
conn = ladybug.Connection(db)

# Columns in the files' order (COPY reads them by position; the header is skipped).
conn.execute(
    "CREATE NODE TABLE Entity(id STRING PRIMARY KEY, labels STRING, name STRING, kind STRING,"
    " country STRING, aliases STRING, description STRING, through DOUBLE)"
)
conn.execute(
    "CREATE REL TABLE Relation(FROM Entity TO Entity, type STRING, id STRING, time STRING,"
    " stance STRING, date STRING, end_ STRING, seen STRING, role STRING, claimed_by STRING,"
    " amount DOUBLE, currency STRING, place STRING, note STRING, evidence STRING,"
    " sources STRING, weight DOUBLE, claim_penalty DOUBLE, symmetric BOOLEAN,"
    " direct BOOLEAN)"
)
# Quoted fields may hold line breaks, which only the serial reader accepts.
options = "(header=true, PARALLEL=false)"
conn.execute(f"COPY Entity FROM '{csv_dir}/entities.csv' {options}")
conn.execute(f"COPY Relation FROM '{csv_dir}/relations.csv' {options}")


def rows(query, parameters=None):
    result = conn.execute(query, parameters or {})
    out = []
    while result.has_next():
        out.append(result.get_next())
    return out


COLUMNS = ["type", "time", "stance", "date", "end", "seen", "role", "note", "evidence",
           "sources", "amount"]
answer = {
    "entities": rows("MATCH (n:Entity) RETURN count(n)")[0][0],
    "relations": rows("MATCH ()-[r:Relation]->() RETURN count(r)")[0][0],
    # Each relation's columns by its id, an empty field (NULL) left out as JSON leaves it.
    "relations_read": {
        r[0]: {key: value for key, value in zip(COLUMNS, r[1:]) if value is not None}
        for r in rows(
            "MATCH ()-[r:Relation]->() RETURN r.id, "
            + ", ".join(f"r.{column}" for column in COLUMNS).replace("r.end,", "r.end_,")
        )
    },
    "hops": {},
}
for pair in pairs:
    start, stop = pair.split(":")
    found = rows(
        "MATCH p = (a:Entity {id: $a})-[:Relation* SHORTEST 1..30]-(b:Entity {id: $b})"
        " RETURN length(p)",
        {"a": start, "b": stop},
    )
    answer["hops"][pair] = found[0][0] if found else None
print(json.dumps(answer))
