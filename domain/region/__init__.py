"""Synthetic region generator: `generate(session, *, seed, youths=...)` → `RegionSummary`."""

from __future__ import annotations

from domain.region.generate import DEFAULT_AS_OF, RegionSummary, generate

__all__ = ["DEFAULT_AS_OF", "RegionSummary", "generate"]
