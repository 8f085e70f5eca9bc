"""audit events no longer store the previous event's hash: it is the hash of the event before them, which
verification reads anyway (32 bytes an event)

What each hash covers is unchanged (`hash = H(previous event's hash, event)`), so the chains stay as they were
and verify the same. Downgrading gives every event its link again, from its predecessor in the chain.

Revision ID: e0010
Revises: e0009
Create Date: 2026-12-06 22:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.chain import GENESIS
from storage import Digest

revision = "e0010"
down_revision = "e0009"
branch_labels = None
depends_on = None

BATCH = 5000
EVENTS = sa.table("audit_event", sa.column("id", sa.Integer()), sa.column("instance_id", sa.String()),
                  sa.column("seq", sa.Integer()), sa.column("prev_hash", Digest()), sa.column("hash", Digest()))


def upgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_column("prev_hash")


def downgrade() -> None:
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", Digest(), nullable=True))
    link = EVENTS.update().where(EVENTS.c.id == sa.bindparam("event_id")).values(prev_hash=sa.bindparam("link"))
    connection, after, chain, previous = op.get_bind(), ("", 0), None, GENESIS
    while True:
        rows = connection.execute(
            sa.select(EVENTS.c.id, EVENTS.c.instance_id, EVENTS.c.seq, EVENTS.c.hash)
            .where(sa.tuple_(EVENTS.c.instance_id, EVENTS.c.seq) > sa.tuple_(*after))
            .order_by(EVENTS.c.instance_id, EVENTS.c.seq).limit(BATCH)).all()
        if not rows:
            break
        links = []
        for row in rows:
            links.append({"event_id": row.id, "link": previous if row.instance_id == chain else GENESIS})
            chain, previous = row.instance_id, row.hash
        connection.execute(link, links)
        after = (rows[-1].instance_id, rows[-1].seq)
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.alter_column("prev_hash", existing_type=Digest(), nullable=False)
