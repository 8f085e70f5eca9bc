"""The dashboard: every figure for the filters, each as a table (web.analytics.tables) and, where a picture
helps, a server-drawn chart. Engine figures come through `Engine.analytics`, registry figures from
domain.analytics."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup
from sqlalchemy.orm import Session

from domain.analytics.capacity import curator_rows, practice_rows
from domain.analytics.outcomes import NATIONAL_GOAL_EMPLOYED_24_MONTHS, Kpi, kpi_rows, total
from domain.analytics.risk import RiskSummary, risk_summary
from engine import Engine
from web.analytics.charts import Bar, bar_chart
from web.analytics.filters import Filters
from web.analytics.funnel import funnel_rows
from web.analytics.labels import RISK_INDICATORS, RISK_REASONS, label
from web.analytics.tables import COUNT, HOURS, SHARE, Column, Table, cell_text
from web.analytics.waits import TaskWaitRow, wait_rows
from web.organisations import process_names

WORST_SHOWN = 10


@dataclass
class Dashboard:
    filters: Filters
    tables: dict[str, Table] = field(default_factory=dict)
    charts: dict[str, Markup] = field(default_factory=dict)
    kpi: Kpi | None = None
    risk: RiskSummary | None = None
    waits: list[TaskWaitRow] = field(default_factory=list)
    processes: dict[str, str] = field(default_factory=dict)
    """Process key -> name, for the processes whose user tasks have waiting times (the heatmap's diagrams)."""

    @property
    def worst(self) -> list[TaskWaitRow]:
        return self.waits[:WORST_SHOWN]


def dashboard(engine: Engine, session: Session, filters: Filters, now: datetime) -> Dashboard:
    board = Dashboard(filters)
    _funnel(board, engine)
    _waits(board, engine, now)
    registry = filters.registry()
    if registry is not None:
        if registry.covers("edu_org"):
            _outcomes(board, session, registry)
            board.risk = risk_summary(session, registry)
            _risk(board)
        if registry.covers("edu_org", "czn"):
            _curators(board, session, registry)
        if registry.covers("edu_org", "employer"):
            _practice(board, session, registry)
    return board


def _funnel(board: Dashboard, engine: Engine) -> None:
    rows = funnel_rows(engine, board.filters)
    board.tables["funnel"] = Table("funnel", _l("Воронка маршрута по этапам карты"), (
        Column(_l("Этап")), Column(_l("Молодых людей"), COUNT), Column(_l("Доля от самого людного этапа"), SHARE),
        Column(_l("Боковой этап"))), [(row.label, row.youths, row.share, _("да") if row.side else "") for row in rows])
    board.charts["funnel"] = bar_chart([Bar(row.label, row.youths, str(row.youths), "muted" if row.side else "normal")
                                        for row in rows], title=_("Воронка маршрута"))


def _waits(board: Dashboard, engine: Engine, now: datetime) -> None:
    board.waits = wait_rows(engine.analytics.task_waits(since=board.filters.since_at, until=board.filters.until_at,
                                                        org=board.filters.org), now)
    names = process_names(engine)
    board.processes = {row.process_key: names.get(row.process_key, row.process_key) for row in board.waits}
    board.tables["waits"] = Table("waits", _l("Ожидание пользовательских задач"), (
        Column(_l("Процесс")), Column(_l("Задача")), Column(_l("Задач"), COUNT), Column(_l("Открыто"), COUNT),
        Column(_l("Медиана ожидания, ч"), HOURS), Column(_l("90-й процентиль, ч"), HOURS),
        Column(_l("Доля просроченных"), SHARE)),
        [(board.processes[row.process_key], row.label, row.tasks, row.open, row.median_hours, row.p90_hours,
          row.overdue_share) for row in board.waits])


def _outcomes(board: Dashboard, session: Session, registry) -> None:
    rows = kpi_rows(session, registry)
    board.kpi = total(rows)
    board.tables["employment"] = Table("employment", _l("Трудоустройство выпускников в течение 24 месяцев"), (
        Column(_l("Колледж / вуз")), Column(_l("Программа")), Column(_l("Год выпуска")),
        Column(_l("Выпускников под наблюдением"), COUNT), Column(_l("Трудоустроены"), COUNT),
        Column(_l("Доля трудоустроенных"), SHARE), Column(_l("Доля по специальности"), SHARE),
        Column(_l("Цель 80 % достигнута"))),
        [(row.college, row.programme, row.graduation_year, row.kpi.observed, row.kpi.employed,
          row.kpi.employed_share, row.kpi.in_specialty_share, _("да") if row.kpi.meets_goal else _("нет"))
         for row in rows])
    colleges: dict[str, list] = {}
    for row in rows:
        colleges.setdefault(row.college, []).append(row)
    bars = [Bar(college, kpi.employed_share, cell_text(kpi.employed_share, SHARE),
                "good" if kpi.meets_goal else "warn")
            for college, kpi in ((college, total(group)) for college, group in sorted(colleges.items()))]
    board.charts["employment"] = bar_chart(bars, title=_("Доля трудоустроенных за 24 месяца по колледжам"), scale=1.0,
                                           goal=NATIONAL_GOAL_EMPLOYED_24_MONTHS, goal_text=_("цель 80 %"))


def _risk(board: Dashboard) -> None:
    risk = board.risk
    board.tables["risk"] = Table("risk", _l("Основания уровня риска"), (
        Column(_l("Основание")), Column(_l("Профилирований"), COUNT)),
        [(str(label(RISK_REASONS, code)), count) for code, count in risk.reasons.items()])
    board.tables["risk_indicators"] = Table("risk_indicators", _l("Что чаще всего поднимало риск до высокого"), (
        Column(_l("Показатель")), Column(_l("Профилирований с высоким риском"), COUNT)),
        [(str(label(RISK_INDICATORS, code)), count) for code, count in risk.contributions_of_high.items()])


def _curators(board: Dashboard, session: Session, registry) -> None:
    rows = curator_rows(session, registry)
    board.tables["curators"] = Table("curators", _l("Нагрузка кураторов"), (
        Column(_l("Куратор")), Column(_l("Сопровождает"), COUNT), Column(_l("Предел"), COUNT),
        Column(_l("Сверх предела"))),
        [(row.name, row.caseload, row.cap, _("да") if row.over_cap else "") for row in rows])
    shown = rows[:WORST_SHOWN * 2]
    board.charts["curators"] = bar_chart(
        [Bar(row.name, row.caseload, f"{row.caseload} / {row.cap}", "warn" if row.over_cap else "normal")
         for row in shown], title=_("Нагрузка кураторов против предела"),
        scale=max([1, *(max(row.cap, row.caseload) for row in shown)]))


def _practice(board: Dashboard, session: Session, registry) -> None:
    rows = practice_rows(session, registry)
    board.tables["practice"] = Table("practice", _l("Спрос на практику и места"), (
        Column(_l("Колледж / вуз")), Column(_l("Студентов с окном практики"), COUNT), Column(_l("Устроены"), COUNT),
        Column(_l("Не устроены"), COUNT), Column(_l("Мест, закреплённых за организацией"), COUNT)),
        [(row.college, row.due, row.placed, row.unplaced, row.places) for row in rows])
