"""External systems behind the outbox: `ADAPTERS` maps a system name (what handlers pass to `ctx.emit`)
to a factory of its adapter (wired into the engine by `profroute/wiring.py`). The factories here build
the local fakes, which record requests in `<instance>/adapters/<system>.jsonl`; a deployment replaces a
factory with its real adapter. The contract is documented in `handlers.adapters.base`."""

from __future__ import annotations

from handlers.adapters import ecp, my_business
from handlers.adapters.base import Adapter, AdapterError, AdapterFactory
from handlers.adapters.ecp import fake_ecp
from handlers.adapters.my_business import fake_my_business
from handlers.adapters.notification import fake_notification

ADAPTERS: dict[str, AdapterFactory] = {
    ecp.SYSTEM: fake_ecp,
    my_business.SYSTEM: fake_my_business,
    "notification": fake_notification,
}

KINDS: dict[str, tuple[str, ...]] = {
    ecp.SYSTEM: tuple(ecp.KINDS),
    my_business.SYSTEM: tuple(my_business.KINDS),
}
"""The kinds each system accepts (the notification gateway accepts any message kind)."""

__all__ = ["ADAPTERS", "KINDS", "Adapter", "AdapterError", "AdapterFactory"]
