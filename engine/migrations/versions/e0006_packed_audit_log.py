"""the audit log in fewer bytes: payloads as packed JSON (deflated when long), hashes as 32 bytes

The payload column compresses long payloads as a whole (storage.PackedJSON), so step events no longer pack
their data fields themselves: the `data_after_zlib` / `data_patch_zlib` of migration e0004 are unpacked by
the same compaction (engine.audit.compaction: chains checked first, hashes and anchors sealed again).
Downgrading gives the JSON and hex columns back; the step fields stay unpacked (e0004 reads either form).

Revision ID: e0006
Revises: e0005
Create Date: 2026-12-06 05:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.audit.compaction import LogTables, compact_history
from storage import Digest, PackedJSON, UTCDateTime

revision = "e0006"
down_revision = "e0005"
branch_labels = None
depends_on = None

BATCH = 5000
COLUMNS = ("payload", "prev_hash", "hash")
PACKED_TYPES = {"payload": PackedJSON(), "prev_hash": Digest(), "hash": Digest()}
TEXT_TYPES = {"payload": sa.JSON(), "prev_hash": sa.String(length=64), "hash": sa.String(length=64)}
TABLES = LogTables(
    sa.table("audit_event", sa.column("id", sa.Integer()), sa.column("instance_id", sa.String()),
             sa.column("seq", sa.Integer()), sa.column("kind", sa.String()), sa.column("at", UTCDateTime()),
             sa.column("actor", sa.String()), sa.column("element_id", sa.String()), sa.column("task_id", sa.String()),
             *(sa.column(name, PACKED_TYPES[name]) for name in COLUMNS)),
    sa.table("process_instance", sa.column("id", sa.String()), sa.column("audit_head", sa.String())))
"""The audit tables as this revision leaves them (e0010 drops `prev_hash`)."""


def _convert(old_types: dict[str, sa.types.TypeEngine], new_types: dict[str, sa.types.TypeEngine]) -> None:
    """Copy every event's payload and hashes into new columns of the other types, then put them in place."""
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(f"{name}_new", new_types[name], nullable=True))
    events = sa.table("audit_event", sa.column("id", sa.Integer()),
                      *(sa.column(name, old_types[name]) for name in COLUMNS),
                      *(sa.column(f"{name}_new", new_types[name]) for name in COLUMNS))
    copy = (events.update().where(events.c.id == sa.bindparam("row_id"))
            .values({f"{name}_new": sa.bindparam(f"value_{name}") for name in COLUMNS}))
    connection, last = op.get_bind(), 0
    while True:
        rows = connection.execute(sa.select(events.c.id, *(events.c[name] for name in COLUMNS))
                                  .where(events.c.id > last).order_by(events.c.id).limit(BATCH)).all()
        if not rows:
            break
        connection.execute(copy, [{"row_id": row.id, **{f"value_{name}": getattr(row, name) for name in COLUMNS}}
                                  for row in rows])
        last = rows[-1].id
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.drop_column(name)
        for name in COLUMNS:
            batch_op.alter_column(f"{name}_new", new_column_name=name, nullable=False)


def upgrade() -> None:
    _convert(TEXT_TYPES, PACKED_TYPES)
    compact_history(op.get_bind(), TABLES)


def downgrade() -> None:
    _convert(PACKED_TYPES, TEXT_TYPES)
