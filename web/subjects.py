"""Whom a route concerns and which map stage it (or one of its tasks) belongs to, as pages show them: the
subject's kind and name with a link to its page (a youth's card; an employer's need or a practice library
opens its route), and the stage's label in the person's language."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from domain.route_attributes import SUBJECT
from domain.route_starts import SUBJECT_KIND
from domain.stages import Stage, stage_of

KIND_LABELS = {"youth": _l("Молодой человек"), "staffing_need": _l("Работодатель"),
               "czn": _l("Центр занятости")}


@dataclass(frozen=True)
class Subject:
    kind: str
    name: str
    url: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, ""))


def subject_of(process_key: str, business_key: str | None, attributes: dict, instance_id: str) -> Subject | None:
    """None for a route without a business key. Every route keyed by something else than a youth is in
    `SUBJECT_KIND` (processes/README.md: the other routes are keyed by the youth's id)."""
    if not business_key:
        return None
    kind = SUBJECT_KIND.get(process_key, "youth")
    name = attributes.get(SUBJECT) or str(_l("имя не указано"))
    if kind == "youth":
        return Subject(kind, name, url_for("youth.route", youth_id=business_key))
    return Subject(kind, name, url_for("instances.detail", instance_id=instance_id))


def task_subject(task) -> Subject | None:
    return subject_of(task.process_key, task.business_key, task.attributes, task.instance_id)


def instance_subject(instance) -> Subject | None:
    return subject_of(instance.process_key, instance.business_key, instance.attributes, instance.id)


def stage_label(stage: Stage | None) -> str:
    if stage is None:
        return ""
    return stage.english if str(get_locale() or "ru") == "en" else stage.label


def process_stage(process_key: str) -> str:
    """The label of the map stage a process (and every task of it) belongs to; empty outside the map."""
    return stage_label(stage_of(process_key))


def init_subjects(app: Flask) -> None:
    app.jinja_env.globals.update(task_subject=task_subject, instance_subject=instance_subject,
                                 process_stage=process_stage, stage_label=stage_label)
