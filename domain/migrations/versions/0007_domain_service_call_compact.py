"""service_call in fewer bytes: the result as packed JSON; no indexes beside the unique (instance, task)

The idempotency record is looked up by (instance, task) and deleted by instance, both served by the unique
index; the indexes on instance, operation and business key were never read.

Revision ID: 0007_domain_service_call_compact
Revises: 0006_domain_service_records
Create Date: 2026-12-06 05:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage import PackedJSON

revision = "0007_domain_service_call_compact"
down_revision = "0006_domain_service_records"
branch_labels = None
depends_on = None

INDEXES = {"ix_service_call_instance_id": "instance_id", "ix_service_call_operation": "operation",
           "ix_service_call_business_key": "business_key"}
BATCH = 5000


def _convert(old_type: sa.types.TypeEngine, new_type: sa.types.TypeEngine) -> None:
    with op.batch_alter_table("service_call", schema=None) as batch_op:
        batch_op.add_column(sa.Column("result_new", new_type, nullable=True))
    calls = sa.table("service_call", sa.column("id", sa.String()), sa.column("result", old_type),
                     sa.column("result_new", new_type))
    copy = calls.update().where(calls.c.id == sa.bindparam("row_id")).values(result_new=sa.bindparam("value"))
    connection, last = op.get_bind(), ""
    while True:
        rows = connection.execute(sa.select(calls.c.id, calls.c.result).where(calls.c.id > last)
                                  .order_by(calls.c.id).limit(BATCH)).all()
        if not rows:
            break
        connection.execute(copy, [{"row_id": row.id, "value": row.result} for row in rows])
        last = rows[-1].id
    with op.batch_alter_table("service_call", schema=None) as batch_op:
        batch_op.drop_column("result")
        batch_op.alter_column("result_new", new_column_name="result", nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("service_call", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)
    _convert(sa.JSON(), PackedJSON())


def downgrade() -> None:
    _convert(PackedJSON(), sa.JSON())
    with op.batch_alter_table("service_call", schema=None) as batch_op:
        for name, column in INDEXES.items():
            batch_op.create_index(name, [column], unique=False)
