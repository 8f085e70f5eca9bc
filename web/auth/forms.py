"""The sign-in form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    login = StringField(_l("Логин"), validators=[DataRequired(_l("Введите логин")), Length(max=80)])
    password = PasswordField(_l("Пароль"), validators=[DataRequired(_l("Введите пароль")), Length(max=200)])
