"""JSON shapes of the API (documented in `web.api.openapi`)."""
from __future__ import annotations

from datetime import datetime
from typing import Any


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def task_json(task: Any) -> dict[str, Any]:
    return {
        "id": task.id,
        "instance_id": task.instance_id,
        "process_key": task.process_key,
        "business_key": task.business_key,
        "element_id": task.element_id,
        "name": task.name,
        "form_key": task.form_key,
        "candidate_group": task.candidate_group,
        "org_scope": task.org_scope,
        "assignee": task.assignee,
        "priority": task.priority,
        "due_at": _iso(task.due_at),
        "follow_up_at": _iso(task.follow_up_at),
        "status": task.status,
        "created_at": _iso(task.created_at),
        "completed_at": _iso(task.completed_at),
        "completed_by": task.completed_by,
        "youth_name": task.youth_name,
        "stage": task.stage,
        "risk_level": task.risk_level,
    }


def instance_json(instance: Any) -> dict[str, Any]:
    return {
        "id": instance.id,
        "process_key": instance.process_key,
        "version": instance.version,
        "business_key": instance.business_key,
        "status": instance.status,
        "stage": instance.stage,
        "youth_name": instance.youth_name,
        "risk_level": instance.risk_level,
        "org": instance.org,
        "data": instance.data,
        "created_at": _iso(instance.created_at),
        "updated_at": _iso(instance.updated_at),
        "ended_at": _iso(instance.ended_at),
    }
