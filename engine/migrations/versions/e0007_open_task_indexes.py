"""inbox indexes hold open tasks only, one per order and selective filter (search-attribute slots included:
tasks are filtered by their copy of the route's slots); the watchdog's idle routes and child
routes get partial indexes (a million routes: every worker round swept the whole instance table)

The status-leading indexes over every task are dropped: the inbox reads open tasks only, and finished tasks
(most of the table, for years) are read by instance or business key.

Revision ID: e0007
Revises: e0006
Create Date: 2026-12-06 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e0007"
down_revision = "e0006"
branch_labels = None
depends_on = None

OPEN = "status = 'open'"
IDLE = ("status = 'active' AND open_tasks = 0 AND waiting_timers = 0 AND waiting_messages = 0 "
        "AND has_incident = false")
OPEN_TASK_INDEXES = (
    ("ix_open_task_scope", ["org_scope", "candidate_group", "created_at", "id"], OPEN),
    ("ix_open_task_assignee", ["assignee", "created_at", "id"], OPEN),
    ("ix_open_task_created", ["created_at", "id"], OPEN),
    ("ix_open_task_unassigned", ["created_at", "id"], "status = 'open' AND assignee IS NULL"),
    ("ix_open_task_due", ["due_at", "created_at", "id"], OPEN),
    ("ix_open_task_priority", ["priority", "created_at", "id"], OPEN),
    ("ix_open_task_process", ["process_key", "created_at", "id"], OPEN),
    ("ix_open_task_process_priority", ["process_key", "priority", "created_at", "id"], OPEN),
    *((f"ix_open_task_{slot}", [slot, "created_at", "id"], OPEN) for slot in ("attr_1", "attr_2", "attr_3", "attr_4",
                                                                              "attr_5")),
)
OLD_TASK_INDEXES = (
    ("ix_task_inbox", ["status", "candidate_group", "org_scope", "created_at"]),
    ("ix_task_assignee", ["status", "assignee", "created_at"]),
    ("ix_task_due", ["status", "due_at"]),
    ("ix_task_search", ["status", "search_key"]),
    ("ix_task_priority", ["status", "priority", "created_at"]),
    ("ix_task_process", ["status", "process_key", "created_at"]),
    ("ix_task_process_priority", ["status", "process_key", "priority", "created_at"]),
)


def _partial(name: str, table: str, columns: list[str], where: str, **options) -> None:
    op.create_index(name, table, columns, unique=False, postgresql_where=sa.text(where),
                    sqlite_where=sa.text(where), **options)


def upgrade() -> None:
    for name, _columns in OLD_TASK_INDEXES:
        op.drop_index(name, table_name="human_task")
    for name, columns, where in OPEN_TASK_INDEXES:
        _partial(name, "human_task", columns, where)
    _partial("ix_open_task_search", "human_task", ["search_key"], OPEN,
             postgresql_ops={"search_key": "varchar_pattern_ops"})
    _partial("ix_instance_idle", "process_instance", ["updated_at"], IDLE)
    _partial("ix_instance_parent", "process_instance", ["parent_id"], "parent_id IS NOT NULL")


def downgrade() -> None:
    op.drop_index("ix_instance_parent", table_name="process_instance")
    op.drop_index("ix_instance_idle", table_name="process_instance")
    op.drop_index("ix_open_task_search", table_name="human_task")
    for name, _columns, _where in OPEN_TASK_INDEXES:
        op.drop_index(name, table_name="human_task")
    for name, columns in OLD_TASK_INDEXES:
        op.create_index(name, "human_task", columns, unique=False)
