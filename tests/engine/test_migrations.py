"""The engine's Alembic migrations build exactly the schema its models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from engine.audit.verify import verify
from engine.chain import GENESIS
from engine.migrations import MIGRATIONS
from engine.store.models import Base


def test_upgrade_to_head_matches_the_models(database_url):
    MIGRATIONS.upgrade(database_url)
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"version_table": MIGRATIONS.version_table})
            differences = compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_e0005_moves_the_named_columns_into_the_slots_and_back(database_url, make_engine):
    """Downgraded to the named columns and upgraded again: the deployment's slot order (profroute/wiring.py:
    subject, risk level, school, college, employer) receives the old values, tasks copy their route's."""
    engine = make_engine()
    instance_id = engine.start("approval", {"amount": 20, "youth_name": "Ёлкина Анна"}, business_key="y-1",
                               org={"czn": "czn-1", "employer": "employer-7"})
    engine.close()
    MIGRATIONS.downgrade(database_url, "e0004")
    database = create_engine(database_url)
    try:
        with database.begin() as connection:
            assert connection.execute(text("SELECT youth_name, youth_search FROM human_task")).one() == (
                "Ёлкина Анна", "елкина анна")
            connection.execute(text("UPDATE process_instance SET risk_level = 'high', school_id = 'school-1', "
                                    "stage = 'Одобрено'"))
        MIGRATIONS.upgrade(database_url)
        with database.connect() as connection:
            route = connection.execute(text(
                "SELECT attr_1, attr_2, attr_3, attr_4, attr_5, search_key, milestone FROM process_instance "
                "WHERE id = :id"), {"id": instance_id}).one()
            task = connection.execute(text("SELECT attr_1, attr_2, attr_3, attr_5, search_key FROM human_task")).one()
    finally:
        database.dispose()
    assert tuple(route) == ("Ёлкина Анна", "high", "school-1", None, "employer-7", "елкина анна", "Одобрено")
    assert tuple(task) == ("Ёлкина Анна", "high", "school-1", "employer-7", "елкина анна")


def test_e0008_records_milestone_passes_and_rebuilds_them_from_the_step_log(database_url, make_engine):
    engine = make_engine()
    instance_id = engine.start("approval", {"amount": 20}, business_key="y-1")
    [task] = engine.tasks(instance_id=instance_id)
    engine.complete(task.id, {"decision": "approve"}, actor="ivanova")
    engine.close()
    query = text("SELECT instance_id, element_id, at FROM milestone_pass")
    database = create_engine(database_url)
    try:
        with database.connect() as connection:
            written = connection.execute(query).all()
        MIGRATIONS.downgrade(database_url, "e0007")
        MIGRATIONS.upgrade(database_url)
        with database.connect() as connection:
            rebuilt = connection.execute(query).all()
    finally:
        database.dispose()
    assert [(row.instance_id, row.element_id) for row in written] == [(instance_id, "approved_milestone")]
    assert [tuple(row) for row in rebuilt] == [tuple(row) for row in written]


def test_e0010_drops_the_stored_links_and_the_chains_verify_as_before(database_url, make_engine):
    """Downgraded, every event gets its predecessor's hash back as its link; upgraded again, the link is gone
    and the log reads and verifies as it did."""
    engine = make_engine()
    instance_id = engine.start("approval", {"amount": 20}, business_key="y-1")
    [task] = engine.tasks(instance_id=instance_id)
    engine.complete(task.id, {"decision": "approve"}, actor="ivanova")
    before = engine.audit_events(instance_id)
    with engine.db.read() as session:
        assert verify(session).ok
    engine.close()
    MIGRATIONS.downgrade(database_url, "e0009")
    database = create_engine(database_url)
    try:
        with database.connect() as connection:
            links = connection.execute(text("SELECT prev_hash, hash FROM audit_event ORDER BY seq")).all()
    finally:
        database.dispose()
    assert [bytes(link).hex() for link, _hash in links] == [GENESIS] + [bytes(digest).hex() for _link, digest in
                                                                         links[:-1]]
    MIGRATIONS.upgrade(database_url)
    engine = make_engine(schema=False, deploy=False)
    assert engine.audit_events(instance_id) == before
    with engine.db.read() as session:
        assert verify(session).ok
