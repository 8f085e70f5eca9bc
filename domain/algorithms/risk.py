"""Risk score of not being employed after study (domain.md §4.1, step 1).

The score is the sum of the points of the indicators below; the DMN table `dmn_student_risk_level`
turns it into a level. Every point awarded is returned with its indicator code so a curator can see why.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.models.codes import PRACTICE_STATUSES, SKILL_LEVELS


@dataclass(frozen=True)
class RiskIndicators:
    academic_debt_count: int = 0
    attendance_rate: float = 1.0
    practice_status: str = "none"
    practice_due: bool = False
    """True from course 2 on, or once the curriculum's practice period has come."""
    career_plan_present: bool = True
    intends_work_in_specialty: bool = True
    motivation_level: str = "normal"
    job_search_skills: str = "normal"
    social_flags_count: int = 0
    any_work_experience: bool = True
    target_contract_active: bool = False
    job_offer_received: bool = False

    def __post_init__(self) -> None:
        if self.academic_debt_count < 0:
            raise ValueError("academic_debt_count must not be negative")
        if not 0.0 <= self.attendance_rate <= 1.0:
            raise ValueError(f"attendance_rate must be within 0..1, got {self.attendance_rate}")
        if self.practice_status not in PRACTICE_STATUSES:
            raise ValueError(f"unknown practice_status {self.practice_status!r}")
        for name in ("motivation_level", "job_search_skills"):
            if getattr(self, name) not in SKILL_LEVELS:
                raise ValueError(f"{name} must be one of {SKILL_LEVELS}, got {getattr(self, name)!r}")
        if self.social_flags_count < 0:
            raise ValueError("social_flags_count must not be negative")


@dataclass(frozen=True)
class RiskContribution:
    code: str
    points: int


@dataclass(frozen=True)
class RiskScore:
    score: int
    contributions: tuple[RiskContribution, ...]

    def as_dict(self) -> dict:
        return {
            "risk_score": self.score,
            "contributions": [{"code": c.code, "points": c.points} for c in self.contributions],
        }


def risk_score(indicators: RiskIndicators) -> RiskScore:
    """Points per §4.1: debts +3 each (max 6); attendance < 0.70 → +3, 0.70..0.85 (both inclusive) → +1;
    practice none/failed when due +2; no career plan +2; not intending to work in the specialty +1;
    low motivation +2; low job-search skills +2; social factors +1 each (max 3); no work experience +1;
    active target contract −3; job offer received −3."""
    i = indicators
    awarded: list[RiskContribution] = []

    def award(code: str, points: int, condition: bool = True) -> None:
        if condition and points:
            awarded.append(RiskContribution(code, points))

    award("academic_debt", min(3 * i.academic_debt_count, 6))
    award("attendance_low", 3, i.attendance_rate < 0.70)
    award("attendance_reduced", 1, 0.70 <= i.attendance_rate <= 0.85)
    award("practice_missing", 2, i.practice_due and i.practice_status in ("none", "failed"))
    award("no_career_plan", 2, not i.career_plan_present)
    award("not_intending_specialty", 1, not i.intends_work_in_specialty)
    award("motivation_low", 2, i.motivation_level == "low")
    award("job_search_skills_low", 2, i.job_search_skills == "low")
    award("social_factors", min(i.social_flags_count, 3))
    award("no_work_experience", 1, not i.any_work_experience)
    award("target_contract", -3, i.target_contract_active)
    award("job_offer", -3, i.job_offer_received)
    return RiskScore(sum(c.points for c in awarded), tuple(awarded))
