"""The process specs, one module per diagram, and the decision tables."""
from __future__ import annotations

from tools.process_authoring.specs import (
    adaptation,
    admission,
    employer,
    entrepreneurship,
    graduate,
    individual_plan,
    overview,
    practice_library,
    school,
    student,
)
from tools.process_authoring.specs.decisions import DECISIONS

PROCESSES = [
    overview.PROCESS, school.PROCESS, employer.PROCESS, admission.PROCESS, student.PROCESS, individual_plan.PROCESS,
    graduate.PROCESS, entrepreneurship.PROCESS, adaptation.PROCESS, practice_library.PROCESS,
]

__all__ = ["DECISIONS", "PROCESSES"]
