"""youth_career_routing: the whole map at a glance (not executable): each stage is a call activity of its process."""
from __future__ import annotations

from tools.process_authoring.model import Group, MessageFlow, Process, call, chain, end, flow, milestone, start, xor

PROCESS = Process(
    id="youth_career_routing",
    name="Общий процесс работы с молодежью по профориентации и маршрутизации к работодателям",
    file="overview.bpmn",
    lanes=["school", "edu_org", "czn", "employer", "my_business", "ecp", "youth"],
    executable=False,
    documentation="Overview of the whole route. Each call activity is one executable process of processes/; "
                  "stages are chained by messages on the youth's id. Digital-platform (ЕЦП) work happens inside "
                  "every stage as service tasks.",
    nodes=[
        start("route_starts", "Ученик 6 класса", "school"),
        milestone("overview_digital_start", "Старт цифрового проекта", "ecp"),
        call("stage_school", "Профориентация школьника (6–11 классы)", "school",
             called="proc_school_career_guidance"),
        milestone("stage_applicant", "Абитуриент"),
        call("stage_admission", "Поступление и целевое обучение", "edu_org", called="proc_admission_target_training"),
        call("stage_student", "Сопровождение студента", "edu_org", called="proc_student_support"),
        milestone("stage_graduate", "Выпускник"),
        call("stage_graduate_routing", "Маршрутизация выпускника", "czn", called="proc_graduate_routing"),
        xor("overview_outcome", "Итог выпускника?", "czn"),
        milestone("stage_work", "Работа по специальности"),
        call("stage_adaptation", "Адаптация и удержание молодого специалиста", "employer",
             called="proc_young_specialist_adaptation"),
        end("route_retained", "Молодой специалист удержан в профессии", "youth"),
        milestone("stage_retraining", "Переобучение", row=1),
        end("route_after_retraining", "Поиск работы после переобучения", "youth"),
        call("stage_individual_plan", "Сопровождение по индивидуальному плану", "czn", called="sub_individual_plan",
             row=1),
        call("stage_entrepreneurship", "Содействие в реализации предпринимательского проекта", "my_business",
             called="sub_entrepreneurship_referral"),
        end("route_entrepreneur", "Собственное дело", "my_business"),
    ],
    flows=[
        *chain("route_starts", "overview_digital_start", "stage_school", "stage_applicant", "stage_admission",
               "stage_student", "stage_graduate", "stage_graduate_routing", "overview_outcome"),
        flow("overview_outcome", "stage_work", "Трудоустройство", 'outcome == "employed"'),
        flow("overview_outcome", "stage_retraining", "Смена карьерной траектории", 'outcome == "trajectory_change"'),
        flow("overview_outcome", "stage_individual_plan", "Отсутствие занятости", default=True),
        *chain("stage_work", "stage_adaptation", "route_retained"),
        flow("stage_retraining", "route_after_retraining"),
        *chain("stage_individual_plan", "stage_entrepreneurship", "route_entrepreneur"),
    ],
    companions=[
        Process(
            id="employer_need_overview", name="Работодатель: кадровая потребность", file="overview.bpmn",
            lanes=["employer"], executable=False, lane_prefix="employer_need_overview_lane_",
            nodes=[
                start("employer_need_starts", "Выявлена кадровая потребность", "employer"),
                call("stage_employer_need", "Кадровая потребность работодателя", "employer",
                     called="proc_employer_staffing_need"),
                end("employer_need_closed", "Кадровая потребность закрыта", "employer"),
            ],
            flows=chain("employer_need_starts", "stage_employer_need", "employer_need_closed"),
        ),
        Process(
            id="practice_library_overview", name="ЦЗН: библиотека практик", file="overview.bpmn",
            lanes=["czn"], executable=False, lane_prefix="practice_library_overview_lane_",
            nodes=[
                start("library_starts", "Предложена практика адаптации", "czn"),
                call("stage_practice_library", "Библиотека практик адаптации и удержания", "czn",
                     called="proc_practice_library"),
                end("library_updated", "Библиотека практик актуальна", "czn"),
            ],
            flows=chain("library_starts", "stage_practice_library", "library_updated"),
        ),
    ],
    message_flows=[
        MessageFlow("employer_hosts_proftours", "Профтуры и групповые занятия", "stage_employer_need",
                    "stage_school"),
        MessageFlow("employer_offers_practice", "Места практик, вакансии, целевое обучение", "stage_employer_need",
                    "stage_student"),
        MessageFlow("library_feeds_adaptation", "Практики адаптации и удержания", "stage_practice_library",
                    "stage_adaptation"),
    ],
    groups=[
        Group("overview_phase_school", "Обучение в школе", ["route_starts", "stage_school",
                                                            "overview_digital_start"]),
        Group("overview_phase_admission", "Поступление", ["stage_applicant", "stage_admission"]),
        Group("overview_phase_college", "Обучение в ПОО / ОО ВО", ["stage_student", "stage_graduate"]),
        Group("overview_phase_graduate", "Выпускник", ["stage_graduate_routing", "route_retained"]),
    ],
)
