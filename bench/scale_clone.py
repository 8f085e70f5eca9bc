"""Copies of the template routes, bulk-loaded as pg_restore would: every index, key and foreign key of the
tables a route writes is dropped, the rows go in by COPY and INSERT ... SELECT, and the very same definitions
are restored afterwards (restoring the keys proves every copied id unique and every reference sound).

Copy k of a template route differs from it in everything the inbox filters and orders by, and in nothing the
engine needs to run it:
  * ids: every instance, task, incident and handler-record id is the template's with its last 12 hex digits
    XOR-ed with k + 1 (`copy_id`, the same in SQL and Python); the compact state is rewritten with the copied
    task ids, so a copy's tasks open, complete and fire like the template's;
  * organisations: each copy belongs to one of `org_copies` copies of the template region (`school-002` becomes
    `school-002-017`), so every organisation holds `ROUTES_PER_ORG` times its template's routes;
  * subject: youth routes get a new business key and a full name drawn from the template region's name parts;
  * time: the copy's tasks were opened `shift` earlier (0 to `MAX_SHIFT_DAYS` days), so due dates spread
    from long overdue to weeks ahead; a fifth of its open tasks are claimed by an operator of the organisation.
The task data inside the state stays the template's (handlers look its youth and organisations up in the
registries), so a copy's next step recomputes its search attributes from the template's data."""
from __future__ import annotations

import json
import multiprocessing
import random
import re
import time
import uuid
import zlib
from dataclasses import dataclass
from datetime import timedelta

import psycopg
from sqlalchemy.engine import make_url

from engine.search import search_form

CLONED = ("human_task", "timer", "message_subscription", "incident", "outbox", "audit_event", "service_call")
"""The tables that hold a route's rows besides its instance (the engine's and the handlers' call records)."""
LOADED = ("process_instance", *CLONED)
SLOTS = ("attr_1", "attr_2", "attr_3", "attr_4", "attr_5", "search_key")
ROUTES_PER_ORG = 5
MAX_SHIFT_DAYS = 90
CLAIMED_SHARE = 5
"""One open task in this many is claimed by an operator."""
_ID = re.compile(rb'"([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"')
_SQL_COPY_ID = """
CREATE FUNCTION pg_temp.copy_id(value text, k integer) RETURNS text IMMUTABLE LANGUAGE sql AS $$
  SELECT CASE WHEN length(value) = 36 THEN
    left(value, 24) || lpad(to_hex(((('x' || right(value, 12))::bit(48)::bigint) # (k + 1))), 12, '0')
  ELSE value END $$"""


def copy_id(value: str, k: int) -> str:
    return value[:-12] + format(int(value[-12:], 16) ^ (k + 1), "012x")


@dataclass(frozen=True)
class Template:
    row: dict
    segments: list[bytes]
    """The decompressed state cut around every task id in it."""
    task_ids: list[str]
    youth: bool


def _template(row: dict, youth_keys: set[str]) -> Template:
    text = zlib.decompress(row["state"])
    state = json.loads(text)
    known = {task[0] for workflow in (state["workflow"], *state["subprocesses"].values()) for task in workflow["tasks"]}
    segments, task_ids, last = [], [], 0
    for match in _ID.finditer(text):
        token = match.group(1).decode()
        if token.replace("-", "") in known:
            segments.append(text[last:match.start(1)])
            task_ids.append(token)
            last = match.end(1)
    segments.append(text[last:])
    return Template(row=row, segments=segments, task_ids=task_ids, youth=row["business_key"] in youth_keys)


def _state(template: Template, k: int) -> bytes:
    parts = [template.segments[0]]
    for token, segment in zip(template.task_ids, template.segments[1:], strict=True):
        parts += [copy_id(token, k).encode(), segment]
    return zlib.compress(b"".join(parts), 6)


@dataclass(frozen=True)
class Plan:
    templates: list[Template]
    copies: int
    """Copies per template."""
    total: int
    org_copies: int
    names: tuple[list[str], list[str], list[str]]
    seed: int


def _copies(plan: Plan, first: int, last: int) -> list[tuple[tuple, tuple]]:
    """(instance row, clone-map row) of copies first..last-1 (copy number i: template i % n, k = i // n)."""
    out = []
    count = len(plan.templates)
    for index in range(first, last):
        template, k = plan.templates[index % count], index // count
        rng = random.Random(f"{plan.seed}:{index}")
        row = dict(template.row)
        suffix = f"-{k % plan.org_copies:03d}"
        row["org"] = {kind: f"{org_id}{suffix}" for kind, org_id in (row["org"] or {}).items()}
        for slot in ("attr_3", "attr_4", "attr_5"):
            row[slot] = f"{row[slot]}{suffix}" if row[slot] else None
        if template.youth:
            last_names, first_names, middle_names = plan.names
            row["attr_1"] = f"{rng.choice(last_names)} {rng.choice(first_names)} {rng.choice(middle_names)}"
            row["search_key"] = search_form(row["attr_1"])
            row["business_key"] = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        else:
            row["business_key"] = f"{row['business_key']}~{k}"
        shift = timedelta(days=rng.uniform(0, MAX_SHIFT_DAYS))
        row.update(id=copy_id(row["id"], k), state=_state(template, k), org=json.dumps(row["org"]),
                   parent_id=copy_id(row["parent_id"], k) if row["parent_id"] else None,
                   created_at=row["created_at"] - shift, updated_at=row["updated_at"] - shift)
        out.append((tuple(row.values()), (template.row["id"], k, row["id"], row["business_key"], row["org"],
                                          shift, rng.randrange(CLAIMED_SHARE) == 0,
                                          *(row[name] for name in SLOTS))))
    return out


_PLAN: Plan | None = None


def _init(plan: Plan) -> None:
    global _PLAN
    _PLAN = plan


def _chunk(bounds: tuple[int, int]) -> list[tuple[tuple, tuple]]:
    return _copies(_PLAN, *bounds)


def conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _read_plan(connection: psycopg.Connection, routes: int, seed: int) -> Plan:
    rows = connection.execute("SELECT * FROM process_instance WHERE status = 'active' ORDER BY id").fetchall()
    columns = [column.name for column in connection.execute("SELECT * FROM process_instance LIMIT 0").description]
    youth_keys = {key for (key,) in connection.execute("SELECT id FROM youth")}
    templates = [_template(dict(zip(columns, row, strict=True)), youth_keys) for row in rows]
    names = [template.row["attr_1"].split() for template in templates if template.youth and template.row["attr_1"]]
    parts = tuple(sorted({name[i] for name in names if len(name) == 3}) for i in range(3))
    copies = -(-(routes - len(templates)) // len(templates))
    return Plan(templates=templates, copies=copies, total=routes - len(templates),
                org_copies=max(1, copies // ROUTES_PER_ORG), names=parts, seed=seed)


def clone(url: str, routes: int, seed: int, processes: int = 2) -> None:
    """Fill the database up to `routes` active routes with copies of its active template routes."""
    began = time.perf_counter()
    with psycopg.connect(conninfo(url), autocommit=True) as connection:
        plan = _read_plan(connection, routes, seed)
        restore = _drop_keys_and_indexes(connection)
        connection.execute(_SQL_COPY_ID)
        connection.execute("CREATE UNLOGGED TABLE scale_clone (template_id varchar(36), k integer, id varchar(36), "
                           "business_key varchar(200), org jsonb, shift interval, claimed boolean, "
                           + ", ".join(f"{name} varchar(300)" for name in SLOTS) + ")")
        _load_instances(url, plan, processes)
        loaded = time.perf_counter()
        print(f"  {plan.total:,} instance rows (state rewritten per copy) in {loaded - began:.0f} s")
        connection.execute("CREATE INDEX ON scale_clone (template_id)")
        connection.execute("ANALYZE scale_clone")
        for table in CLONED:
            started = time.perf_counter()
            count = connection.execute(_copy_rows_sql(connection, table)).rowcount
            print(f"  {table}: {count:,} rows in {time.perf_counter() - started:.0f} s")
        connection.execute("DROP TABLE scale_clone")
        started = time.perf_counter()
        connection.execute("SET maintenance_work_mem = '1GB'")
        for statement in restore:
            connection.execute(statement)
        print(f"  indexes, keys and foreign keys restored in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        connection.execute("VACUUM ANALYZE")
        print(f"  VACUUM ANALYZE in {time.perf_counter() - started:.0f} s")
    print(f"copies: {len(plan.templates)} templates x {plan.copies} copies (up to {routes:,} routes), "
          f"{plan.org_copies} copies of the region's organisations, in {time.perf_counter() - began:.0f} s")


def _load_instances(url: str, plan: Plan, processes: int) -> None:
    """The copies' instance rows and their clone-map rows, each by COPY on its own connection; the states are
    rewritten by a pool forked before either connection opens."""
    step = 2000
    bounds = [(first, min(first + step, plan.total)) for first in range(0, plan.total, step)]
    columns = ", ".join(plan.templates[0].row)
    with multiprocessing.get_context("fork").Pool(processes, _init, (plan,)) as pool, \
            psycopg.connect(conninfo(url)) as first, psycopg.connect(conninfo(url)) as second, \
            first.cursor().copy(f"COPY process_instance ({columns}) FROM STDIN") as instance_copy, \
            second.cursor().copy("COPY scale_clone FROM STDIN") as clone_copy:
        for chunk in pool.imap(_chunk, bounds):
            for instance_row, clone_row in chunk:
                instance_copy.write_row(instance_row)
                clone_copy.write_row(clone_row)


def _column_expression(table: str, column: str, data_type: str) -> str | None:
    """What copy c's row holds in `column`, from the template's row t; None: the column's default."""
    if column == "id" and data_type == "bigint":
        return None
    if column in ("id", "instance_id", "task_id"):
        return f"pg_temp.copy_id(t.{column}, c.k)"
    if column == "business_key" or (table == "message_subscription" and column == "correlation_key"):
        return "c.business_key"
    if table == "human_task":
        if column == "org_scope":
            return ("c.org ->> (CASE t.candidate_group WHEN 'curator' THEN 'czn' ELSE t.candidate_group END)")
        if column == "assignee":
            return ("CASE WHEN t.status = 'open' AND c.claimed THEN 'op-' || (c.org ->> "
                    "(CASE t.candidate_group WHEN 'curator' THEN 'czn' ELSE t.candidate_group END)) "
                    "ELSE t.assignee END")
        if column.startswith("attr_") or column == "search_key":
            return f"c.{column}"
        if column in ("created_at", "due_at", "follow_up_at", "claimed_at", "completed_at"):
            return f"t.{column} - c.shift"
    if table == "audit_event" and column == "at":
        return "t.at - c.shift"
    return f"t.{column}"


def _copy_rows_sql(connection: psycopg.Connection, table: str) -> str:
    columns = connection.execute("SELECT column_name, data_type FROM information_schema.columns "
                                 "WHERE table_schema = current_schema() AND table_name = %s "
                                 "ORDER BY ordinal_position", (table,)).fetchall()
    chosen = [(name, expression) for name, data_type in columns
              if (expression := _column_expression(table, name, data_type)) is not None]
    return (f"INSERT INTO {table} ({', '.join(name for name, _ in chosen)}) "
            f"SELECT {', '.join(expression for _, expression in chosen)} "
            f"FROM {table} t JOIN scale_clone c ON c.template_id = t.instance_id")


def _drop_keys_and_indexes(connection: psycopg.Connection) -> list[str]:
    """Drops every foreign key touching the loaded tables, then their keys and indexes; returns the statements
    that put them back (indexes, then keys, then foreign keys)."""
    tables = list(LOADED)
    foreign = connection.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' "
        "AND (conrelid::regclass::text = ANY(%s) OR confrelid::regclass::text = ANY(%s))", (tables, tables)).fetchall()
    keys = connection.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype IN ('p', 'u') AND conrelid::regclass::text = ANY(%s)", (tables,)).fetchall()
    indexes = connection.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY(%s) "
        "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))", (tables,)).fetchall()
    for table, name, _definition in [*foreign, *keys]:
        connection.execute(f'ALTER TABLE {table} DROP CONSTRAINT IF EXISTS "{name}"')
    for name, _definition in indexes:
        connection.execute(f'DROP INDEX "{name}"')
    return ([definition for _name, definition in indexes]
            + [f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}' for table, name, definition in [*keys,
                                                                                                      *foreign]])
