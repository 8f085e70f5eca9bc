"""The one Engine of an app: given in config["ENGINE"] (tests), or opened on DATABASE_URL with the
deployment's config["WIRING"] (handlers and adapters), which the composition root hands over."""
from __future__ import annotations

from flask import Flask, current_app

from engine import Engine

EXTENSION_KEY = "profroute.engine"


def get_engine(app: Flask | None = None) -> Engine:
    app = app or current_app
    engine = app.extensions.get(EXTENSION_KEY)
    if engine is None:
        engine = app.config.get("ENGINE")
        if engine is None:
            wiring = app.config.get("WIRING")
            if wiring is None:
                raise RuntimeError("the app has neither an ENGINE nor the deployment's WIRING in its config")
            engine = wiring.open_engine(app.config["DATABASE_URL"])
        app.extensions[EXTENSION_KEY] = engine
    return engine
