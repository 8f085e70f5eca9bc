"""Messages between instances: each goes to the instances waiting for its name and correlation key, in
their own steps; with no receiver it starts a process whose message start event has that name, or waits
buffered until someone subscribes or it expires. A message id is delivered at most once per receiver."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from engine import queries
from engine.chain import to_jsonable
from engine.clock import Clock
from engine.db import Database
from engine.errors import InvalidState
from engine.executor import Skip, StepExecutor
from engine.persist import persist_step
from engine.step import StepRunner
from engine.store.models import Message, MessageSubscription, ProcessDefinition, ProcessInstance

MAX_DELIVERIES_PER_DRAIN = 10_000
MAX_TRIES_PER_DRAIN = 3
"""A message another worker holds stays pending until it commits: tried again a few times, then left to it."""


class MessageRouter:
    def __init__(self, db: Database, executor: StepExecutor, clock: Clock, ttl: timedelta):
        self.db = db
        self.executor = executor
        self.clock = clock
        self.ttl = ttl

    def post(self, name: str, correlation_key: str | None, payload: Any, message_id: str) -> None:
        """Record a message from outside; a repeated id is ignored (idempotent)."""
        with self.db.write() as session, session.begin():
            if session.get(Message, message_id) is None:
                session.add(Message(id=message_id, name=name, correlation_key=correlation_key,
                                    payload=to_jsonable(payload), status="pending", source_instance_id=None,
                                    delivered_to=[], created_at=self.clock.now()))

    def receivers(self, message_id: str) -> list[str]:
        with self.db.read() as session:
            message = session.get(Message, message_id)
            return list(message.delivered_to or []) if message else []

    def drain(self) -> int:
        """Deliver pending messages, and buffered ones that someone now waits for, oldest first."""
        delivered = 0
        tries: Counter[str] = Counter()
        while delivered < MAX_DELIVERIES_PER_DRAIN:
            with self.db.read() as session:
                pending = [message_id for message_id in queries.deliverable_messages(session)
                           if tries[message_id] < MAX_TRIES_PER_DRAIN]
            if not pending:
                return delivered
            for message_id in pending:
                tries[message_id] += 1
                self._deliver(message_id)
                delivered += 1
        return delivered

    def expire(self, moment: datetime) -> int:
        """Buffered messages nobody came for by `moment` expire (the worker's round calls this only when its
        read found some, so an idle round takes no write lock)."""
        with self.db.write() as session, session.begin():
            return session.execute(update(Message).where(Message.status == "buffered", Message.expires_at <= moment)
                                   .values(status="expired")).rowcount

    def _deliver(self, message_id: str) -> None:
        with self.db.read() as session:
            message = session.get(Message, message_id)
            if message is None or message.status not in ("pending", "buffered"):
                return
            receivers = session.scalars(
                select(MessageSubscription.instance_id)
                .join(ProcessInstance, ProcessInstance.id == MessageSubscription.instance_id)
                .where(MessageSubscription.name == message.name,
                       MessageSubscription.correlation_key == message.correlation_key,
                       ProcessInstance.status == "active")
                .distinct()).all()
            starter = None if receivers else queries.message_start_definition(session, message.name)
        if receivers:
            for instance_id in receivers:
                self.executor.run(instance_id, "message", self._delivery(message_id), actor=None)
        elif starter is not None:
            self._start_by_message(starter, message_id)
        else:
            with self.db.write() as session, session.begin():
                message = session.get(Message, message_id)
                if message.status == "pending":
                    message.status = "buffered"
                    message.expires_at = self.clock.now() + self.ttl

    def _delivery(self, message_id: str) -> Callable[[StepRunner, Session], None]:
        def apply(runner: StepRunner, session: Session) -> None:
            message = session.get(Message, message_id, with_for_update={"skip_locked": True})
            if message is None:  # another worker is delivering it
                raise Skip()
            already = runner.instance.id in (message.delivered_to or [])
            if message.status not in ("pending", "buffered") or already:
                raise Skip()
            if not runner.deliver_message(message.name, message.correlation_key, message.payload, message.id):
                raise Skip()
            message.delivered_to = [*(message.delivered_to or []), runner.instance.id]
            message.status = "delivered"
        return apply

    def _start_by_message(self, definition_id: str, message_id: str) -> None:
        with self.db.write() as session, session.begin():
            message = session.get(Message, message_id)
            if message.status not in ("pending", "buffered"):
                return
            definition = session.get(ProcessDefinition, definition_id)
            runner, process = self.executor.new_instance(session, definition, message.correlation_key, None, {})
            runner.run()
            if not runner.deliver_message(message.name, message.correlation_key, message.payload, message.id):
                raise InvalidState(f"process {definition.key!r} did not wait for its start message "
                                   f"{message.name!r}")
            persist_step(session, runner, process, self.executor.search)
            message.delivered_to = [runner.instance.id]
            message.status = "delivered"
        self.executor.keep(runner)
