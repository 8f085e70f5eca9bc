"""proc_practice_library: the employment centre keeps the library of adaptation and retention practices."""
from __future__ import annotations

from tools.process_authoring.model import Process, chain, end, service, start, timer, user

PROCESS = Process(
    id="proc_practice_library",
    name="Библиотека практик адаптации и удержания",
    file="practice_library.bpmn",
    lanes=["czn"],
    documentation="One instance per practice: written, published, reviewed a year later.",
    nodes=[
        start("practice_proposed", "Предложена практика адаптации", "czn"),
        user("practices_library",
             "Ведение и актуализация библиотеки практик по адаптации и удержанию сотрудника на рабочем месте", "czn",
             form="practice_library_entry", var="practice", due_in="P4W"),
        service("save_practice", "Сохранение практики в библиотеке", "czn", op="practice_library.save_practice",
                result="library_entry", params={"practice": "practice"}),
        timer("review_due", "Плановый пересмотр практики", "czn", date='library_entry["review_at"]'),
        user("review_practice", "Пересмотр актуальности практики", "czn", form="practice_review", var="review"),
        service("apply_practice_review", "Применение итогов пересмотра", "czn", op="practice_library.apply_review",
                result="review_record",
                params={"practice_id": 'library_entry["practice_id"]', "review": "review"}),
        end("practice_reviewed", "Практика пересмотрена", "czn"),
    ],
    flows=chain("practice_proposed", "practices_library", "save_practice", "review_due", "review_practice",
                "apply_practice_review", "practice_reviewed"),
)
