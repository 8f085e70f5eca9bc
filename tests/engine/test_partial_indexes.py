"""The inbox's and the route search's filters on columns most rows leave empty are served by indexes that hold
only the rows setting them (their queries compare the column with a value, which implies it is set)."""
from __future__ import annotations

import pytest
from sqlalchemy import event


def plans(engine, read) -> list[str]:
    """The query plan of every statement `read()` sends, on the engine's own connections."""
    statements = []
    listener = lambda _conn, _cursor, statement, parameters, _context, _many: statements.append(  # noqa: E731
        (statement, parameters))
    event.listen(engine.db.read_engine, "before_cursor_execute", listener)
    try:
        read()
    finally:
        event.remove(engine.db.read_engine, "before_cursor_execute", listener)
    explain = "EXPLAIN QUERY PLAN " if engine.db.is_sqlite else "EXPLAIN "
    with engine.db.read_engine.connect() as connection:
        if engine.db.is_postgresql:
            connection.exec_driver_sql("SET enable_seqscan = off")
        return [" ".join(str(part) for row in connection.exec_driver_sql(explain + statement, parameters)
                         for part in row) for statement, parameters in statements]


@pytest.mark.parametrize(("read", "index"), [
    (lambda engine: engine.tasks(attributes={"person": "Петров Пётр"}), "ix_open_task_attr_1"),
    (lambda engine: engine.tasks(assignee="ivanova"), "ix_open_task_assignee"),
    (lambda engine: engine.instances(attributes={"office": "czn-1"}), "ix_process_instance_attr_2"),
])
def test_filters_on_set_values_use_the_partial_indexes(engine, read, index):
    engine.start("approval", {"amount": 20, "youth_name": "Петров Пётр"}, business_key="y-1", org={"czn": "czn-1"})
    engine.start("approval", {"amount": 20}, business_key="y-2")
    assert any(index in plan for plan in plans(engine, lambda: read(engine)))

