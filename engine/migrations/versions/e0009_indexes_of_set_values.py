"""indexes on columns most rows leave empty hold only the rows that set them: the search-attribute slots and
the search key of routes and open tasks, and the open tasks' assignee

Queries compare these columns with a value (`=`, a `LIKE` prefix), which implies the column is set, so both
databases' planners still use the indexes; a slot no attribute is declared for costs no index entries at all.

Revision ID: e0009
Revises: e0008
Create Date: 2026-12-06 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "e0009"
down_revision = "e0008"
branch_labels = None
depends_on = None

SLOTS = ("attr_1", "attr_2", "attr_3", "attr_4", "attr_5")
OPEN = "status = 'open'"
INSTANCE_COLUMNS = (*SLOTS, "search_key")
TASK_INDEXES = (
    ("ix_open_task_assignee", ["assignee", "created_at", "id"], "assignee"),
    ("ix_open_task_search", ["search_key"], "search_key"),
    *((f"ix_open_task_{slot}", [slot, "created_at", "id"], slot) for slot in SLOTS),
)
SEARCH_OPS = {"postgresql_ops": {"search_key": "varchar_pattern_ops"}}


def _index(name: str, table: str, columns: list[str], where: str | None) -> None:
    options = SEARCH_OPS if name == "ix_open_task_search" else {}
    if where is not None:
        options = {**options, "postgresql_where": sa.text(where), "sqlite_where": sa.text(where)}
    op.create_index(name, table, columns, unique=False, **options)


def upgrade() -> None:
    for column in INSTANCE_COLUMNS:
        op.drop_index(f"ix_process_instance_{column}", table_name="process_instance")
        _index(f"ix_process_instance_{column}", "process_instance", [column], f"{column} IS NOT NULL")
    for name, columns, column in TASK_INDEXES:
        op.drop_index(name, table_name="human_task")
        _index(name, "human_task", columns, f"{OPEN} AND {column} IS NOT NULL")


def downgrade() -> None:
    for column in INSTANCE_COLUMNS:
        op.drop_index(f"ix_process_instance_{column}", table_name="process_instance")
        _index(f"ix_process_instance_{column}", "process_instance", [column], None)
    for name, columns, _column in TASK_INDEXES:
        op.drop_index(name, table_name="human_task")
        _index(name, "human_task", columns, OPEN)
