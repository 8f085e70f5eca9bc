"""What a deployment plugs into the engine: service handlers, external-system adapters, purge hooks, search
attributes and every room's migrations. The composition root (`profroute/`) builds one `Wiring` by plain
imports and hands it to the commands and the app; the engine itself imports and discovers nothing of the
rooms above it."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from engine.audit.retention import PurgeHook
from engine.clock import Clock
from engine.facade import Engine
from engine.search import SearchAttribute
from storage import MigrationSet


@dataclass(frozen=True)
class Wiring:
    handlers: Mapping[str, Callable] = field(default_factory=dict)
    """Service operation name -> handler function."""
    adapters: Mapping[str, Callable] = field(default_factory=dict)
    """External system name -> adapter factory (the outbox dispatcher's targets)."""
    purge_hooks: Sequence[PurgeHook] = ()
    """`hook(session, instance_ids)` for the rows other rooms keep of the instances a retention purge deletes."""
    migrations: Sequence[MigrationSet] = ()
    """Every room's migration set, the engine's first."""
    search_attributes: Sequence[SearchAttribute] = ()
    """What of a route's data its instance and tasks are filtered and searched by (engine.search)."""

    def open_engine(self, database_url: str, *, clock: Clock | None = None, workflow_cache: int = 1000,
                    cold: bool = False, wait_for_flush: bool = True) -> Engine:
        return Engine(database_url, clock=clock, handlers=self.handlers, adapters=self.adapters,
                      workflow_cache=workflow_cache, cold=cold, search_attributes=self.search_attributes,
                      wait_for_flush=wait_for_flush)

    def upgrade(self, database_url: str) -> list[str]:
        """Create or upgrade every room's tables; the names of the sets, in the order they ran."""
        for migration_set in self.migrations:
            migration_set.upgrade(database_url)
        return [migration_set.name for migration_set in self.migrations]
