"""search attributes in generic slots: attr_1..attr_5 and search_key replace the named columns

The old columns go to the slots the ProfRoute deployment declares them in (domain/route_attributes.py:
subject name, risk level, school, college, employer; tests/engine/test_search_attributes.py holds the two in
step); the instance's stage becomes its milestone. Tasks are filtered by stage through their process now,
so the stage indexes make way for process ones.

Revision ID: e0005
Revises: e0004
Create Date: 2026-12-06 02:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e0005"
down_revision = "e0004"
branch_labels = None
depends_on = None

SLOTS = ("attr_1", "attr_2", "attr_3", "attr_4", "attr_5")
INSTANCE_COPY = ("UPDATE process_instance SET attr_1 = youth_name, attr_2 = risk_level, attr_3 = school_id, "
                 "attr_4 = edu_org_id, search_key = youth_search, milestone = stage")


def _copy_to_tasks(connection) -> None:
    """Every open or finished task carries its route's slots, as the engine copies them at each step."""
    copied = (*SLOTS, "search_key")
    instances = sa.table("process_instance", sa.column("id"), *(sa.column(name) for name in copied))
    tasks = sa.table("human_task", sa.column("instance_id"), *(sa.column(name) for name in copied))
    connection.execute(tasks.update().values({
        name: sa.select(instances.c[name]).where(instances.c.id == tasks.c.instance_id).scalar_subquery()
        for name in copied}))


def _copy_employers(connection) -> None:
    """The employer slot had no column before: read it from each route's organisations."""
    instances = sa.table("process_instance", sa.column("id"), sa.column("org", sa.JSON), sa.column("attr_5"))
    rows = connection.execute(sa.select(instances.c.id, instances.c.org)).all()
    employers = [{"key": row.id, "employer": str(row.org["employer"])[:300]} for row in rows
                 if isinstance(row.org, dict) and row.org.get("employer")]
    if employers:
        connection.execute(instances.update().where(instances.c.id == sa.bindparam("key"))
                           .values(attr_5=sa.bindparam("employer")), employers)


def _slot_columns(batch_op) -> None:
    for slot in SLOTS:
        batch_op.add_column(sa.Column(slot, sa.String(length=300), nullable=True))
    batch_op.add_column(sa.Column("search_key", sa.String(length=300), nullable=True))


def upgrade() -> None:
    with op.batch_alter_table("process_instance", schema=None) as batch_op:
        _slot_columns(batch_op)
        batch_op.add_column(sa.Column("milestone", sa.String(length=300), nullable=True))
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        _slot_columns(batch_op)
    op.execute(INSTANCE_COPY)
    _copy_employers(op.get_bind())
    _copy_to_tasks(op.get_bind())
    with op.batch_alter_table("process_instance", schema=None) as batch_op:
        batch_op.drop_index("ix_process_instance_youth_search")
        batch_op.drop_index("ix_process_instance_school_id")
        batch_op.drop_index("ix_process_instance_edu_org_id")
        for name in ("youth_name", "youth_search", "stage", "risk_level", "school_id", "edu_org_id"):
            batch_op.drop_column(name)
        for slot in (*SLOTS, "search_key"):
            batch_op.create_index(f"ix_process_instance_{slot}", [slot], unique=False)
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_youth")
        batch_op.drop_index("ix_task_stage")
        batch_op.drop_index("ix_task_stage_priority")
        for name in ("youth_name", "youth_search", "stage", "risk_level"):
            batch_op.drop_column(name)
        batch_op.create_index("ix_task_search", ["status", "search_key"], unique=False)
        batch_op.create_index("ix_task_process", ["status", "process_key", "created_at"], unique=False)
        batch_op.create_index("ix_task_process_priority", ["status", "process_key", "priority", "created_at"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_process_priority")
        batch_op.drop_index("ix_task_process")
        batch_op.drop_index("ix_task_search")
        batch_op.add_column(sa.Column("youth_name", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("youth_search", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("stage", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("risk_level", sa.String(length=40), nullable=True))
    with op.batch_alter_table("process_instance", schema=None) as batch_op:
        for slot in (*SLOTS, "search_key"):
            batch_op.drop_index(f"ix_process_instance_{slot}")
        batch_op.add_column(sa.Column("youth_name", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("youth_search", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("stage", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("risk_level", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("school_id", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("edu_org_id", sa.String(length=100), nullable=True))
    op.execute("UPDATE process_instance SET youth_name = attr_1, risk_level = attr_2, school_id = attr_3, "
               "edu_org_id = attr_4, youth_search = search_key, stage = milestone")
    op.execute("UPDATE human_task SET youth_name = (SELECT p.youth_name FROM process_instance p "
               "WHERE p.id = instance_id), risk_level = attr_2, youth_search = search_key, "
               "stage = (SELECT p.stage FROM process_instance p WHERE p.id = instance_id)")
    with op.batch_alter_table("process_instance", schema=None) as batch_op:
        batch_op.drop_column("milestone")
        for slot in (*SLOTS, "search_key"):
            batch_op.drop_column(slot)
        batch_op.create_index("ix_process_instance_youth_search", ["youth_search"], unique=False)
        batch_op.create_index("ix_process_instance_school_id", ["school_id"], unique=False)
        batch_op.create_index("ix_process_instance_edu_org_id", ["edu_org_id"], unique=False)
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        for slot in (*SLOTS, "search_key"):
            batch_op.drop_column(slot)
        batch_op.create_index("ix_task_youth", ["status", "youth_search"], unique=False)
        batch_op.create_index("ix_task_stage", ["status", "stage", "created_at"], unique=False)
        batch_op.create_index("ix_task_stage_priority", ["status", "stage", "priority", "created_at"], unique=False)
