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
#: the kinds of organisation a user can belong to, in the order the organisation list groups them
ORG_KIND_LABELS = {
    "region": _l("Регион"),
    "school": _l("Школы"),
    "edu_org": _l("ПОО / ОО ВО"),
    "czn": _l("ЦЗН"),
    "employer": _l("Работодатели"),
}
REGION_CHOICE = "region:region"


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
    organisation = SelectField(_l("Организация"), choices=[],
                               validators=[DataRequired(_l("Выберите организацию из списка."))],
                               invalid_choice_message=_l("Выберите организацию из списка."))
    """choices `kind:id` grouped by kind, filled by the view from the registries (`organisation_choices`); a
    value not among them is refused"""

    def __init__(self, *args, organisations: dict[str, list[tuple[str, str]]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = {str(ORG_KIND_LABELS["region"]): [(REGION_CHOICE, str(_l("Весь регион")))]}
        choices.update({str(label): [(f"{kind}:{org_id}", name) for org_id, name in organisations[kind]]
                        for kind, label in ORG_KIND_LABELS.items() if organisations.get(kind)})
        self.organisation.choices = choices

    @property
    def org_kind(self) -> str:
        return (self.organisation.data or "").partition(":")[0]

    @property
    def org_id(self) -> str:
        return (self.organisation.data or "").partition(":")[2]


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
