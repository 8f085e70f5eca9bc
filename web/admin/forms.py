"""Forms of the administration pages."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Regexp

ROLE_CHOICES = [
    SelectChoice("operator", _l("Оператор")),
    SelectChoice("curator", _l("Куратор")),
    SelectChoice("analyst", _l("Аналитик")),
    SelectChoice("auditor", _l("Аудитор")),
    SelectChoice("admin", _l("Администратор")),
]
ORG_KIND_CHOICES = [
    SelectChoice("school", _l("Школа")),
    SelectChoice("edu_org", _l("ПОО / ОО ВО")),
    SelectChoice("czn", _l("ЦЗН")),
    SelectChoice("employer", _l("Работодатель")),
    SelectChoice("my_business", _l("Центр «Мой бизнес»")),
    SelectChoice("region", _l("Регион")),
]


class UserForm(FlaskForm):
    login = StringField(
        _l("Логин"),
        validators=[
            DataRequired(_l("Введите логин")),
            Length(max=80),
            Regexp(r"^[a-z0-9._-]+$", message=_l("Латинские строчные буквы, цифры, точка, дефис")),
        ],
    )
    full_name = StringField(_l("ФИО"), validators=[DataRequired(_l("Введите ФИО")), Length(max=200)])
    password = PasswordField(
        _l("Пароль"), validators=[DataRequired(_l("Введите пароль")), Length(min=8, max=200)]
    )
    role = SelectField(_l("Роль"), choices=ROLE_CHOICES)
    org_kind = SelectField(_l("Тип организации"), choices=ORG_KIND_CHOICES)
    org_id = StringField(
        _l("Идентификатор организации"), validators=[DataRequired(_l("Укажите организацию")), Length(max=64)]
    )


class TokenForm(FlaskForm):
    name = StringField(_l("Назначение токена"), validators=[DataRequired(_l("Введите назначение")),
                                                            Length(max=100)])


class ReasonForm(FlaskForm):
    """The confirmation step of an action on a route: the reason is mandatory and goes to the audit log."""

    reason = TextAreaField(_l("Причина"), validators=[
        DataRequired(_l("Укажите причину: она попадёт в журнал аудита.")),
        Length(max=500, message=_l("Причина не длиннее 500 символов."))])


class SendBackForm(ReasonForm):
    """The choices are the user tasks the route passed (`engine.earlier_user_tasks`); the view checks the
    choice, so a stale or forged value gets a message next to the field."""

    element_id = SelectField(_l("Вернуть на задачу"), choices=[], validate_choice=False)
