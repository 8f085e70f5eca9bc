"""Small eligibility rules: graduate retraining (§4.6), entrepreneurship referral (§4.10) and
ЕМП hours progress (§4.11)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.algorithms.dates import add_months, age_on
from domain.models.codes import EMP_LEVEL_HOURS

YOUTH_MAX_AGE = 35
MONTHS_WITHOUT_WORK_AFTER_DIPLOMA = 4
YOUTH_GRANT_AGE_LIMIT = 25


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    reasons: tuple[str, ...]
    eligible_from: date | None = None

    def as_dict(self) -> dict:
        return {
            "eligible": self.eligible,
            "reasons": list(self.reasons),
            "eligible_from": self.eligible_from.isoformat() if self.eligible_from else None,
        }


def retraining_eligibility(*, birth_date: date, diploma_date: date, on: date, employed: bool) -> Eligibility:
    """Free training under «Содействие занятости»: aged 35 or under and not employed for at least four
    months after the diploma. `eligible_from` is when the four months are over."""
    if diploma_date < birth_date:
        raise ValueError("diploma date is before the birth date")
    reasons = []
    from_date = add_months(diploma_date, MONTHS_WITHOUT_WORK_AFTER_DIPLOMA)
    if age_on(birth_date, on) > YOUTH_MAX_AGE:
        reasons.append("over_age_limit")
    if employed:
        reasons.append("employed")
    if on < from_date:
        reasons.append("less_than_4_months_since_diploma")
    return Eligibility(not reasons, tuple(reasons) or ("eligible",), from_date)


@dataclass(frozen=True)
class ReferralDecision:
    referred_to: str
    eligible_youth_grant: bool
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "referred_to": self.referred_to,
            "eligible_youth_grant": self.eligible_youth_grant,
            "reasons": list(self.reasons),
        }


def entrepreneurship_referral(
    *, birth_date: date, on: date, prefers_online: bool, centre_nearby: bool
) -> ReferralDecision:
    """The regional «Мой бизнес» centre by default; a digital platform when the youth prefers online or
    no centre is nearby. Youths under 25 are flagged for the youth entrepreneurship grants."""
    reasons = []
    if prefers_online:
        reasons.append("prefers_online")
    if not centre_nearby:
        reasons.append("no_centre_nearby")
    target = "digital_platform" if reasons else "my_business_centre"
    if not reasons:
        reasons.append("default_centre")
    grant = age_on(birth_date, on) < YOUTH_GRANT_AGE_LIMIT
    if grant:
        reasons.append("under_25_grant")
    return ReferralDecision(target, grant, tuple(reasons))


@dataclass(frozen=True)
class EmpProgress:
    required_hours: int
    hours_done: float
    share: float
    warning: bool
    message_ru: str | None

    def as_dict(self) -> dict:
        return {
            "required_hours": self.required_hours,
            "hours_done": self.hours_done,
            "share": round(self.share, 3),
            "warning": self.warning,
            "message_ru": self.message_ru,
        }


def emp_hours_progress(*, level: str, hours_done: float, on: date, school_year_start: int) -> EmpProgress:
    """Compare a pupil's ЕМП hours with the school's level (40/60/80 h a year); after the first half-year
    (from 1 January) under half of the hours means the school navigator is warned."""
    required = EMP_LEVEL_HOURS.get(level)
    if required is None:
        raise ValueError(f"unknown ЕМП level {level!r}; expected one of {sorted(EMP_LEVEL_HOURS)}")
    if hours_done < 0:
        raise ValueError("hours_done must not be negative")
    if not date(school_year_start, 9, 1) <= on <= date(school_year_start + 1, 8, 31):
        raise ValueError(f"{on} is outside the school year {school_year_start}/{school_year_start + 1}")
    share = hours_done / required
    warning = on >= date(school_year_start + 1, 1, 1) and share < 0.5
    message = (
        f"Освоено {hours_done:g} из {required} ч профминимума ({share:.0%}) — меньше половины "
        "по итогам первого полугодия"
        if warning
        else None
    )
    return EmpProgress(required, hours_done, share, warning, message)
