"""Rewriting a log written before step events stored what changed (migration e0004): every `step` event
then carried the whole task data, and `instance_completed` repeated it.

Each chain is checked first and rewritten only if intact, so the new hashes never vouch for records that
had been altered: a damaged chain stays as it was (its old-format events remain readable) for verify to
report. A rewritten chain keeps its event numbers; its step events get the payloads the engine writes today
(engine.history), `instance_completed` loses its copy of the data, every hash after the first change is
computed again, and the instance row's head follows. The anchors are then sealed again over the new heads
(anchors.reseal), since they fixed the old ones.

Each migration passes the audit tables as its revision has them (`LogTables`): the column types of a later
revision (engine.store.models) do not read the rows of an earlier one."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import TableClause, bindparam, select, update
from sqlalchemy.engine import Connection

from engine.audit.anchors import reseal
from engine.chain import GENESIS, event_hash
from engine.history import data_after, step_fields
from engine.store.models import AuditEvent, ProcessInstance

_FIELDS = ("instance_id", "seq", "kind", "at", "actor", "element_id", "task_id", "payload")


@dataclass(frozen=True)
class LogTables:
    """`audit_event` and `process_instance` with the columns compaction reads and writes."""

    events: TableClause
    instances: TableClause

    def select_events(self):
        columns = self.events.c
        return (select(columns.id, columns.hash, *(columns[name] for name in _FIELDS))
                .order_by(columns.instance_id, columns.seq))

    def rewrite(self):
        values = {"payload": bindparam("payload"), "hash": bindparam("hash")}
        if "prev_hash" in self.events.c:  # revisions before e0010 stored each event's link too
            values["prev_hash"] = bindparam("prev_hash")
        return update(self.events).where(self.events.c.id == bindparam("event_id")).values(values)

    def set_head(self):
        return (update(self.instances).where(self.instances.c.id == bindparam("instance_id"))
                .values(audit_head=bindparam("head")))


CURRENT = LogTables(AuditEvent.__table__, ProcessInstance.__table__)


@dataclass
class CompactionReport:
    chains: int = 0
    rewritten: int = 0
    events_rewritten: int = 0
    damaged: list[str] = field(default_factory=list)
    """Chains left as they were because they did not verify."""


def compact_history(connection: Connection, tables: LogTables = CURRENT) -> CompactionReport:
    report = CompactionReport()
    renamed: dict[tuple[str, int], str] = {}
    rewrite, set_head = tables.rewrite(), tables.set_head()
    for instance_id, rows in _chains(connection, tables):
        report.chains += 1
        if not _intact(rows):
            report.damaged.append(instance_id)
            continue
        changes = _rewrite(rows)
        if not changes:
            continue
        connection.execute(rewrite, changes)
        connection.execute(set_head, {"instance_id": instance_id, "head": changes[-1]["hash"]})
        report.rewritten += 1
        report.events_rewritten += len(changes)
        renamed.update({(instance_id, change["seq"]): change["hash"] for change in changes})
    if renamed:
        reseal(connection, renamed)
    return report


def _chains(connection: Connection, tables: LogTables) -> Iterator[tuple[str, list[Any]]]:
    current: list[Any] = []
    for row in connection.execute(tables.select_events().execution_options(yield_per=2000)):
        if current and row.instance_id != current[0].instance_id:
            yield current[0].instance_id, current
            current = []
        current.append(row)
    if current:
        yield current[0].instance_id, current


def _intact(rows: list[Any]) -> bool:
    previous = GENESIS
    for number, row in enumerate(rows, start=1):
        fields = {name: getattr(row, name) for name in _FIELDS}
        if row.seq != number or event_hash(previous, fields) != row.hash:
            return False
        previous = row.hash
    return True


def _rewrite(rows: list[Any]) -> list[dict[str, Any]]:
    """New payload, prev_hash and hash of every event from the first whose payload changes."""
    changes: list[dict[str, Any]] = []
    previous_hash = GENESIS
    data: dict[str, Any] | None = None
    recorded: tuple[dict[str, Any], int] | None = None
    for row in rows:
        payload = row.payload
        if row.kind == "step" and isinstance(payload, dict):
            data = data_after(data, payload)
            data_field, patches = step_fields(recorded, data)
            recorded = (data, patches)
            payload = {key: value for key, value in payload.items() if not key.startswith("data_")}
            payload.update(data_field)
        elif row.kind == "instance_completed" and isinstance(payload, dict) and "data" in payload:
            payload = {key: value for key, value in payload.items() if key != "data"}
        if changes or payload != row.payload:
            fields = {name: getattr(row, name) for name in _FIELDS} | {"payload": payload}
            digest = event_hash(previous_hash, fields)
            changes.append({"event_id": row.id, "seq": row.seq, "payload": payload, "prev_hash": previous_hash,
                            "hash": digest})
            previous_hash = digest
        else:
            previous_hash = row.hash
    return changes
