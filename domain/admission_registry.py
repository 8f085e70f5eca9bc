"""The regional education authority's yearly act outside the map's steps: it approves the admission control
figures and target-training quotas (КЦП и квоты ЦО) of next year's campaign in spring. Whoever keeps the registry
calls this when the date passes (the simulation does when its clock passes it); it flushes, never commits."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import AdmissionPlan

APPROVAL_DAY = (4, 28)
"""Day and month of the year before the campaign on which the region approves its plans (the region generator's
calendar: 28 April plus up to 19 days)."""


def approval_date(admission_year: int) -> date:
    return date(admission_year - 1, *APPROVAL_DAY)


def approve_admission_plans(session: Session, *, on: date) -> int:
    """Approve every plan whose campaign's approval date has come; returns how many were approved."""
    pending = session.scalars(
        select(AdmissionPlan).where(AdmissionPlan.approved_at.is_(None), AdmissionPlan.year <= on.year + 1)
    ).all()
    approved = 0
    for plan in pending:
        day = approval_date(plan.year)
        if day <= on:
            plan.approved_at = day
            plan.source_act = plan.source_act or f"Приказ органа управления образованием региона от {day:%d.%m.%Y}"
            approved += 1
    session.flush()
    return approved
