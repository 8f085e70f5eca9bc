"""The report as one self-contained HTML page: tables and inline SVG bar charts, nothing loaded from outside."""
from __future__ import annotations

from html import escape

from simulation.labels import OUTCOME_LABELS, RISK_CONTRIBUTION_LABELS, RISK_LEVEL_LABELS, label
from simulation.metrics import SimulationReport
from simulation.writers.svg import bar_chart
from simulation.writers.tables import summary_rows

FUNNEL_NOTE = ("Этап воронки считает молодых людей когорты, прошедших его и все предыдущие этапы, поэтому воронка "
               "не растёт. Практику, стажировку, работу по специальности и переобучение проходят не все: они "
               "показаны отдельно, долей дошедших до обучения или до маршрутизации выпускника.")
STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 70rem; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
td, th { border: 1px solid #ddd; padding: .25rem .6rem; text-align: left; }
td.num { text-align: right; } .warn { color: #b8433a; font-weight: 600; }
"""


def render_html(report: SimulationReport) -> str:
    p = report.parameters
    sections = [
        f"<h1>Симуляция когорты: {p['youths']} молодых людей, {p['years']} г., seed {p['seed']}</h1>",
        f"<p>Модельное время: {escape(p['start'][:10])} — {escape(p['ended_at'][:10])}"
        f"{' (достигнут горизонт)' if p['reached_horizon'] else ' (все маршруты завершены)'}.</p>",
        _problems(report),
        "<h2>Воронка маршрута</h2>",
        f"<p>{escape(FUNNEL_NOTE)}</p>",
        *_funnels(report),
        bar_chart("Этапы не на каждом маршруте", [(row.label, row.share) for row in report.side_stages],
                  percent=True),
        "<h2>Где молодые люди сейчас (последняя отметка этапа)</h2>",
        bar_chart("Текущий этап", list(report.current_stages.items())),
        "<h2>Уровень риска студентов</h2>",
        bar_chart("Уровень риска по последнему профилированию",
                  [(RISK_LEVEL_LABELS["high"], report.risk.high_latest),
                   (RISK_LEVEL_LABELS["acceptable"], report.risk.students_profiled - report.risk.high_latest)]),
        bar_chart(f"Доля студентов: {RISK_LEVEL_LABELS['high'].lower()}",
                  [(f"{RISK_LEVEL_LABELS['high']}: по последнему профилированию", report.risk.high_latest_share),
                   (f"{RISK_LEVEL_LABELS['high']}: хотя бы раз", report.risk.high_ever_share)], percent=True,
                  reference=("ожидаемо 15–25 %", report.risk.target_band[1])),
        bar_chart(f"Слагаемые балла: {RISK_LEVEL_LABELS['high'].lower()}",
                  [(label(RISK_CONTRIBUTION_LABELS, code), count)
                   for code, count in report.risk.contributions_of_high.items()]),
        "<h2>Занятость выпускников</h2>",
        bar_chart("Трудоустроены в течение 24 месяцев",
                  [("Трудоустроены", report.outcomes.employed_share),
                   ("По специальности", report.outcomes.in_specialty_share),
                   ("Специальность нужна работодателям региона", report.outcomes.specialty_employer_coverage)],
                  percent=True,
                  reference=("национальная цель 80 %", report.outcomes.national_goal)),
        bar_chart("Итог выпускника на контрольных точках",
                  [(f"{checkpoint}: {label(OUTCOME_LABELS, outcome)}", count)
                   for checkpoint, counts in report.outcomes.by_checkpoint.items()
                   for outcome, count in counts.items()]),
        "<h2>Нагрузка кураторов</h2>",
        bar_chart("Кураторов по числу сопровождаемых студентов", list(report.curators.histogram.items())),
        "<h2>Практики и стажировки</h2>",
        bar_chart("Спрос на практику", [("Предложено место", report.practice.placed),
                                       ("Без места", report.practice.unmatched)]),
        "<h2>Все показатели</h2>",
        _table(summary_rows(report)),
    ]
    return ("<!DOCTYPE html><html lang=\"ru\"><head><meta charset=\"utf-8\">"
            f"<title>ProfRoute: симуляция когорты</title><style>{STYLE}</style></head><body>"
            + "\n".join(sections) + "</body></html>")


def _funnels(report: SimulationReport) -> list[str]:
    charts = []
    for cohort in dict.fromkeys(row.cohort for row in report.funnel):
        rows = [row for row in report.funnel if row.cohort == cohort]
        charts.append(bar_chart(f"{rows[0].cohort_label}: сколько прошли этап и все предыдущие",
                                [(row.label, row.youths) for row in rows]))
    return charts


def _problems(report: SimulationReport) -> str:
    work = report.work
    if not work.open_incidents and not work.rejected_answers:
        return "<p>Все ответы операторов приняты формами; открытых инцидентов нет.</p>"
    lines = [f"<p class=\"warn\">Отклонённых ответов форм: {work.rejected_answers}; "
             f"открытых инцидентов: {work.open_incidents}.</p><ul>"]
    lines += [f"<li>Форма {escape(r['form_key'])} ({escape(r['element_id'])}): {escape(str(r['errors']))}</li>"
              for r in work.rejections]
    lines += [f"<li>Инцидент {escape(str(i['operation']))} ({escape(str(i['element_id']))}): {escape(i['error'])}</li>"
              for i in work.incidents]
    return "".join(lines) + "</ul>"


def _table(rows: list[tuple[str, str, object]]) -> str:
    body = "".join(
        f"<tr><td>{escape(section)}</td><td>{escape(name)}</td>"
        f"<td class=\"num\">{escape(str(value))}</td></tr>" for section, name, value in rows)
    return f"<table><tr><th>Раздел</th><th>Показатель</th><th>Значение</th></tr>{body}</table>"
