"""Drives the deployed processes on the engine like the people of the map would, and reports which
gateway branches and boundary events were taken.

`Autopilot.run()` completes every open human task with the scenario's answer for its element, and when
nothing is open moves the manual clock to the next due timer; messages between stages are delivered by
the engine itself.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from engine import Engine, ManualClock, TaskInfo
from engine.parsing.documents import parse_xml
from profroute.wiring import SEARCH_ATTRIBUTES

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
START = datetime.fromisoformat("2026-09-01T06:00:00+00:00")

Answer = Mapping[str, Any] | Callable[[TaskInfo], Mapping[str, Any] | None]
"""Form data for a task, or a function of the task giving it; a function that gives None leaves that task
open for good (nobody acts on it, so its boundary timers fall due)."""

AGREEMENT = {"number": "С-17/2026", "signed_at": "2026-09-15", "valid_to": "2029-09-15",
             "proftour_slots_per_year": 2, "practice_slots": 3, "internship_slots": 1, "vacancies_for_youth": 2,
             "gia_participation": True, "programme_participation": True}

DEFAULT_ANSWERS: dict[str, Answer] = {
    "school_year_results": lambda task: {
        "hours_done": 62, "diagnostics_done": True, "career_intent": "spo", "wants_temp_job": False,
        "temp_job_during_school_year": False, "leaves_school": task.data["school_year_plan"]["grade"] == 9},
    "choose_target_offer": lambda task: {"apply_target": True,
                                         "offer_id": task.data["target_offer_choices"][0]["value"]},
    "admission_result": {"enrolled": True, "edu_org_id": "college-1", "okso_code": "15.02.16", "funding": "budget"},
    "conclude_target_contract": {"signed": True, "work_obligation_years": 3, "employment_deadline": "2031-09-01"},
    "profiling_periodic": {"career_plan_present": True, "intends_work_in_specialty": True,
                           "motivation_level": "normal", "job_search_skills": "normal", "job_offer_received": False,
                           "any_work_experience": True, "social_flags": []},
    "organize_practices": {"confirmed": True, "start_date": "2027-02-01", "end_date": "2027-03-15",
                           "employer_evaluation": 5, "offer_made": True},
    "final_exams": {"passed": True, "diploma_date": "2027-06-30", "demo_exam_score": 86},
    "individual_plan_profiling": {"career_plan_present": False, "practice_status": "none",
                                  "job_search_skills": "low", "motivation_level": "normal", "needs_income_now": True,
                                  "has_disability": False, "wants_entrepreneurship": False,
                                  "wants_trajectory_change": False, "job_offer_received": False},
    "ip_results": {"plan_completed": True, "employed": False, "entrepreneurship_request": False,
                   "prefers_online_support": False, "comment": "Сервисы оказаны"},
    "confirm_graduate_status": {"employed": True, "in_specialty": True, "employer_id": "employer-1",
                                "start_date": "2027-08-01", "wants_change": False, "enrolled_in_retraining": False},
    "graduate_followup": {"found_job": False, "job_search_active": True, "job_search_skills": "low",
                          "motivation_level": "normal", "needs_income_now": True, "plan_adjusted": True},
    "target_contract_employment": {"hired": True, "start_date": "2027-08-01"},
    "entrepreneurship_support": {"measures": ["consulting", "grant"], "comment": "Грант на оборудование"},
    "business_followup": {"business_form": "npd", "comment": "Зарегистрирован как самозанятый"},
    "agreement_target_contract": AGREEMENT,
    "agreement_assistance": AGREEMENT,
    "employer_in_programs": {"programme_codes": "15.02.16", "participation_format": "co_design", "comment": ""},
    "adaptation_measures": {"mentor_name": "Петров Пётр Петрович", "measures": ["onboarding", "mentoring"],
                            "completed": True},
    "confirm_retention": {"still_employed": True, "risk_of_leaving": False, "left_reason": ""},
    "competency_growth_measures": {"programmes": "Бережливое производство", "completed": True},
    "practices_library": {"title": "Наставничество первого года", "category": "mentoring",
                          "description": "Наставник из опытных сотрудников на первый год работы",
                          "industries": "Машиностроение", "publish": True},
    "review_practice": {"still_relevant": True, "comment": ""},
    "curator_shortage_decision": {"decision": "over_cap", "comment": "Временно сверх лимита"},
}


def bpmn_files() -> list[Path]:
    return sorted(PROCESSES.glob("*.bpmn"))


def read_tree(path: Path):
    """A diagram of the repository, read by the engine's hardened parser."""
    return parse_xml(path.name, path.read_bytes()).getroottree()


def deployable_files() -> list[Path]:
    return bpmn_files() + sorted(PROCESSES.glob("*.dmn"))


def new_engine(database_url: str, handlers: Mapping[str, Callable[..., Any]], cold: bool = False) -> Engine:
    engine = Engine(database_url, clock=ManualClock(START), handlers=handlers, cold=cold,
                    search_attributes=SEARCH_ATTRIBUTES)
    engine.create_schema()
    engine.deploy([str(path) for path in deployable_files()], actor="tests")
    return engine


@dataclass
class Autopilot:
    engine: Engine
    scope: set[str] | None = None
    answers: dict[str, Answer] = field(default_factory=lambda: dict(DEFAULT_ANSWERS))
    completed_tasks: list[str] = field(default_factory=list)
    left_open: set[str] = field(default_factory=set)

    @property
    def clock(self) -> ManualClock:
        clock = self.engine.clock
        assert isinstance(clock, ManualClock)
        return clock

    def answer(self, element_id: str, answer: Answer) -> Autopilot:
        self.answers[element_id] = answer
        return self

    def run(self, *, until: datetime | None = None, max_rounds: int = 2000) -> None:
        """Until nothing is open and no timer is due (or the clock would pass `until`); only the processes
        in `scope` when it is set."""
        for _ in range(max_rounds):
            self.assert_no_incident()
            tasks = [t for t in self.engine.tasks(status="open", limit=100)
                     if self._in_scope(t.process_key) and t.id not in self.left_open]
            if tasks:
                for task in tasks:
                    self.complete(task)
                continue
            timers = [t for t in self.engine.timers() if self._in_scope(self.engine.instance(t[0]).process_key)]
            if not timers:
                return
            due = timers[0][2]
            if until is not None and due > until:
                return
            # SpiffWorkflow fires a timer once the clock is strictly past its due time
            self.clock.set(max(self.clock.now(), due + timedelta(seconds=1)))
            self.engine.run_due()
        raise AssertionError(f"the processes were still running after {max_rounds} rounds")

    def assert_no_incident(self) -> None:
        incidents = self.engine.incidents(status="open")
        assert not incidents, f"incident on {incidents[0].element_id}: {incidents[0].error}"

    def _in_scope(self, process_key: str) -> bool:
        return self.scope is None or process_key in self.scope

    def complete(self, task: TaskInfo) -> None:
        assert task.org_scope, f"{task.element_id} has no organisation scope: nobody would see it"
        answer = self.answers[task.element_id]
        if callable(answer):
            answer = answer(self.engine.task(task.id))
        if answer is None:
            self.left_open.add(task.id)
            return
        self.engine.complete(task.id, dict(answer), actor=f"{task.candidate_group}-operator")
        self.completed_tasks.append(task.element_id)

    def wait(self, delta: timedelta) -> None:
        """Let time pass without anyone working (timers fall due, tasks stay open)."""
        self.clock.advance(delta)
        self.engine.run_due()

    def instances(self, process_key: str) -> list[Any]:
        return self.engine.instances(process_key=process_key, limit=100)


# --- what ran ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Branch:
    file: str
    flow_id: str
    source: str
    target: str
    join_target: bool


@dataclass(frozen=True)
class DiagramFacts:
    branches: list[Branch]
    boundaries: dict[str, str]

    @classmethod
    def read(cls, paths: list[Path]) -> DiagramFacts:
        branches: list[Branch] = []
        boundaries: dict[str, str] = {}
        for path in paths:
            root = parse_xml(path.name, path.read_bytes())
            for process in root.iter(f"{{{BPMN}}}process"):
                if process.get("isExecutable") != "true":
                    continue
                flows = list(process.iter(f"{{{BPMN}}}sequenceFlow"))
                incoming: dict[str, int] = {}
                for flow in flows:
                    incoming[flow.get("targetRef")] = incoming.get(flow.get("targetRef"), 0) + 1
                gateways = {el.get("id") for tag in ("exclusiveGateway", "inclusiveGateway", "parallelGateway")
                            for el in process.iter(f"{{{BPMN}}}{tag}")}
                for flow in flows:
                    source = flow.get("sourceRef")
                    if source in gateways and sum(f.get("sourceRef") == source for f in flows) > 1:
                        target = flow.get("targetRef")
                        branches.append(Branch(path.name, flow.get("id"), source, target, incoming[target] > 1))
                for boundary in process.iter(f"{{{BPMN}}}boundaryEvent"):
                    boundaries[boundary.get("id")] = path.name
        return cls(branches, boundaries)


@dataclass
class RunRecord:
    """Element completions of every instance, in order, from the engine's audit log."""

    sequences: list[list[str]]
    active: set[str]

    @classmethod
    def collect(cls, engine: Engine) -> RunRecord:
        sequences: list[list[str]] = []
        active: set[str] = set()
        offset = 0
        while True:
            page = engine.instances(limit=50, offset=offset)
            for instance in page:
                sequence: list[str] = []
                for event in engine.audit_events(instance.id):
                    if event.kind == "step":
                        sequence.extend(event.payload.get("completed", []))
                sequences.append(sequence)
                active |= engine.executed_path(instance.id).active
            if len(page) < 50:
                break
            offset += 50
        return cls(sequences, active)

    def completed(self) -> set[str]:
        return {element for sequence in self.sequences for element in sequence}

    def pairs(self) -> set[tuple[str, str]]:
        return {pair for sequence in self.sequences for pair in zip(sequence, sequence[1:], strict=False)}

    def merge(self, other: RunRecord) -> RunRecord:
        return RunRecord(self.sequences + other.sequences, self.active | other.active)

    def taken(self, branch: Branch) -> bool:
        """A branch into a join counts when the join completed right after the gateway; any other branch
        when its target (which only this flow enters) completed or is waiting."""
        if branch.join_target:
            return (branch.source, branch.target) in self.pairs()
        return branch.target in self.completed() or branch.target in self.active


def answers_in_turn(*answers: Mapping[str, Any] | None) -> Callable[[TaskInfo], Mapping[str, Any] | None]:
    """The n-th task of an element gets the n-th answer (the last one repeats); None leaves it open."""
    given: list[str] = []

    def answer(task: TaskInfo) -> Mapping[str, Any] | None:
        given.append(task.id)
        return answers[min(len(given), len(answers)) - 1]
    return answer


def untaken(facts: DiagramFacts, record: RunRecord, files: set[str]) -> list[str]:
    missing = [f"{b.file}: {b.flow_id}" for b in facts.branches if b.file in files and not record.taken(b)]
    missing += [f"{file}: boundary {boundary}" for boundary, file in facts.boundaries.items()
                if file in files and boundary not in record.completed()]
    return sorted(missing)
