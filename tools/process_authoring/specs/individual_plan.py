"""sub_individual_plan: the individual plan, called for high-risk students and for graduates without work."""
from __future__ import annotations

from tools.process_authoring.model import Process, boundary_timer, chain, end, flow, rule, service, start, user

PLAN = 'individual_plan["plan_id"]'

PROCESS = Process(
    id="sub_individual_plan",
    name="Сопровождение по индивидуальному плану",
    file="individual_plan.bpmn",
    lanes=["czn"],
    documentation="Called with the caller's data (youth_id, org, ip_context = student | graduate); callers read "
                  "ip_result.",
    nodes=[
        start("individual_plan_opened", "Начало работы по индивидуальному плану", "czn"),
        service("open_individual_plan", "Открытие индивидуального плана", "czn", op="individual_plan.open_plan",
                result="individual_plan", params={"youth_id": "youth_id", "context": "ip_context"}),
        user("individual_plan_profiling",
             "Профилирование в целях определения состава сервисов и мероприятий по индивидуальному плану", "czn",
             form="ip_profiling", var="ip_profile", due_in="P2W"),
        rule("ip_services", "Подбор сервисов индивидуального плана", "czn", decision="ip_service_set"),
        service("individual_plan_services",
                "Оказание сервисов в сфере занятости и мероприятия по индивидуальному плану", "czn",
                op="individual_plan.deliver_services", result="ip_delivery",
                params={"plan_id": PLAN, "service_codes": "ip_service_codes", "providers": "ip_service_providers"}),
        user("ip_results", "Подведение итогов индивидуального плана", "czn", form="ip_results", var="ip_result"),
        boundary_timer("plan_review_due", "Срок плана истёк", "ip_results", date='individual_plan["review_at"]'),
        service("close_individual_plan", "Закрытие индивидуального плана", "czn", op="individual_plan.close_plan",
                result="ip_closure", params={"plan_id": PLAN, "ip_result": "ip_result"}),
        end("individual_plan_closed", "Индивидуальный план исполнен", "czn"),
        service("close_expired_plan", "Закрытие плана по сроку", "czn", op="individual_plan.close_expired_plan",
                result="ip_result", params={"plan_id": PLAN}, row=1),
        end("individual_plan_expired", "План закрыт по сроку", "czn"),
    ],
    flows=[
        *chain("individual_plan_opened", "open_individual_plan", "individual_plan_profiling", "ip_services",
               "individual_plan_services", "ip_results", "close_individual_plan", "individual_plan_closed"),
        flow("plan_review_due", "close_expired_plan"),
        flow("close_expired_plan", "individual_plan_expired"),
    ],
)
