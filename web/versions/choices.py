"""What the version pages offer to pick: processes with their versions, and elements by their labels."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine import DefinitionInfo, Engine
from web.route_map import element_label


@dataclass(frozen=True)
class VersionPick:
    """The process and the two versions read from the query string; None where nothing valid was picked."""

    processes: list[tuple[str, str]]
    versions: list[DefinitionInfo]
    key: str | None
    source: DefinitionInfo | None
    target: DefinitionInfo | None

    @property
    def complete(self) -> bool:
        return self.source is not None and self.target is not None and self.source.id != self.target.id


def read_pick(engine: Engine, args: Mapping[str, str]) -> VersionPick:
    """Processes by name; `source` defaults to the oldest and `target` to the newest version."""
    definitions = engine.definitions()
    names: dict[str, str] = {}
    for definition in definitions:
        names[definition.key] = definition.name or definition.key
    key = args.get("process") if args.get("process") in names else None
    versions = [definition for definition in definitions if definition.key == key]
    by_number = {str(definition.version): definition for definition in versions}
    source = by_number.get(args.get("source", "")) or (versions[0] if len(versions) > 1 else None)
    target = by_number.get(args.get("target", "")) or (versions[-1] if len(versions) > 1 else None)
    processes = sorted(names.items(), key=lambda item: item[1].casefold())
    return VersionPick(processes=processes, versions=versions, key=key, source=source, target=target)


def elements(engine: Engine, definition: DefinitionInfo) -> dict[str, str]:
    """Element id -> label of the process's own flow nodes in that version, ordered by label."""
    index = engine.element_index(definition.id)
    own = [element_id for element_id, process in index.processes.items() if process == definition.key]
    labels = {element_id: element_label(index, element_id) for element_id in own}
    return dict(sorted(labels.items(), key=lambda item: item[1].casefold()))
