"""proc_employer_staffing_need: an employer's staffing need, met among schoolchildren or graduates."""
from __future__ import annotations

from tools.process_authoring.model import Process, chain, end, flow, rule, service, start, timer, user, xor

NEED = 'staffing_need["need_id"]'

PROCESS = Process(
    id="proc_employer_staffing_need",
    name="Кадровая потребность работодателя",
    file="employer_staffing_need.bpmn",
    lanes=["employer", "czn", "edu_org", "ecp"],
    documentation="Started by the employer (engine.start) with the need; met among schoolchildren (proftours, "
                  "target training) or among college and university graduates (placements, programmes, vacancies).",
    nodes=[
        start("staffing_need_found", "Выявлена кадровая потребность", "employer"),
        service("register_staffing_need", "Регистрация кадровой потребности", "employer",
                op="employer_need.register_need", result="staffing_need",
                params={"employer_id": 'org["employer"]', "need": "need"}),
        rule("determine_need_segment", "Определение сегмента кадровой потребности", "czn", decision="need_segment"),
        xor("need_segment_gateway", "Где закрывается кадровая потребность?", "czn"),
        user("agreement_target_contract", "Заключение соглашения (договора) с работодателем о содействии", "czn",
             form="assistance_agreement", var="agreement", due_in="P4W"),
        service("schedule_employer_school_events", "Планирование профтуров и групповых занятий у работодателя",
                "czn", op="employer_need.schedule_school_events", result="school_events",
                params={"need_id": NEED, "agreement": "agreement"}),
        xor("target_offer_needed", "Предложить целевое обучение?", "czn"),
        service("publish_target_training_offer", "Публикация предложения о целевом обучении на ЕЦП", "ecp",
                op="employer_need.publish_target_training_offer", result="target_offer",
                params={"need_id": NEED}),
        xor("target_offer_done", "", "czn"),
        user("agreement_assistance", "Заключение соглашения с работодателем о содействии", "czn",
             form="assistance_agreement", var="agreement", due_in="P4W", row=1),
        service("register_practice_slots", "Размещение мест практик и стажировок", "employer",
                op="employer_need.register_practice_slots", result="practice_slots",
                params={"need_id": NEED, "agreement": "agreement"}),
        user("employer_in_programs", "Организация участия работодателя в подготовке программ", "edu_org",
             form="programme_participation", var="programme_participation", due_in="P8W"),
        service("publish_graduate_vacancies", "Размещение вакансий для выпускников", "ecp",
                op="employer_need.publish_vacancies", result="vacancies", params={"need_id": NEED}),
        xor("segment_done", "", "czn"),
        timer("need_deadline", "Срок закрытия потребности", "employer", date='staffing_need["needed_by"]'),
        service("close_staffing_need", "Подведение итогов по кадровой потребности", "employer",
                op="employer_need.close_need", result="need_result", params={"need_id": NEED}),
        end("staffing_need_closed", "Кадровая потребность закрыта", "employer"),
    ],
    flows=[
        *chain("staffing_need_found", "register_staffing_need", "determine_need_segment", "need_segment_gateway"),
        flow("need_segment_gateway", "agreement_target_contract", "В школьниках",
             'need_segment == "schoolchildren"'),
        flow("need_segment_gateway", "agreement_assistance", "В выпускниках ВУЗа / СУЗа", default=True),
        *chain("agreement_target_contract", "schedule_employer_school_events", "target_offer_needed"),
        flow("target_offer_needed", "publish_target_training_offer", "Предложить", "offer_target_training"),
        flow("target_offer_needed", "target_offer_done", "Не требуется", default=True),
        flow("publish_target_training_offer", "target_offer_done"),
        flow("target_offer_done", "segment_done"),
        *chain("agreement_assistance", "register_practice_slots", "employer_in_programs",
               "publish_graduate_vacancies", "segment_done"),
        *chain("segment_done", "need_deadline", "close_staffing_need", "staffing_need_closed"),
    ],
)
