"""The report as (раздел, показатель, значение) rows: the CSV file and the console summary share them."""
from __future__ import annotations

from typing import Any

from simulation.metrics import SimulationReport

Row = tuple[str, str, Any]


def summary_rows(report: SimulationReport) -> list[Row]:
    risk, outcomes, curators, practice = report.risk, report.outcomes, report.curators, report.practice
    rows: list[Row] = [("Параметры", name, value) for name, value in report.parameters.items()]
    rows += [("Маршруты", kind, count) for kind, count in report.routes.items()]
    rows += [("Воронка", f"{row.label}", row.youths) for row in report.funnel]
    rows += [("Воронка, доля", f"{row.label}", row.share) for row in report.funnel]
    rows += [("Текущий этап", stage, count) for stage, count in report.current_stages.items()]
    rows += [
        ("Риск", "Профилирований", risk.profilings),
        ("Риск", "Студентов профилировано", risk.students_profiled),
        ("Риск", "Высокий риск по последнему профилированию", risk.high_latest),
        ("Риск", "Доля высокого риска (последнее)", risk.high_latest_share),
        ("Риск", "Доля высокого риска (хотя бы раз)", risk.high_ever_share),
    ]
    rows += [("Риск: причины", reason, count) for reason, count in risk.reasons.items()]
    rows += [("Риск: слагаемые балла при высоком риске", code, count)
             for code, count in risk.contributions_of_high.items()]
    rows += [("Итоги выпускников", f"{checkpoint}: {outcome}", count)
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
    rows += [("Практики: статусы направлений", status, count)
             for status, count in practice.placements_by_status.items()]
    rows += [("Реестр колледжей", name, count) for name, count in report.registry_updates.items()]
    rows += [
        ("Работа движка", "Шагов", report.work.steps),
        ("Работа движка", "Задач выполнено", report.work.tasks_completed),
        ("Работа движка", "Открытых инцидентов", report.work.open_incidents),
        ("Работа движка", "Отклонённых ответов форм", report.work.rejected_answers),
    ]
    rows += [("Производительность", name, value) for name, value in report.performance.items()]
    return rows
