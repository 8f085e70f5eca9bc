"""Flask extensions, created once and bound to each app in `create_app`."""
from __future__ import annotations

from flask_babel import Babel
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = _l("Войдите, чтобы открыть эту страницу.")
login_manager.login_message_category = "info"
login_manager.localize_callback = str
login_manager.session_protection = "strong"
csrf = CSRFProtect()
babel = Babel()
