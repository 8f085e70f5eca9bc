"""sub_entrepreneurship_referral: a young person with a business idea is referred to «Мой бизнес»."""
from __future__ import annotations

from tools.process_authoring.model import Process, chain, end, flow, service, start, timer, user, xor

REFERRAL = 'referral["referral_id"]'

PROCESS = Process(
    id="sub_entrepreneurship_referral",
    name="Содействие в реализации предпринимательского проекта",
    file="entrepreneurship_referral.bpmn",
    lanes=["czn", "my_business", "ecp"],
    documentation="Called from graduate routing when the individual plan found an entrepreneurship request.",
    nodes=[
        start("entrepreneurship_requested", "Запрос на предпринимательский проект", "czn"),
        service("refer_my_business",
                "Направление в Центр «Мой бизнес» / цифровые платформы развития предпринимательских проектов", "czn",
                op="entrepreneurship.refer", result="referral", post_script='org = referral["org"]',
                params={"youth_id": "youth_id", "prefers_online": 'ip_result["prefers_online_support"]'}),
        xor("referral_target", "Куда направлен?", "czn"),
        user("entrepreneurship_support",
             "Предоставление мер поддержки и сервисов в сфере предпринимательской деятельности", "my_business",
             form="entrepreneurship_support", var="support", due_in="P4W"),
        service("platform_entrepreneurship",
                "Предоставление цифровых платформ в целях развития предпринимательских проектов", "ecp",
                op="entrepreneurship.provide_platform", result="platform_access",
                params={"youth_id": "youth_id", "referral_id": REFERRAL}),
        xor("referral_done", "", "czn"),
        timer("followup_due", "Через 3 месяца", "czn", duration='"P3M"'),
        user("business_followup", "Результат предпринимательского проекта", "czn", form="entrepreneurship_followup",
             var="business_result"),
        service("record_business_result", "Фиксация результата предпринимательского проекта", "czn",
                op="entrepreneurship.record_result", result="entrepreneurship_result",
                params={"referral_id": REFERRAL, "business_result": "business_result"}),
        end("entrepreneurship_done", "Результат зафиксирован", "czn"),
    ],
    flows=[
        *chain("entrepreneurship_requested", "refer_my_business", "referral_target"),
        flow("referral_target", "entrepreneurship_support", "В Центр «Мой бизнес»",
             'referral["referred_to"] == "my_business_centre"'),
        flow("referral_target", "platform_entrepreneurship", "На цифровую платформу", default=True),
        flow("entrepreneurship_support", "referral_done"),
        flow("platform_entrepreneurship", "referral_done"),
        *chain("referral_done", "followup_due", "business_followup", "record_business_result",
               "entrepreneurship_done"),
    ],
)
