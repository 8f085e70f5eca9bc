"""The profile form: the user's time zone for every date shown."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField

#: Russia's time zones, west to east
TIME_ZONES = [
    SelectChoice("Europe/Kaliningrad", _l("Калининград (UTC+2)")),
    SelectChoice("Europe/Moscow", _l("Москва (UTC+3)")),
    SelectChoice("Europe/Samara", _l("Самара (UTC+4)")),
    SelectChoice("Asia/Yekaterinburg", _l("Екатеринбург (UTC+5)")),
    SelectChoice("Asia/Omsk", _l("Омск (UTC+6)")),
    SelectChoice("Asia/Novosibirsk", _l("Новосибирск (UTC+7)")),
    SelectChoice("Asia/Irkutsk", _l("Иркутск (UTC+8)")),
    SelectChoice("Asia/Yakutsk", _l("Якутск (UTC+9)")),
    SelectChoice("Asia/Vladivostok", _l("Владивосток (UTC+10)")),
    SelectChoice("Asia/Magadan", _l("Магадан (UTC+11)")),
    SelectChoice("Asia/Kamchatka", _l("Камчатка (UTC+12)")),
]


class ProfileForm(FlaskForm):
    timezone = SelectField(_l("Часовой пояс"), choices=TIME_ZONES)
