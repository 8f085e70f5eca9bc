"""Three routes of the `moves` fixture process waiting at its three user tasks on version 1, with version 2
deployed beside them (it removes one of those tasks): what the version pages compare and move."""
from __future__ import annotations

from pathlib import Path

VERSIONS = Path(__file__).parents[1] / "engine" / "fixtures" / "versions"


def routes_on_version_1(engine, people: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """`people`: (the user task a route waits at, the youth's name); returns name -> instance id."""
    engine.deploy([VERSIONS / "v1"], actor="analyst")
    started = {}
    for element_id, name in people:
        instance_id = engine.start("moves", {"youth_name": name}, business_key=name, org={"school": "school-001"})
        while (task := engine.tasks(instance_id=instance_id)[0]).element_id != element_id:
            engine.complete(task.id, {}, actor="ivanova")
        started[name] = instance_id
    engine.deploy([VERSIONS / "v2"], actor="analyst")
    return started
