"""proc_graduate_routing: a graduate's outcome at +0, +6, +12 and +24 months until employment."""
from __future__ import annotations

from tools.process_authoring.model import (
    Group,
    Process,
    boundary_timer,
    call,
    chain,
    end,
    flow,
    loop,
    milestone,
    rule,
    service,
    start,
    timer,
    user,
    xor,
)
from tools.process_authoring.specs.common import accept_route, payload

POINT = "outcome_checkpoint"
LAST = "outcome_results[-1]"
CONTRACT = 'outcome_plan["target_contract"]'

checkpoint_nodes = [
    start("outcome_checkpoint_begins", "Контрольная точка занятости", "czn"),
    timer("outcome_checkpoint_reached", "Срок контрольной точки", "czn", date=f'{POINT}["at"]'),
    user("confirm_graduate_status", "Подтверждение занятости выпускника", "czn", form="graduate_status",
         var="graduate_status", group="czn", due_in="P2W"),
    rule("graduate_outcome_decision", "Определение итога выпускника", "czn", decision="graduate_outcome"),
    service("record_graduate_outcome", "Фиксация итога выпускника", "czn", op="graduate.record_outcome",
            result="outcome_result",
            params={"youth_id": "youth_id", "outcome": "graduate_outcome", "status": "graduate_status",
                    "checkpoint": POINT}),
    xor("graduate_outcome_gateway", "Итог выпускника?", "czn"),
    service("retraining_services", "Оказание сервисов по профессиональному обучению", "czn",
            op="graduate.provide_vocational_training", result="retraining", params={"youth_id": "youth_id"}, row=1),
    milestone("retrained", "Переобучение", row=0),
    call("individual_plan_graduate", "Сопровождение по индивидуальному плану", "czn", called="sub_individual_plan",
         pre_script='ip_context = "graduate"', row=2),
    xor("entrepreneurship_gateway", "Есть запрос на предпринимательский проект?", "czn", row=2),
    call("entrepreneurship_referral", "Содействие в реализации предпринимательского проекта", "czn",
         called="sub_entrepreneurship_referral", row=3),
    xor("entrepreneurship_done", "", "czn", row=2),
    xor("graduate_outcome_done", "", "czn"),
    end("outcome_checkpoint_passed", "Контрольная точка пройдена", "czn"),
]

checkpoint_flows = [
    *chain("outcome_checkpoint_begins", "outcome_checkpoint_reached", "confirm_graduate_status",
           "graduate_outcome_decision", "record_graduate_outcome", "graduate_outcome_gateway"),
    flow("graduate_outcome_gateway", "graduate_outcome_done", "Трудоустройство", 'graduate_outcome == "employed"'),
    flow("graduate_outcome_gateway", "retraining_services", "Смена карьерной траектории",
         'graduate_outcome == "trajectory_change"'),
    flow("graduate_outcome_gateway", "individual_plan_graduate", "Отсутствие занятости", default=True),
    *chain("retraining_services", "retrained", "graduate_outcome_done"),
    flow("individual_plan_graduate", "entrepreneurship_gateway"),
    flow("entrepreneurship_gateway", "entrepreneurship_referral",
         "При наличии запроса на реализацию предпринимательского проекта", 'ip_result["entrepreneurship_request"]'),
    flow("entrepreneurship_gateway", "entrepreneurship_done", "Запроса нет", default=True),
    flow("entrepreneurship_referral", "entrepreneurship_done"),
    flow("entrepreneurship_done", "graduate_outcome_done"),
    flow("graduate_outcome_done", "outcome_checkpoint_passed"),
]

PROCESS = Process(
    id="proc_graduate_routing",
    name="Маршрутизация выпускника",
    file="graduate_routing.bpmn",
    lanes=["czn", "employer", "ecp", "youth"],
    messages=["graduate_ready", "employment_confirmed"],
    documentation="Started by the message graduate_ready (after graduation, or when a young specialist left "
                  "the job). Outcome checkpoints at +0, +6, +12, +24 months until employment is confirmed.",
    nodes=[
        start("graduate_received", "Выпускник получил диплом", "youth", message="graduate_ready"),
        accept_route("youth"),
        service("employment_services_online",
                "Обеспечение функционирования сервисов в сфере занятости населения в электронном виде на ЕЦП "
                "«Работа в России»", "ecp", op="graduate.provide_online_employment_services",
                result="ecp_employment", params={"youth_id": "youth_id"}),
        service("plan_outcome_checkpoints", "Планирование контрольных точек занятости", "czn",
                op="graduate.plan_outcome_checkpoints", result="outcome_plan",
                post_script='outcome_checkpoints = outcome_plan["checkpoints"]\norg = outcome_plan["org"]',
                params={"youth_id": "youth_id", "route": "route"}),
        xor("target_contract_gateway", "Действует договор о целевом обучении?", "czn"),
        user("target_contract_employment", "Трудоустройство по договору о целевом обучении", "employer",
             form="target_contract_employment", var="target_employment"),
        boundary_timer("target_deadline_passed", "Срок трудоустройства по договору истёк",
                       "target_contract_employment", date=f'{CONTRACT}["employment_deadline"]'),
        service("record_target_contract_breach", "Фиксация неисполнения договора о целевом обучении", "employer",
                op="graduate.record_target_contract_breach", result="target_contract_status",
                params={"youth_id": "youth_id", "contract_id": f'{CONTRACT}["contract_id"]'}, row=1),
        xor("target_contract_done", "", "czn"),
        loop("outcome_checkpoint_loop", "Контрольная точка занятости выпускника", "czn", nodes=checkpoint_nodes,
             flows=checkpoint_flows, items="outcome_checkpoints", item=POINT, output="outcome_results",
             output_item="outcome_result", completion='outcome_result["outcome"] == "employed"'),
        xor("employment_confirmed_gateway", "Трудоустройство подтверждено?", "czn"),
        milestone("work_in_specialty", "Работа по специальности"),
        end("employment_confirmed", "Передача на адаптацию", "youth", message="employment_confirmed",
            payload=payload(org=f'{LAST}["org"]', employment=f'{LAST}["employment"]')),
        end("routing_without_employment", "Занятость не подтверждена", "czn"),
    ],
    flows=[
        *chain("graduate_received", "accept_route", "employment_services_online", "plan_outcome_checkpoints",
               "target_contract_gateway"),
        flow("target_contract_gateway", "target_contract_employment", "Договор действует",
             f"{CONTRACT} is not None"),
        flow("target_contract_gateway", "target_contract_done", "Договора нет", default=True),
        flow("target_contract_employment", "target_contract_done"),
        flow("target_deadline_passed", "record_target_contract_breach"),
        flow("record_target_contract_breach", "target_contract_done"),
        *chain("target_contract_done", "outcome_checkpoint_loop", "employment_confirmed_gateway"),
        flow("employment_confirmed_gateway", "work_in_specialty", "Трудоустроен", f'{LAST}["outcome"] == "employed"'),
        flow("employment_confirmed_gateway", "routing_without_employment", "Не подтверждено", default=True),
        flow("work_in_specialty", "employment_confirmed"),
    ],
    groups=[
        Group("phase_graduate", "Выпускник", ["graduate_received", "outcome_checkpoint_loop", "employment_confirmed"],
              padding=30),
    ],
)
