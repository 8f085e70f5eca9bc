"""The auditors' tools as `Engine` offers them: verifying the chains, replaying a route, time travel,
finding routes and exporting their events. Reading only."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.audit.export import collect_traces, csv_chunks, xes_chunks
from engine.audit.replay import ReplayReport, replay
from engine.audit.search import AuditFilters, find_instances
from engine.audit.timetravel import HistoricState, state_at
from engine.audit.verify import VerifyReport, verify
from engine.model import InstanceInfo

EXPORT_FORMATS = ("xes", "csv")


class AuditTools:
    """Mixed into `Engine`, which provides `db`, `search`, `instance`, `audit_events` and `element_index`."""

    db: Any
    search: Any

    def verify(self, instance_id: str | None = None) -> VerifyReport:
        """Check every hash chain (or one instance's) against itself, the instance rows and the anchors."""
        with self.db.read() as session:
            return verify(session, instance_id)

    def replay(self, instance_id: str) -> ReplayReport:
        """Re-run the instance offline from its log and report the first divergence, if any."""
        with self.db.read() as session:
            return replay(session, instance_id)

    def state_at(self, instance_id: str, seq: int | None = None) -> HistoricState:
        """The instance as of event `seq` of its log (the last by default); ValueError if there is no such event."""
        flows = self.element_index(self.instance(instance_id).definition_id).flows  # type: ignore[attr-defined]
        events = self.audit_events(instance_id)  # type: ignore[attr-defined]
        return state_at(events, seq if seq is not None else events[-1].seq, flows)

    def audit_instances(self, filters: AuditFilters, *, offset: int = 0, limit: int = 50) -> list[InstanceInfo]:
        """Routes matching the auditor's filters, oldest first."""
        with self.db.read() as session:
            return find_instances(session, self.search, filters, offset=offset, limit=limit)

    def export_log(self, fmt: str, filters: AuditFilters, log_name: str = "ProfRoute") -> Iterator[bytes]:
        """The event log of the matching routes as XES or CSV (UTF-8), piece by piece: one read transaction
        stays open while the caller consumes it."""
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(EXPORT_FORMATS)}")
        with self.db.read() as session:
            traces = collect_traces(session, since=filters.since, until=filters.until,
                                    where=filters.conditions(self.search))
            if fmt == "xes":
                yield from xes_chunks(traces, log_name=log_name)
            else:
                for chunk in csv_chunks(traces):
                    yield chunk.encode("utf-8")
