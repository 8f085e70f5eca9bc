"""Moving running routes to another version of their process (issue 11, item 6): the mapping, the dry run's
verdicts, the move itself, and replay and verify afterwards. Version 2 of `moves` drops `choose`, renames
`meet` and adds `report` after it."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from engine.errors import NotFound, ValidationError
from engine.store.models import AuditEvent, HumanTask, ProcessInstance

VERSIONS = Path(__file__).parent / "fixtures" / "versions"
LOOPS = Path(__file__).parent / "fixtures" / "loops"
SEND_BACK = Path(__file__).parent / "fixtures" / "send_back"


@pytest.fixture
def engine(make_engine):
    engine = make_engine(deploy=False)
    engine.deploy([VERSIONS / "v1"], actor="analyst")
    return engine


def route_at(engine, element_id: str, name: str) -> str:
    """A version-1 route whose open user task is `element_id`."""
    instance_id = engine.start("moves", {"youth_name": name}, business_key=name, org={"school": "school-001"})
    for passed in ("intake", "choose", "meet"):
        [task] = engine.tasks(instance_id=instance_id, status="open")
        if task.element_id == element_id:
            return instance_id
        engine.complete(task.id, {passed: "готово"}, actor="ivanova")
    raise AssertionError(element_id)


@pytest.fixture
def routes(engine):
    routes = {element: route_at(engine, element, name) for element, name in
              (("intake", "Орлова Мария"), ("choose", "Петров Илья"), ("meet", "Сидорова Анна"))}
    engine.deploy([VERSIONS / "v2"], actor="analyst")
    return routes


def verdicts(report):
    return {route.instance_id: [(b.reason, b.element) for b in route.blockers] for route in report.routes}


def test_dry_run_lists_who_can_move_and_why_not(engine, routes):
    report = engine.migrate("moves", 1, 2, dry_run=True, actor="analyst")

    assert report.missing == ("choose",)
    assert verdicts(report) == {routes["intake"]: [], routes["choose"]: [("unmapped", "choose")],
                                routes["meet"]: []}
    by_id = {route.instance_id: route for route in report.routes}
    assert by_id[routes["choose"]].active == ("choose",)
    assert by_id[routes["choose"]].name == "Петров Илья"
    [line] = [line for line in report.lines() if line.startswith(routes["choose"])]
    assert line.endswith("cannot move: element choose is active and version 2 has no element with its id; map it")
    assert all(info.definition_id == engine.definitions("moves")[0].id for info in engine.instances())


def test_a_mapping_makes_the_removed_element_movable(engine, routes):
    report = engine.migrate("moves", 1, 2, {"choose": "meet"}, dry_run=True, actor="analyst")
    assert report.missing == ()
    assert [route.can_move for route in report.routes] == [True, True, True]


@pytest.mark.parametrize(("mapping", "message"), [
    ({"nowhere": "meet"}, "'nowhere' of the mapping is not in version 1"),
    ({"choose": "nowhere"}, "'nowhere' of the mapping is not in version 2")])
def test_a_mapping_naming_unknown_elements_is_refused(engine, routes, mapping, message):
    with pytest.raises(ValidationError, match=message):
        engine.migrate("moves", 1, 2, mapping, actor="analyst")


def test_bad_versions_and_instances_are_refused(engine, routes):
    with pytest.raises(NotFound, match="has no version 7"):
        engine.migrate("moves", 1, 7, actor="analyst")
    with pytest.raises(ValidationError, match="to itself"):
        engine.migrate("moves", 2, 2, actor="analyst")
    with pytest.raises(ValidationError, match="actor"):
        engine.migrate("moves", 1, 2, actor="")
    with pytest.raises(NotFound, match="do not exist"):
        engine.migrate("moves", 1, 2, instance_ids=["no-such-route"], actor="analyst")


def test_finished_and_other_version_routes_are_reported_not_moved(engine, routes):
    engine.cancel(routes["meet"], actor="admin", reason="переезд")
    report = engine.migrate("moves", 1, 2, instance_ids=[routes["meet"]], actor="analyst")
    assert verdicts(report) == {routes["meet"]: [("status", "cancelled")]} and not report.moved


def test_routes_move_keep_their_tasks_and_timers_and_still_replay(engine, routes, clock):
    timers_before = engine.timers(routes["intake"])
    clock.advance(timedelta(days=2))
    target = engine.definitions("moves")[1]

    report = engine.migrate("moves", 1, 2, {"choose": "meet"}, actor="analyst")

    assert [route.moved for route in report.routes] == [True, True, True]
    for instance_id in routes.values():
        assert engine.instance(instance_id).definition_id == target.id
    assert engine.timers(routes["intake"]) == timers_before, "the boundary timer keeps its due time"
    [mapped] = engine.tasks(instance_id=routes["choose"], status="open")
    assert (mapped.element_id, mapped.name) == ("meet", "Итоговая встреча с куратором")
    with engine.db.read() as session:
        event = session.scalars(select(AuditEvent).where(AuditEvent.instance_id == routes["choose"],
                                                         AuditEvent.kind == "migrated")).one()
        assert (event.actor, event.payload["from_version"], event.payload["to_version"],
                event.payload["mapping"]) == ("analyst", 1, 2, {"choose": "meet"})
        rows = session.scalars(select(HumanTask).where(HumanTask.instance_id == routes["meet"])).all()
        assert sorted((row.element_id, row.status) for row in rows) == [
            ("choose", "completed"), ("intake", "completed"), ("meet", "open")], "history rows are kept"
    for instance_id in routes.values():
        assert engine.replay(instance_id).ok, engine.replay(instance_id).summary()
        assert engine.verify(instance_id).ok

    for instance_id in routes.values():
        while open_tasks := engine.tasks(instance_id=instance_id, status="open"):
            engine.complete(open_tasks[0].id, {"done": open_tasks[0].element_id}, actor="ivanova")
        info = engine.instance(instance_id)
        assert info.status == "completed"
        assert engine.replay(instance_id).ok, engine.replay(instance_id).summary()
        assert engine.verify(instance_id).ok
    passed = [event.element_id for event in engine.audit_events(routes["intake"]) if event.kind == "task_completed"]
    assert passed == ["intake", "meet", "report"], "the moved route runs the new version's path"


def test_only_the_named_instances_move_and_a_second_run_finds_nothing(engine, routes):
    report = engine.migrate("moves", 1, 2, instance_ids=[routes["intake"]], actor="analyst")
    assert [route.instance_id for route in report.moved] == [routes["intake"]]
    again = engine.migrate("moves", 1, 2, actor="analyst")
    assert sorted(route.instance_id for route in again.routes) == sorted([routes["choose"], routes["meet"]])
    with engine.db.read() as session:
        versions = dict(session.execute(select(ProcessInstance.id, ProcessInstance.definition_id)).all())
    assert versions[routes["choose"]] != versions[routes["intake"]], "the unmapped route stayed on version 1"
    assert engine.replay(routes["choose"]).ok


def second_version(engine, folder: Path, old: bytes, new: bytes) -> None:
    """Deploy a copy of the folder's files with one text replaced: version 2 of the same process."""
    files = [(path.name, path.read_bytes().replace(old, new)) for path in sorted(folder.iterdir())]
    assert engine.deploy_files(files, actor="analyst").created


def test_a_route_in_a_running_loop_or_with_a_failed_step_is_refused(make_engine):
    engine = make_engine(deploy=False)
    engine.deploy([LOOPS, SEND_BACK])
    in_loop = engine.start("checkpoints", {"years": [2026, 2027]}, business_key="y-1")
    failed = engine.start("correction", {"youth_name": "Орлова Мария"}, business_key="y-2")
    [task] = engine.tasks(instance_id=failed)
    engine.complete(task.id, {"note": "без суммы"}, actor="ivanova")
    second_version(engine, LOOPS, "Итоги".encode(), "Итоги года".encode())
    second_version(engine, SEND_BACK, "Рассмотрение заявки".encode(), "Решение по заявке".encode())

    loop = engine.migrate("checkpoints", 1, 2, dry_run=True, actor="analyst")
    assert verdicts(loop) == {in_loop: [("loop", "checkpoint")]}
    assert "runs a loop or multi-instance activity" in loop.lines()[0]
    stopped = engine.migrate("correction", 1, 2, actor="analyst")
    assert verdicts(stopped) == {failed: [("failed", "lookup")]} and not stopped.moved
    assert engine.replay(failed).ok and engine.replay(in_loop).ok


def test_a_waiting_boundary_timer_the_new_version_dropped_goes_with_the_move(engine):
    instance_id = route_at(engine, "intake", "Орлова Мария")
    assert [element for _, element, _ in engine.timers(instance_id)] == ["intake_late"]
    engine.deploy([VERSIONS / "no_deadline"], actor="analyst")

    report = engine.migrate("moves", 1, 2, actor="analyst")

    assert verdicts(report) == {instance_id: []} and report.moved
    assert engine.timers(instance_id) == []
    assert engine.replay(instance_id).ok and engine.verify(instance_id).ok
    while open_tasks := engine.tasks(instance_id=instance_id, status="open"):
        engine.complete(open_tasks[0].id, {}, actor="ivanova")
    assert engine.instance(instance_id).status == "completed" and engine.replay(instance_id).ok
