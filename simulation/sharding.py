"""Which part of the region one shard of `profroute simulate --workers N` drives: the youths' routes are dealt
round-robin over the youth ids in sorted order (youth k of the sorted list goes to shard k mod N), and the
region's own routes (employers' staffing needs, the practice library) all go to shard 0."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shard:
    index: int = 0
    count: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.index < self.count:
            raise ValueError(f"shard {self.index} of {self.count} does not exist")

    @property
    def whole(self) -> bool:
        """One shard: the whole region, as a run without --workers."""
        return self.count == 1

    def takes_youth(self, position: int) -> bool:
        """`position`: the youth's place in the sorted list of every youth the region starts a route for."""
        return position % self.count == self.index

    @property
    def takes_region_routes(self) -> bool:
        return self.index == 0


WHOLE_REGION = Shard()
