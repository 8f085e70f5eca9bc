"""The one Engine of an app: given in config["ENGINE"] (tests) or built from DATABASE_URL."""
from __future__ import annotations

from flask import Flask, current_app

from engine import Engine
from engine.plugins import load_adapters, load_handlers

EXTENSION_KEY = "profroute.engine"


def build_engine(database_url: str) -> Engine:
    """The engine with every registered service handler and external-system adapter (outbox)."""
    return Engine(database_url, handlers=load_handlers(), adapters=load_adapters())


def get_engine(app: Flask | None = None) -> Engine:
    app = app or current_app
    engine = app.extensions.get(EXTENSION_KEY)
    if engine is None:
        engine = app.config.get("ENGINE") or build_engine(app.config["DATABASE_URL"])
        app.extensions[EXTENSION_KEY] = engine
    return engine
