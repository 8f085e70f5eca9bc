"""What a route needs to know about a youth when a person starts it: name, birth date and the current
grade from the registries (the school route's start data, see processes/README.md)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import SchoolEnrollment, Youth


def youth_start_data(session: Session, youth_id: str) -> dict[str, Any]:
    """Empty for a youth the registries do not know; the route then starts with the id alone."""
    youth = session.get(Youth, youth_id)
    if youth is None:
        return {}
    data: dict[str, Any] = {"youth_name": youth.full_name, "birth_date": youth.birth_date.isoformat()}
    grade = session.scalar(
        select(SchoolEnrollment.grade)
        .where(SchoolEnrollment.youth_id == youth_id)
        .order_by(SchoolEnrollment.school_year.desc())
        .limit(1)
    )
    if grade is not None:
        data["grade"] = grade
    return data
