"""SQLAlchemy models of the engine's storage (see docs/design.md, "Storage")."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from engine.search import SEARCH_KEY, SLOTS
from storage import Digest, PackedJSON, UTCDateTime

ID = String(36)


class Base(DeclarativeBase):
    pass


class DefinitionBlob(Base):
    """A deployed BPMN/DMN file's bytes, stored once per content hash."""

    __tablename__ = "definition_blob"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)


class ProcessDefinition(Base):
    """One immutable version of one executable process."""

    __tablename__ = "process_definition"
    __table_args__ = (UniqueConstraint("key", "version"), Index("ix_definition_key_hash", "key", "content_hash"))
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    start_messages: Mapped[list[str]] = mapped_column(JSON, default=list)
    history_ttl_days: Mapped[int | None] = mapped_column(Integer)
    deployed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deployed_by: Mapped[str | None] = mapped_column(String(200))


class DefinitionFile(Base):
    __tablename__ = "definition_file"
    definition_id: Mapped[str] = mapped_column(ForeignKey("process_definition.id"), primary_key=True)
    filename: Mapped[str] = mapped_column(String(300), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("definition_blob.sha256"))


IDLE_ROUTE = text("status = 'active' AND open_tasks = 0 AND waiting_timers = 0 AND waiting_messages = 0 "
                  "AND has_incident = false")
"""An active route whose row says it waits for nothing: the watchdog's sweep looks for these on every worker
round, so a partial index holds exactly them (a handful, however many routes there are)."""
OPEN_TASK = text("status = 'open'")
"""The inbox reads open tasks only; its indexes hold those (finished tasks, most of the table, stay out)."""
CHILD_ROUTE = text("parent_id IS NOT NULL")


def _set(column: str, where: str = ""):
    """The predicate of an index on a column most rows leave empty: queries compare it with a value (`=`,
    `LIKE`), which implies it is set, so both databases' planners use the partial index, and empty rows cost
    no index entry."""
    return text(f"{where}{column} IS NOT NULL")


def _open_and_set(column: str):
    return _set(column, "status = 'open' AND ")


def _partial(name: str, where, *columns, **options) -> Index:
    return Index(name, *columns, postgresql_where=where, sqlite_where=where, **options)


class ProcessInstance(Base):
    __tablename__ = "process_instance"
    __table_args__ = (
        Index("ix_instance_business_key", "business_key"),
        Index("ix_instance_process_status", "process_key", "status"),
        _partial("ix_instance_idle", IDLE_ROUTE, "updated_at"),
        _partial("ix_instance_parent", CHILD_ROUTE, "parent_id"),
        *(_partial(f"ix_process_instance_{slot}", _set(slot), slot) for slot in (*SLOTS, SEARCH_KEY)),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    definition_id: Mapped[str] = mapped_column(ForeignKey("process_definition.id"), index=True)
    process_key: Mapped[str] = mapped_column(String(200))
    business_key: Mapped[str | None] = mapped_column(String(200))
    parent_id: Mapped[str | None] = mapped_column(ID)
    status: Mapped[str] = mapped_column(String(20))  # active, suspended, completed, cancelled
    has_incident: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer, default=1)
    org: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The deployment's search attributes (engine.search), the search key, and the last milestone passed.
    attr_1: Mapped[str | None] = mapped_column(String(300))
    attr_2: Mapped[str | None] = mapped_column(String(300))
    attr_3: Mapped[str | None] = mapped_column(String(300))
    attr_4: Mapped[str | None] = mapped_column(String(300))
    attr_5: Mapped[str | None] = mapped_column(String(300))
    search_key: Mapped[str | None] = mapped_column(String(300))
    milestone: Mapped[str | None] = mapped_column(String(300))
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    open_tasks: Mapped[int] = mapped_column(Integer, default=0)
    waiting_timers: Mapped[int] = mapped_column(Integer, default=0)
    waiting_messages: Mapped[int] = mapped_column(Integer, default=0)
    audit_seq: Mapped[int] = mapped_column(Integer, default=0)
    audit_head: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __mapper_args__ = {"version_id_col": version}


class HumanTask(Base):
    """Projection of a user task: open ones drive the inbox, finished ones are its history."""

    __tablename__ = "human_task"
    # One index per inbox order and per selective filter, each ending in the order's columns (created_at, id),
    # so the first page is the first rows of one index range and a count stops after cap + 1 entries.
    __table_args__ = (
        _partial("ix_open_task_scope", OPEN_TASK, "org_scope", "candidate_group", "created_at", "id"),
        _partial("ix_open_task_assignee", _open_and_set("assignee"), "assignee", "created_at", "id"),
        _partial("ix_open_task_created", OPEN_TASK, "created_at", "id"),
        _partial("ix_open_task_unassigned", text("status = 'open' AND assignee IS NULL"), "created_at", "id"),
        _partial("ix_open_task_due", OPEN_TASK, "due_at", "created_at", "id"),
        _partial("ix_open_task_priority", OPEN_TASK, "priority", "created_at", "id"),
        _partial("ix_open_task_process", OPEN_TASK, "process_key", "created_at", "id"),
        _partial("ix_open_task_process_priority", OPEN_TASK, "process_key", "priority", "created_at", "id"),
        _partial("ix_open_task_search", _open_and_set(SEARCH_KEY), "search_key",
                 postgresql_ops={"search_key": "varchar_pattern_ops"}),
        *(_partial(f"ix_open_task_{slot}", _open_and_set(slot), slot, "created_at", "id")
          for slot in SLOTS),
    )
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("process_instance.id"), index=True)
    process_key: Mapped[str] = mapped_column(String(200))
    business_key: Mapped[str | None] = mapped_column(String(200), index=True)
    element_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str | None] = mapped_column(String(500))
    form_key: Mapped[str | None] = mapped_column(String(200))
    candidate_group: Mapped[str | None] = mapped_column(String(100))
    org_scope: Mapped[str | None] = mapped_column(String(100))
    assignee: Mapped[str | None] = mapped_column(String(200))
    priority: Mapped[int] = mapped_column(Integer, default=3)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    follow_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))  # open, completed, cancelled
    attr_1: Mapped[str | None] = mapped_column(String(300))
    attr_2: Mapped[str | None] = mapped_column(String(300))
    attr_3: Mapped[str | None] = mapped_column(String(300))
    attr_4: Mapped[str | None] = mapped_column(String(300))
    attr_5: Mapped[str | None] = mapped_column(String(300))
    search_key: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    completed_by: Mapped[str | None] = mapped_column(String(200))


class TaskComment(Base):
    __tablename__ = "task_comment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    task_id: Mapped[str] = mapped_column(ForeignKey("human_task.id"), index=True)
    author: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Timer(Base):
    __tablename__ = "timer"
    task_id: Mapped[str] = mapped_column(ID, primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("process_instance.id"), index=True)
    element_id: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class MessageSubscription(Base):
    __tablename__ = "message_subscription"
    __table_args__ = (Index("ix_subscription_match", "name", "correlation_key"),)
    task_id: Mapped[str] = mapped_column(ID, primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("process_instance.id"), index=True)
    element_id: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    correlation_key: Mapped[str | None] = mapped_column(String(200))


class Message(Base):
    """A message on its way: pending delivery, buffered until someone waits, delivered or expired."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_status", "status", "name", "correlation_key"),)
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    correlation_key: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[Any] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))  # pending, buffered, delivered, expired
    source_instance_id: Mapped[str | None] = mapped_column(ID)
    delivered_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Incident(Base):
    __tablename__ = "incident"
    __table_args__ = (Index("ix_incident_retry", "status", "next_retry_at"),)
    id: Mapped[str] = mapped_column(ID, primary_key=True)
    instance_id: Mapped[str] = mapped_column(ForeignKey("process_instance.id"), index=True)
    task_id: Mapped[str] = mapped_column(ID)
    element_id: Mapped[str | None] = mapped_column(String(200))
    operation: Mapped[str | None] = mapped_column(String(200))
    error_type: Mapped[str] = mapped_column(String(200))
    error: Mapped[str] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20))  # open (retry scheduled), waiting_admin, resolved
    next_retry_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Outbox(Base):
    """Calls to external systems, written in the step's transaction and sent by an adapter afterwards."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_pending", "status", "system"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    instance_id: Mapped[str | None] = mapped_column(ID, index=True)
    task_id: Mapped[str | None] = mapped_column(ID)
    system: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(100))
    payload: Mapped[Any] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending, sending, sent, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    """Kept only for a row of no route: a route's `external_sent` audit event records the answer."""
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEvent(Base):
    """Append-only; per instance a gap-free sequence and a SHA-256 chain (docs/contracts.md)."""

    __tablename__ = "audit_event"
    __table_args__ = (UniqueConstraint("instance_id", "seq"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    instance_id: Mapped[str] = mapped_column(ID)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str | None] = mapped_column(String(200))
    element_id: Mapped[str | None] = mapped_column(String(200))
    task_id: Mapped[str | None] = mapped_column(ID)
    payload: Mapped[Any] = mapped_column(PackedJSON)
    hash: Mapped[str] = mapped_column(Digest)
    """Chained to the previous event's hash (the first event's: GENESIS), which is not stored again here."""


class MilestonePass(Base):
    """A milestone a route passed and when (the named events of its process's ``milestoneLane``, written by the
    step that passed them): what the analysts' funnel reads instead of every step's log entry."""

    __tablename__ = "milestone_pass"
    __table_args__ = (Index("ix_milestone_pass_element_at", "element_id", "at"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True,
                                    autoincrement=True)
    instance_id: Mapped[str] = mapped_column(ID, index=True)
    element_id: Mapped[str] = mapped_column(String(200))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditAnchor(Base):
    """A periodic anchor over the heads of all chains (and the instances purged legally)."""

    __tablename__ = "audit_anchor"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    chain_count: Mapped[int] = mapped_column(Integer)
    heads_digest: Mapped[str] = mapped_column(String(64))
    heads: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    purged: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
