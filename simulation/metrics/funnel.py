"""How many young people reached each stage of the route (process starts and youth-lane milestones from the
audit log's step events), and where they stand now (the instance search attribute `stage`)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import Connection, select

from engine.store.models import AuditEvent, ProcessInstance
from simulation.stages import MILESTONE_IDS, ROUTE_STAGES

NO_STAGE = "Без отметки этапа"


@dataclass(frozen=True)
class FunnelRow:
    key: str
    label: str
    youths: int
    share: float


def route_funnel(connection: Connection, youth_keys: set[str]) -> list[FunnelRow]:
    reached: dict[str, set[str]] = {stage.key: set() for stage in ROUTE_STAGES}
    by_process = {stage.process_key: stage.key for stage in ROUTE_STAGES if stage.process_key}
    for business_key, process_key in connection.execute(
            select(ProcessInstance.business_key, ProcessInstance.process_key)):
        if business_key in youth_keys and process_key in by_process:
            reached[by_process[process_key]].add(business_key)
    steps = select(ProcessInstance.business_key, AuditEvent.payload["completed"]).join(
        ProcessInstance, ProcessInstance.id == AuditEvent.instance_id).where(AuditEvent.kind == "step")
    for business_key, completed in connection.execute(steps):
        if business_key not in youth_keys:
            continue
        for element_id in completed or ():
            if element_id in MILESTONE_IDS:
                reached[element_id].add(business_key)
    total = len(youth_keys) or 1
    return [FunnelRow(stage.key, stage.label, len(reached[stage.key]), round(len(reached[stage.key]) / total, 4))
            for stage in ROUTE_STAGES]


def current_stages(connection: Connection, youth_keys: set[str]) -> dict[str, int]:
    """The last milestone each young person passed: the `stage` of their most recent instance that has one."""
    latest: dict[str, str | None] = {}
    rows = connection.execute(select(ProcessInstance.business_key, ProcessInstance.stage)
                              .order_by(ProcessInstance.created_at, ProcessInstance.id))
    for business_key, stage in rows:
        if business_key in youth_keys and (stage or business_key not in latest):
            latest[business_key] = stage
    return dict(Counter(stage or NO_STAGE for stage in latest.values()).most_common())
