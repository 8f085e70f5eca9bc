"""The workbench's forms (CSRF comes with Flask-WTF)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length


class CommentForm(FlaskForm):
    comment = TextAreaField(_l("Комментарий"), validators=[Length(max=2000)])
