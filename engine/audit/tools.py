"""The auditors' tools as the facade offers them: `Engine` inherits these methods (kept here so the facade
stays one screenful per concern)."""
from __future__ import annotations

from engine.audit.replay import ReplayReport, replay
from engine.audit.timetravel import HistoricState, state_at
from engine.audit.verify import VerifyReport, verify


class AuditorTools:
    """Needs the engine's `db`, `element_index`, `instance` and `audit_events`."""

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
        flows = self.element_index(self.instance(instance_id).definition_id).flows
        events = self.audit_events(instance_id)
        return state_at(events, seq if seq is not None else events[-1].seq, flows)
