"""The report as (раздел, показатель, значение) rows: the CSV file and the console summary share them."""
from __future__ import annotations

from typing import Any

from simulation.labels import (
    OUTCOME_LABELS,
    PARAMETER_LABELS,
    PERFORMANCE_LABELS,
    PLACEMENT_STATUS_LABELS,
    REGISTRY_UPDATE_LABELS,
    RISK_CONTRIBUTION_LABELS,
    RISK_LEVEL_LABELS,
    RISK_REASON_LABELS,
    ROUTE_KIND_LABELS,
    SERVICE_LABELS,
    label,
)
from simulation.metrics import SimulationReport

Row = tuple[str, str, Any]


def summary_rows(report: SimulationReport) -> list[Row]:
    risk, outcomes, curators, practice = report.risk, report.outcomes, report.curators, report.practice
    high, acceptable = RISK_LEVEL_LABELS["high"], RISK_LEVEL_LABELS["acceptable"]
    parameters = {**{name: value for name, value in report.parameters.items() if name != "region_parameters"},
                  **(report.parameters.get("region_parameters") or {})}
    parameters["practice_by_programme"] = sum((parameters.get("practice_by_programme") or {}).values())
    parameters["programmes_left_out"] = len(parameters.get("programmes_left_out") or ())
    rows: list[Row] = [("Параметры", label(PARAMETER_LABELS, name), _value(value))
                       for name, value in parameters.items()]
    rows += [("Маршруты", label(ROUTE_KIND_LABELS, kind), count) for kind, count in report.routes.items()]
    rows += [("Воронка", f"{row.cohort_label}: {row.label}", row.youths) for row in report.funnel]
    rows += [("Воронка, доля когорты", f"{row.cohort_label}: {row.label}", row.share) for row in report.funnel]
    rows += [("Этапы не на каждом маршруте", row.label, row.youths) for row in report.side_stages]
    rows += [("Этапы не на каждом маршруте, доля", row.label, row.share) for row in report.side_stages]
    rows += [("Текущий этап", stage, count) for stage, count in report.current_stages.items()]
    rows += [
        ("Риск", "Профилирований", risk.profilings),
        ("Риск", "Студентов профилировано", risk.students_profiled),
        ("Риск", f"{high} по последнему профилированию", risk.high_latest),
        ("Риск", f"{acceptable} по последнему профилированию", risk.students_profiled - risk.high_latest),
        ("Риск", f"{high}: доля по последнему профилированию", risk.high_latest_share),
        ("Риск", f"{high}: доля хотя бы раз", risk.high_ever_share),
    ]
    rows += [("Риск: правило решения", label(RISK_REASON_LABELS, reason), count)
             for reason, count in risk.reasons.items()]
    rows += [(f"Риск: слагаемые балла, {high.lower()}", label(RISK_CONTRIBUTION_LABELS, code), count)
             for code, count in risk.contributions_of_high.items()]
    rows += [("Итог выпускника", f"{checkpoint}: {label(OUTCOME_LABELS, outcome)}", count)
             for checkpoint, counts in outcomes.by_checkpoint.items() for outcome, count in counts.items()]
    rows += [
        ("Занятость за 24 мес.", "Выпускников с итогом", outcomes.graduates_with_outcome),
        ("Занятость за 24 мес.", "Наблюдались до +24 мес. или трудоустроены", outcomes.observed_24_months),
        ("Занятость за 24 мес.", "Трудоустроены", outcomes.employed_24_months),
        ("Занятость за 24 мес.", "Трудоустроены по специальности", outcomes.employed_in_specialty_24_months),
        ("Занятость за 24 мес.", "Доля трудоустроенных", outcomes.employed_share),
        ("Занятость за 24 мес.", "Доля по специальности", outcomes.in_specialty_share),
        ("Занятость за 24 мес.", "Национальная цель", outcomes.national_goal),
        ("Занятость за 24 мес.", "Отклонение от цели", outcomes.gap_to_goal),
        ("Занятость за 24 мес.", "Доля выпускников, чью специальность нанимают работодатели региона",
         outcomes.specialty_employer_coverage),
        ("Кураторы", "Кураторов", curators.curators),
        ("Кураторы", "Назначений", curators.assignments_made),
        ("Кураторы", "Активных назначений", curators.active_assignments),
        ("Кураторы", "Максимальная нагрузка", curators.max_caseload),
        ("Кураторы", "Средняя нагрузка (у занятых)", curators.mean_caseload),
        ("Кураторы", "90-й процентиль нагрузки", curators.p90_caseload),
        ("Кураторы", "Сверх лимита", curators.over_cap),
        ("Кураторы", "Эскалаций (нет свободного куратора)", curators.escalations),
        ("Практики", "Запросов на практику", practice.requests),
        ("Практики", "Предложено мест", practice.placed),
        ("Практики", "Без места (неудовлетворённый спрос)", practice.unmatched),
        ("Практики", "Доля без места", practice.unmatched_share),
    ]
    rows += [("Практики: статусы направлений", label(PLACEMENT_STATUS_LABELS, status), count)
             for status, count in practice.placements_by_status.items()]
    services = report.services
    rows += [
        ("Услуги", "Предложено вакансий", services.vacancy_offers),
        ("Услуги", "Молодых людей с предложенными вакансиями", services.youths_offered_vacancies),
        ("Услуги", "Повторных предложений тех же вакансий", services.repeated_offers),
        ("Услуги", "Работодателей в комиссиях итоговой аттестации", services.attestation_employers),
    ]
    rows += [("Услуги: молодых людей получили", label(SERVICE_LABELS, code), count)
             for code, count in services.youths_by_service.items()]
    rows += [("Реестры", label(REGISTRY_UPDATE_LABELS, name), count)
             for name, count in report.registry_updates.items()]
    rows += [
        ("Работа движка", "Шагов", report.work.steps),
        ("Работа движка", "Задач выполнено", report.work.tasks_completed),
        ("Работа движка", "Открытых инцидентов", report.work.open_incidents),
        ("Работа движка", "Отклонённых ответов форм", report.work.rejected_answers),
    ]
    rows += [("Производительность", label(PERFORMANCE_LABELS, name), value)
             for name, value in report.performance.items()]
    return rows


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return "да" if value else "нет"
    return "нет" if value is None else value
