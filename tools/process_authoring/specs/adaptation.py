"""proc_young_specialist_adaptation: adaptation, retention checkpoints and competence development at work."""
from __future__ import annotations

from tools.process_authoring.model import (
    Process,
    chain,
    end,
    flow,
    loop,
    milestone,
    parallel,
    service,
    start,
    timer,
    user,
    xor,
)
from tools.process_authoring.specs.common import accept_route, payload

POINT = "retention_checkpoint"

checkpoint_nodes = [
    start("retention_checkpoint_begins", "Контрольная точка удержания", "employer"),
    timer("retention_checkpoint_reached", "Срок контрольной точки удержания", "employer", date=f'{POINT}["due_at"]'),
    user("confirm_retention", "Подтверждение работы молодого специалиста", "employer", form="retention_checkpoint",
         var="retention_status", group="employer", due_in="P2W"),
    xor("still_employed_gateway", "Специалист продолжает работу?", "employer"),
    service("retention_measures", "Осуществление мероприятий по удержанию молодого специалиста в профессии",
            "employer", op="adaptation.record_retention_measures", result="retention_measures_record",
            params={"youth_id": "youth_id", "checkpoint": POINT, "retention_result": "retention_status"}),
    service("record_departure", "Фиксация увольнения", "employer", op="adaptation.record_departure",
            result="departure", params={"youth_id": "youth_id", "checkpoint": POINT,
                                        "retention_result": "retention_status"}, row=1),
    xor("still_employed_done", "", "employer"),
    end("retention_checkpoint_passed", "Контрольная точка пройдена", "employer"),
]

checkpoint_flows = [
    *chain("retention_checkpoint_begins", "retention_checkpoint_reached", "confirm_retention",
           "still_employed_gateway"),
    flow("still_employed_gateway", "retention_measures", "Продолжает работу", 'retention_status["still_employed"]'),
    flow("still_employed_gateway", "record_departure", "Уволился", default=True),
    flow("retention_measures", "still_employed_done"),
    flow("record_departure", "still_employed_done"),
    flow("still_employed_done", "retention_checkpoint_passed"),
]

PROCESS = Process(
    id="proc_young_specialist_adaptation",
    name="Адаптация и удержание молодого специалиста",
    file="young_specialist_adaptation.bpmn",
    lanes=["employer", "czn", "youth"],
    messages=["employment_confirmed", "graduate_ready"],
    documentation="Started by the message employment_confirmed. Adaptation (3 months), retention checkpoints at "
                  "3, 6, 12 and 24 months; a specialist who left goes back to graduate routing.",
    nodes=[
        start("employment_received", "Трудоустройство подтверждено", "youth", message="employment_confirmed"),
        accept_route("youth"),
        service("open_adaptation_plan", "Формирование плана адаптации", "employer", op="adaptation.open_plan",
                result="adaptation_plan", post_script='retention_checkpoints = adaptation_plan["checkpoints"]',
                params={"youth_id": "youth_id", "employment": 'route["employment"]'}),
        parallel("adaptation_split", "", "employer"),
        user("adaptation_measures", "Осуществление мероприятий по адаптации молодого специалиста на рабочем месте",
             "employer", form="adaptation_measures", var="adaptation", due_in="P13W"),
        service("employer_adaptation_consulting",
                "Предоставление работодателям сервисов и консультаций, направленных на содействие в адаптации "
                "молодых специалистов", "czn", op="adaptation.advise_employer", result="adaptation_advice",
                params={"youth_id": "youth_id", "employer_id": 'org["employer"]'}),
        parallel("adaptation_join", "", "employer"),
        milestone("adapted", "Адаптация на рабочем месте"),
        loop("retention_checkpoint_loop", "Контрольная точка удержания", "employer", nodes=checkpoint_nodes,
             flows=checkpoint_flows, items="retention_checkpoints", item=POINT, output="retention_results",
             output_item="retention_status", completion='not retention_status["still_employed"]'),
        xor("retained_gateway", "Удержан в профессии?", "employer"),
        milestone("retained", "Удержание в профессии"),
        user("competency_growth_measures",
             "Осуществление мероприятий по развитию профессиональных компетенций молодежи", "employer",
             form="competence_development", var="competence_development", due_in="P26W"),
        milestone("competences_developed", "Развитие профессиональных компетенций"),
        end("specialist_route_completed", "Маршрут молодого специалиста завершён", "youth"),
        end("back_to_graduate_routing", "Возврат к маршрутизации выпускника", "employer", message="graduate_ready",
            payload=payload(reason='"left_job"', employment='route["employment"]')),
    ],
    flows=[
        *chain("employment_received", "accept_route", "open_adaptation_plan", "adaptation_split"),
        flow("adaptation_split", "adaptation_measures"),
        flow("adaptation_split", "employer_adaptation_consulting"),
        flow("adaptation_measures", "adaptation_join"),
        flow("employer_adaptation_consulting", "adaptation_join"),
        *chain("adaptation_join", "adapted", "retention_checkpoint_loop", "retained_gateway"),
        flow("retained_gateway", "retained", "Удержан", 'retention_results[-1]["still_employed"]'),
        flow("retained_gateway", "back_to_graduate_routing", "Уволился", default=True),
        *chain("retained", "competency_growth_measures", "competences_developed", "specialist_route_completed"),
    ],
)
