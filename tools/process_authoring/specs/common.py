"""Pieces every stage process shares."""
from __future__ import annotations

from tools.process_authoring.model import Node, script

ACCEPT_ROUTE_CODE = 'youth_id = route["youth_id"]\nyouth_name = route["youth_name"]\norg = route["org"]'


def accept_route(lane: str) -> Node:
    """Copies the stage message's youth id, name and organisations to the top level of task data."""
    return script("accept_route", "Приём данных этапа", lane, code=ACCEPT_ROUTE_CODE)


def payload(**fields: str) -> str:
    """A message payload expression that always carries youth_id, youth_name and org."""
    items = {"youth_id": "youth_id", "youth_name": "youth_name", "org": "org", **fields}
    return "{" + ", ".join(f'"{key}": {value}' for key, value in items.items()) + "}"
