"""What a retention purge of process instances removes from this room (a purge hook wired in by
`profroute.wiring`)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, inspect
from sqlalchemy.orm import Session

from domain.models import ServiceCall


def forget_service_calls(session: Session, instance_ids: Sequence[str]) -> None:
    """The stored results of the purged instances' service calls (they can hold personal data) go with the
    instances. Domain registry rows (youths, enrolments, contracts, ...) are the registry of record and stay.
    A database without the domain schema (an engine-only one) has no service calls to forget."""
    if not inspect(session.connection()).has_table(ServiceCall.__tablename__):
        return
    session.execute(delete(ServiceCall).where(ServiceCall.instance_id.in_(list(instance_ids))))
