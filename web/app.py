"""Application factory of the operators' web app."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from web.config import base_config, load_secret_key
from web.db import db_session, init_db
from web.errors import register_errorhandlers
from web.extensions import csrf, login_manager
from web.i18n import init_i18n
from web.menus import menu_for
from web.models import User
from web.naming import init_naming
from web.security import init_security
from web.subjects import init_subjects


def create_app(config: dict[str, Any] | None = None) -> Flask:
    instance_path = os.path.abspath(os.environ.get("PROFROUTE_INSTANCE_PATH", "instance"))
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(base_config(Path(instance_path)))
    app.config.update(config or {})
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(Path(instance_path))
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    return app


def register_extensions(app: Flask) -> None:
    init_db(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    init_i18n(app)
    init_naming(app)
    init_subjects(app)
    app.jinja_env.globals["main_menu"] = menu_for
    init_security(app)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    user = db_session().get(User, int(user_id)) if user_id.isdigit() else None
    return user if user is not None and user.active else None


def register_blueprints(app: Flask) -> None:
    from web import assets
    from web.admin.blueprint import bp as admin_bp
    from web.analyst.blueprint import bp as analyst_bp
    from web.analytics.scenario_views import bp as scenarios_bp
    from web.analytics.views import bp as analytics_bp
    from web.api.views import bp as api_bp
    from web.auditor.views import bp as auditor_bp
    from web.auth.views import bp as auth_bp
    from web.inbox.views import bp as inbox_bp
    from web.instances.views import bp as instances_bp
    from web.main.views import bp as main_bp
    from web.tasks.views import bp as tasks_bp
    from web.versions.blueprint import bp as versions_bp
    from web.youth.views import bp as youth_bp

    for blueprint in (assets.bp, main_bp, auth_bp, inbox_bp, tasks_bp, youth_bp, instances_bp, admin_bp, auditor_bp,
                      versions_bp, analyst_bp, analytics_bp, scenarios_bp):
        app.register_blueprint(blueprint)
    csrf.exempt(api_bp)
    app.register_blueprint(api_bp)

