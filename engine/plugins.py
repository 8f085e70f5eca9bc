"""Discovery of what other rooms contribute, through Python entry points (no upward imports)."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib.metadata import entry_points

HANDLERS_GROUP = "profroute.handlers"
COMMANDS_GROUP = "profroute.commands"
MIGRATIONS_GROUP = "profroute.migrations"
ADAPTERS_GROUP = "profroute.adapters"
PURGE_HOOKS_GROUP = "profroute.purge_hooks"


def load_handlers() -> dict[str, Callable]:
    """Merge every registered operation-name -> handler mapping; a name registered twice is an error."""
    merged: dict[str, Callable] = {}
    for point in entry_points(group=HANDLERS_GROUP):
        mapping: Mapping[str, Callable] = point.load()
        for name, fn in mapping.items():
            if name in merged and merged[name] is not fn:
                raise RuntimeError(f"service operation {name!r} is registered twice ({point.value})")
            merged[name] = fn
    return merged


def load_adapters() -> dict[str, Callable]:
    """External system name -> adapter factory (the outbox dispatcher's targets)."""
    merged: dict[str, Callable] = {}
    for point in entry_points(group=ADAPTERS_GROUP):
        merged.update(point.load())
    return merged


def load_purge_hooks() -> list[Callable]:
    """Functions `hook(session, instance_ids)` a retention purge calls for the instances it deletes, in name order."""
    return [point.load() for point in sorted(entry_points(group=PURGE_HOOKS_GROUP), key=lambda p: p.name)]


def load_commands() -> list:
    return [point.load() for point in sorted(entry_points(group=COMMANDS_GROUP), key=lambda p: p.name)]


def migration_sets() -> list[tuple[str, object]]:
    """(name, MigrationSet) pairs; the engine's own set always comes first."""
    points = sorted(entry_points(group=MIGRATIONS_GROUP), key=lambda p: (p.name != "engine", p.name))
    return [(point.name, point.load()) for point in points]
