"""Where a SQLite database's bytes go: each table with its indexes (SQLite's `dbstat`), per subject when a
count is given, and the audit log by event kind (payload as stored, the fixed columns beside it).

    .venv/bin/profroute simulate --youths 300 --years 14 --seed 7 --out /tmp/sim
    .venv/bin/python bench/storage_bytes.py /tmp/sim/simulation_seed7.sqlite --per 300

The file is checkpointed first (its write-ahead log folded in), so the sizes are the file's own.
"""
from __future__ import annotations

import argparse
import sqlite3
from collections import defaultdict

FIXED_COLUMNS = ("instance_id", "seq", "kind", "at", "actor", "element_id", "task_id", "hash")


def table_bytes(connection: sqlite3.Connection) -> dict[str, list[int]]:
    """Table -> [data bytes, index bytes] (pages of its B-trees)."""
    index_of = dict(connection.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"))
    sizes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, size in connection.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        sizes[index_of.get(name, name)][1 if name in index_of else 0] += size
    return sizes


def audit_kinds(connection: sqlite3.Connection) -> list[tuple[str, int, int, int]]:
    """(kind, events, payload bytes, fixed-column bytes), the heaviest first."""
    fixed = " + ".join(f"coalesce(length({name}), 0)" for name in FIXED_COLUMNS)
    return connection.execute(f"SELECT kind, count(*), sum(length(payload)), sum({fixed}) FROM audit_event "
                              "GROUP BY kind ORDER BY 3 DESC").fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="the SQLite file")
    parser.add_argument("--per", type=int, default=1, help="divide by this many subjects (youths, instances)")
    parser.add_argument("--top", type=int, default=15, help="tables shown")
    args = parser.parse_args()
    connection = sqlite3.connect(args.path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    total = connection.execute("PRAGMA page_count").fetchone()[0] * page_size
    free = connection.execute("PRAGMA freelist_count").fetchone()[0] * page_size
    print(f"file {total / 1e6:.1f} MB, {total / args.per / 1e3:.1f} KB per subject (free pages {free / 1e6:.1f} MB)")
    print(f"{'table':28} {'data MB':>8} {'index MB':>9} {'KB/subject':>11}")
    for table, (data, index) in sorted(table_bytes(connection).items(), key=lambda item: -sum(item[1]))[:args.top]:
        print(f"{table:28} {data / 1e6:8.2f} {index / 1e6:9.2f} {(data + index) / args.per / 1e3:11.1f}")
    if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'audit_event'").fetchone():
        print(f"\n{'audit_event kind':28} {'events':>8} {'payload MB':>11} {'B/event':>8} {'fixed MB':>9}")
        for kind, events, payload, fixed in audit_kinds(connection):
            print(f"{kind:28} {events:8} {payload / 1e6:11.2f} {payload / events:8.0f} {fixed / 1e6:9.2f}")
    connection.close()


if __name__ == "__main__":
    main()
