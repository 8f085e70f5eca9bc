"""The report's headline figures on stdout, in Russian, for whoever ran `profroute simulate`."""
from __future__ import annotations

import click

from simulation.labels import OUTCOME_LABELS, PLACEMENT_STATUS_LABELS, RISK_LEVEL_LABELS, label
from simulation.metrics import SimulationReport

BAR = 40


def print_summary(report: SimulationReport) -> None:
    echo = click.echo
    echo("\nВоронка маршрута (прошли этап и все предыдущие):")
    top = max((row.youths for row in report.funnel), default=0) or 1
    cohort = None
    for row in report.funnel:
        if row.cohort != cohort:
            cohort = row.cohort
            echo(f" {row.cohort_label}:")
        echo(f"  {row.label:<42} {row.youths:>7} {row.share:>7.1%}  {'█' * round(BAR * row.youths / top)}")
    echo(" Этапы не на каждом маршруте (доля дошедших до обучения или до маршрутизации выпускника):")
    for row in report.side_stages:
        echo(f"  {row.label:<42} {row.youths:>7} {row.share:>7.1%}")
    risk, outcomes, curators, practice = report.risk, report.outcomes, report.curators, report.practice
    echo(f"\n{RISK_LEVEL_LABELS['high']}: {risk.high_latest_share:.1%} студентов по последнему профилированию, "
         f"{risk.high_ever_share:.1%} хотя бы раз (ожидаемо {risk.target_band[0]:.0%}–{risk.target_band[1]:.0%}; "
         f"профилирований {risk.profilings}, студентов {risk.students_profiled})")
    echo(f"Занятость за 24 мес.: {outcomes.employed_share:.1%} трудоустроены, {outcomes.in_specialty_share:.1%} "
         f"по специальности (из {outcomes.observed_24_months}); национальная цель {outcomes.national_goal:.0%}, "
         f"отклонение {outcomes.gap_to_goal:+.1%}; специальность востребована работодателями региона у "
         f"{outcomes.specialty_employer_coverage:.1%}")
    echo("Итог выпускника (все контрольные точки): " + ", ".join(
        f"{label(OUTCOME_LABELS, outcome)} {count}" for outcome, count in outcomes.outcomes.items()))
    echo(f"Кураторы: {curators.curators}, активных назначений {curators.active_assignments}, нагрузка макс. "
         f"{curators.max_caseload} / средн. {curators.mean_caseload} (лимит {curators.cap}), эскалаций "
         f"{curators.escalations}")
    echo(f"Практики: запросов {practice.requests}, мест предложено {practice.placed}, без места "
         f"{practice.unmatched} ({practice.unmatched_share:.1%})")
    statuses = ", ".join(f"{label(PLACEMENT_STATUS_LABELS, status)} {count}"
                         for status, count in sorted(practice.placements_by_status.items()))
    echo(f"Направления на практику по статусам: {statuses or '—'}")
    services = report.services
    echo(f"Услуги: предложено вакансий {services.vacancy_offers} ({services.youths_offered_vacancies} молодым людям, "
         f"повторно {services.repeated_offers}); работодателей в комиссиях итоговой аттестации "
         f"{services.attestation_employers}")
    college = report.registry_updates
    echo(f"Реестр колледжей: сессий {college.get('exam_sessions', 0)}, долгов ликвидировано "
         f"{college.get('debts_cleared', 0)}, новых {college.get('new_debts', 0)}, отчислено "
         f"{college.get('students_expelled', 0)}; практик завершено {college.get('placements_completed', 0)}, "
         f"не пройдено {college.get('placements_failed', 0)}")
    work = report.work
    echo(f"Движок: шагов {work.steps}, задач {work.tasks_completed}, инцидентов {work.open_incidents}, "
         f"отклонённых ответов {work.rejected_answers}; {report.performance['steps_per_second']} шагов/с")
