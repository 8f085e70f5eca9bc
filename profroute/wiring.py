"""The deployment's wiring, by plain imports: the map's handlers and adapters, the purge hook of the service
calls, the search attributes routes are found by, and every room's migrations (the engine's first: the other
rooms' tables refer to its rows)."""
from __future__ import annotations

from domain.migrations import MIGRATIONS as DOMAIN_MIGRATIONS
from domain.route_attributes import ROUTE_ATTRIBUTES, SEARCH_ATTRIBUTE
from engine.migrations import MIGRATIONS as ENGINE_MIGRATIONS
from engine.search import SearchAttribute
from engine.wiring import Wiring
from handlers.adapters import ADAPTERS
from handlers.registry import REGISTRY
from handlers.retention import forget_service_calls
from web.migrations import MIGRATIONS as WEB_MIGRATIONS

SEARCH_ATTRIBUTES = tuple(SearchAttribute(name, paths, search=name == SEARCH_ATTRIBUTE)
                          for name, paths in ROUTE_ATTRIBUTES)

WIRING = Wiring(
    handlers=REGISTRY,
    adapters=ADAPTERS,
    purge_hooks=(forget_service_calls,),
    search_attributes=SEARCH_ATTRIBUTES,
    migrations=(ENGINE_MIGRATIONS, DOMAIN_MIGRATIONS, WEB_MIGRATIONS),
)
