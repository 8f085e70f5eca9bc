"""Changes between two versions of task data, as the auditors' timeline shows them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MISSING: Any = object()


@dataclass(frozen=True)
class DataChange:
    path: str
    op: str  # "added", "removed", "changed"
    before: Any
    after: Any


def data_changes(before: Any, after: Any, path: str = "") -> list[DataChange]:
    """Leaf-level changes; nested objects are walked, lists compared as whole values."""
    if isinstance(before, dict) and isinstance(after, dict):
        changes: list[DataChange] = []
        for key in sorted(set(before) | set(after), key=str):
            child = f"{path}.{key}" if path else str(key)
            changes += data_changes(before.get(key, MISSING), after.get(key, MISSING), child)
        return changes
    if before is MISSING and after is MISSING or before == after and type(before) is type(after):
        return []
    if before is MISSING:
        return [DataChange(path, "added", None, after)]
    if after is MISSING:
        return [DataChange(path, "removed", before, None)]
    return [DataChange(path, "changed", before, after)]
