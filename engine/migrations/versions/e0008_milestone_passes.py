"""milestone passes: the milestones each route passed, and when, in a table of their own

The analysts' funnel read every step's log entry to find the milestones completed in it; it reads this
indexed table instead. Existing routes get their passes from their step events (the milestones are those the
stored definitions declare), read in pages of step events; payloads are read through the model's column type,
which unpacks the packed log of e0006.

Revision ID: e0008
Revises: e0007
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from engine.parsing.definition_index import definition_index
from engine.specs import definition_files
from engine.store.models import AuditEvent, MilestonePass, ProcessDefinition

revision = "e0008"
down_revision = "e0007"
branch_labels = None
depends_on = None

BATCH = 5000


def _backfill(connection) -> None:
    with Session(bind=connection) as session:
        milestones: set[str] = set()
        for definition_id in session.scalars(sa.select(ProcessDefinition.id)):
            milestones |= definition_index(definition_files(session, definition_id)).milestones
    if not milestones:
        return
    passes = sa.insert(MilestonePass.__table__)
    steps = (sa.select(AuditEvent.id, AuditEvent.instance_id, AuditEvent.at, AuditEvent.payload)
             .where(AuditEvent.kind == "step", AuditEvent.id > sa.bindparam("after"))
             .order_by(AuditEvent.id).limit(BATCH))
    after = 0
    while page := connection.execute(steps, {"after": after}).all():
        after = page[-1].id
        rows = [{"instance_id": instance_id, "element_id": element_id, "at": at}
                for _id, instance_id, at, payload in page
                for element_id in (payload or {}).get("completed") or () if element_id in milestones]
        if rows:
            connection.execute(passes, rows)


def upgrade() -> None:
    op.create_table(
        "milestone_pass",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("element_id", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("milestone_pass", schema=None) as batch_op:
        batch_op.create_index("ix_milestone_pass_element_at", ["element_id", "at"], unique=False)
        batch_op.create_index(batch_op.f("ix_milestone_pass_instance_id"), ["instance_id"], unique=False)
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_table("milestone_pass")
