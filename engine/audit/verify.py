"""Checking the audit log: every instance's hash chain, the chain of anchors, and the anchors' view of
which chains exist. Each problem names the instance, the event number and what happened to the record.

An anchor (written periodically and by every retention purge) fixes the head of every chain at a moment;
a chain that disappears, or shrinks, or differs from an anchored head afterwards is reported, unless a
later anchor records that a purge removed it legally.
"""
from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import Row, select
from sqlalchemy.orm import Session

from engine.audit.anchors import Head, anchor_hash, heads_digest, is_compacted
from engine.chain import GENESIS, event_hash
from engine.errors import NotFound
from engine.store.models import AuditAnchor, AuditEvent, ProcessInstance

EVENT_COLUMNS = (AuditEvent.id, AuditEvent.instance_id, AuditEvent.seq, AuditEvent.kind, AuditEvent.at,
                 AuditEvent.actor, AuditEvent.element_id, AuditEvent.task_id, AuditEvent.payload, AuditEvent.hash)
REORDERING_CHECKED_UP_TO = 64
"""Displaced events whose old numbers are looked for (each against every other: quadratic in their count)."""

EDITED = "edited"
DELETED = "deleted"
INSERTED = "inserted"
REORDERED = "reordered"
INSTANCE_DELETED = "instance_deleted"
ANCHOR_BROKEN = "anchor_broken"


REASONS = {
    "chain_gone": "all {count} event(s) of the chain are gone although the instance still exists",
    "instance_gone": "anchor {anchor} lists this instance with {count} event(s); its whole chain is gone and "
                     "no purge recorded it",
    "duplicate": "two events carry this number",
    "before_first": "an event numbered before the chain's first was added",
    "missing": "event(s) {missing} are missing",
    "renumbered": "events were renumbered out of order ({moves})",
    "was_lower": "this event was inserted: event {next} was number {seq} before",
    "was_higher": "this event was number {was}: an event before it was deleted",
    "hash": "content does not match its hash (kind {kind!r})",
    "skips": "event {next} follows event {linked}: the event(s) between were inserted",
    "shorter_than_instance": "the instance recorded {recorded} event(s) but the chain ends at {last}",
    "instance_head": "the last event differs from the head the instance recorded",
    "anchor_compacted": "the newest anchor {anchor} lost its heads",
    "anchor_link": "anchor {anchor} does not follow the previous anchor (one was deleted or inserted)",
    "anchor_heads": "anchor {anchor}: its heads were altered",
    "anchor_hash": "anchor {anchor}: content does not match its hash",
    "shorter_than_anchor": "anchor {anchor} fixed the chain at event {fixed}; it now ends at {last}",
    "anchor_head": "differs from the head anchor {anchor} fixed",
    "row_gone": "the chain has {count} event(s) but its instance row is gone",
    "unanchored": "the route began well before anchor {anchor}, which does not list it: added to the log later",
}
# A step's transaction never lasts this long, and the workers' clocks agree well within it.
UNANCHORED_SLACK = timedelta(hours=1)


@dataclass(frozen=True)
class Problem:
    """`reason` keys REASONS (English, for logs and the CLI); the web names it in the reader's language."""

    kind: str
    instance_id: str | None
    seq: int | None
    reason: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def detail(self) -> str:
        return REASONS[self.reason].format(**self.params)

    def __str__(self) -> str:
        where = f"instance {self.instance_id}" if self.instance_id else "anchors"
        if self.seq is not None:
            where += f", event {self.seq}"
        return f"{self.kind}: {where}: {self.detail}"


@dataclass
class VerifyReport:
    chains: int = 0
    events: int = 0
    anchors: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        checked = f"{self.chains} chain(s), {self.events} event(s), {self.anchors} anchor(s)"
        if self.ok:
            return f"audit log intact: {checked} verified"
        return f"audit log damaged: {len(self.problems)} problem(s) in {checked}"


def verify(session: Session, instance_id: str | None = None) -> VerifyReport:
    """Check every chain (or one instance's) against itself, the instance rows and all anchors. Chains are
    streamed one at a time; memory holds the anchors' heads and one chain."""
    report = VerifyReport()
    anchors = session.scalars(select(AuditAnchor).order_by(AuditAnchor.id)).all()
    report.anchors = len(anchors)
    report.problems += _check_anchor_chain(anchors)
    anchored = _anchored_heads(anchors, instance_id)
    newest = next((anchor for anchor in reversed(anchors) if not is_compacted(anchor)), None)
    recorded = _recorded_heads(session, instance_id)
    for chain_id, rows in _chains(session, instance_id):
        report.chains += 1
        report.events += len(rows)
        head = recorded.pop(chain_id, None)
        fixed = anchored.pop(chain_id, [])
        problem = (check_chain(chain_id, rows) or _check_recorded_head(chain_id, rows, head)
                   or _check_against_anchors(chain_id, rows, fixed) or _check_listed(chain_id, rows, newest))
        if problem is not None:
            report.problems.append(problem)
    for lost_id, head in sorted(recorded.items()):
        anchored.pop(lost_id, None)
        if head.seq > 0:
            report.problems.append(Problem(DELETED, lost_id, 1, "chain_gone", {"count": head.seq}))
    for lost_id, fixed in sorted(anchored.items()):
        anchor_id, seq, _digest = fixed[0]
        report.problems.append(Problem(INSTANCE_DELETED, lost_id, None, "instance_gone",
                                       {"anchor": anchor_id, "count": seq}))
    if instance_id is not None and report.chains == 0 and report.ok:
        raise NotFound(f"instance {instance_id} has no audit events and no anchor lists it")
    return report


def _chains(session: Session, instance_id: str | None) -> Iterator[tuple[str, list[Row[Any]]]]:
    query = select(*EVENT_COLUMNS).order_by(AuditEvent.instance_id, AuditEvent.seq, AuditEvent.id)
    if instance_id is not None:
        query = query.where(AuditEvent.instance_id == instance_id)
    rows = session.execute(query.execution_options(yield_per=2000))
    for chain_id, group in itertools.groupby(rows, key=lambda row: row.instance_id):
        yield chain_id, list(group)


def _fields(row: Row[Any], seq: int | None = None) -> dict[str, Any]:
    return {"instance_id": row.instance_id, "seq": row.seq if seq is None else seq, "kind": row.kind,
            "at": row.at, "actor": row.actor, "element_id": row.element_id, "task_id": row.task_id,
            "payload": row.payload}


def check_chain(instance_id: str, rows: list[Row[Any]]) -> Problem | None:
    """The first problem of one chain (rows ordered by seq, then id); later ones are its consequences. An event
    stores its own hash only: the hash it was chained to is its predecessor's."""
    reordered = _check_order(instance_id, rows)
    if reordered is not None:
        return reordered
    for index, row in enumerate(rows):
        expected_seq = rows[index - 1].seq + 1 if index else 1
        if index and row.seq == rows[index - 1].seq:
            return Problem(INSERTED, instance_id, row.seq, "duplicate")
        if row.seq < expected_seq:
            return Problem(INSERTED, instance_id, row.seq, "before_first")
        if row.seq != expected_seq:
            missing = f"{expected_seq}" if row.seq == expected_seq + 1 else f"{expected_seq}..{row.seq - 1}"
            return Problem(DELETED, instance_id, expected_seq, "missing", {"missing": missing})
        if event_hash(_link(rows, index - 1), _fields(row)) != row.hash:
            return _diagnose(instance_id, rows, index)
    return None


def _link(rows: list[Row[Any]], index: int) -> str:
    return rows[index].hash if index >= 0 else GENESIS


def _check_order(instance_id: str, rows: list[Row[Any]]) -> Problem | None:
    """Events renumbered among themselves: storage order disagrees with numbering, and each displaced
    event's hash is valid under the number of another displaced event, chained to one of the chain's events."""
    by_storage = sorted(rows, key=lambda row: row.id)
    displaced = [row for row, stored in zip(rows, by_storage, strict=True) if row is not stored]
    if not displaced or len(displaced) > REORDERING_CHECKED_UP_TO:
        return None
    numbers = [row.seq for row in displaced]
    kept = {row.seq: row.hash for row in rows if row not in displaced}
    original = {}
    for row in displaced:
        match = next((seq for seq in numbers for link in _possible_links(seq, kept, displaced)
                      if event_hash(link, _fields(row, seq)) == row.hash), None)
        if match is None or match == row.seq:
            return None
        original[row.seq] = match
    if sorted(original.values()) != sorted(numbers):
        return None
    moves = ", ".join(f"{original[seq]} is now {seq}" for seq in numbers)
    return Problem(REORDERED, instance_id, numbers[0], "renumbered", {"moves": moves})


def _possible_links(seq: int, kept: dict[int, str], displaced: list[Row[Any]]) -> list[str]:
    """What event number `seq` was chained to: the event before it, if it kept its number, or a displaced one."""
    before = GENESIS if seq == 1 else kept.get(seq - 1)
    return ([before] if before is not None else []) + [row.hash for row in displaced]


def _diagnose(instance_id: str, rows: list[Row[Any]], index: int) -> Problem:
    """Why an event's hash does not follow from its predecessor's: it moved up a number (an event was inserted
    before it), its successor still follows it under old numbers (an event before it was deleted and the rest
    renumbered), it follows an earlier event (events between were inserted), or its content was edited."""
    row = rows[index]
    if row.seq > 1 and event_hash(_link(rows, index - 2), _fields(row, row.seq - 1)) == row.hash:
        return Problem(INSERTED, instance_id, row.seq - 1, "was_lower", {"next": row.seq, "seq": row.seq - 1})
    after = rows[index + 1] if index + 1 < len(rows) else None
    if after is not None and event_hash(row.hash, _fields(after, after.seq + 1)) == after.hash:
        return Problem(DELETED, instance_id, row.seq, "was_higher", {"was": row.seq + 1})
    linked = next((earlier.seq for earlier in rows[:max(index - 1, 0)]
                   if event_hash(earlier.hash, _fields(row)) == row.hash), None)
    if linked is not None:
        return Problem(INSERTED, instance_id, row.seq - 1, "skips", {"next": row.seq, "linked": linked})
    return Problem(EDITED, instance_id, row.seq, "hash", {"kind": row.kind})


def _recorded_heads(session: Session, instance_id: str | None) -> dict[str, Head]:
    """The head each instance row remembers (it moves in the same transaction as the chain)."""
    query = select(ProcessInstance.id, ProcessInstance.audit_seq, ProcessInstance.audit_head)
    if instance_id is not None:
        query = query.where(ProcessInstance.id == instance_id)
    return {row.id: Head(row.audit_seq or 0, row.audit_head or GENESIS) for row in session.execute(query)}


def _check_recorded_head(instance_id: str, rows: list[Row[Any]], recorded: Head | None) -> Problem | None:
    last = rows[-1]
    if recorded is None:
        return Problem(INSTANCE_DELETED, instance_id, None, "row_gone", {"count": last.seq})
    if recorded.seq > last.seq:
        return Problem(DELETED, instance_id, last.seq + 1, "shorter_than_instance",
                       {"recorded": recorded.seq, "last": last.seq})
    if recorded.seq == last.seq and recorded.hash != last.hash:
        return Problem(EDITED, instance_id, last.seq, "instance_head")
    return None


def _check_anchor_chain(anchors: list[AuditAnchor]) -> list[Problem]:
    problems = []
    prev_hash = GENESIS
    if anchors and is_compacted(anchors[-1]):
        problems.append(Problem(ANCHOR_BROKEN, None, None, "anchor_compacted", {"anchor": anchors[-1].id}))
    for anchor in anchors:
        heads = {key: Head(*value) for key, value in (anchor.heads or {}).items()}
        purged = {key: Head(*value) for key, value in (anchor.purged or {}).items()}
        if anchor.prev_hash != prev_hash:
            problems.append(Problem(ANCHOR_BROKEN, None, None, "anchor_link", {"anchor": anchor.id}))
        if not is_compacted(anchor) and (heads_digest(heads) != anchor.heads_digest
                                         or len(heads) != anchor.chain_count):
            problems.append(Problem(ANCHOR_BROKEN, None, None, "anchor_heads", {"anchor": anchor.id}))
        elif anchor_hash(anchor.prev_hash, anchor.heads_digest, purged, anchor.created_at) != anchor.hash:
            problems.append(Problem(ANCHOR_BROKEN, None, None, "anchor_hash", {"anchor": anchor.id}))
        prev_hash = anchor.hash
    return problems


def _check_listed(instance_id: str, rows: list[Row[Any]], newest: AuditAnchor | None) -> Problem | None:
    """A chain that began well before the newest anchor must be listed in it (a purge removes the chain
    itself, so a stored chain missing from the anchor was added to the log afterwards, backdated)."""
    if newest is None or instance_id in (newest.heads or {}):
        return None
    if rows[0].at + UNANCHORED_SLACK < newest.created_at:
        return Problem(INSERTED, instance_id, 1, "unanchored", {"anchor": newest.id})
    return None


def _anchored_heads(anchors: list[AuditAnchor], instance_id: str | None) -> dict[str, list[tuple[int, int, str]]]:
    """instance -> (anchor id, seq, hash) of every head an anchor fixed, unless a later anchor purged it."""
    purged_at: dict[str, int] = {}
    for anchor in anchors:
        for key in anchor.purged or {}:
            purged_at.setdefault(key, anchor.id)
    fixed: dict[str, list[tuple[int, int, str]]] = {}
    for anchor in anchors:
        for key, (seq, digest) in (anchor.heads or {}).items():
            if (instance_id is None or key == instance_id) and purged_at.get(key, 0) <= anchor.id:
                fixed.setdefault(key, []).append((anchor.id, seq, digest))
    return fixed


def _check_against_anchors(instance_id: str, rows: list[Row[Any]], fixed: list[tuple[int, int, str]]) -> Problem | None:
    """Every head an anchor fixed must still be in the chain."""
    hashes = {row.seq: row.hash for row in rows}
    last = rows[-1].seq
    for anchor_id, seq, digest in fixed:
        if seq not in hashes:
            return Problem(DELETED, instance_id, last + 1, "shorter_than_anchor",
                           {"anchor": anchor_id, "fixed": seq, "last": last})
        if hashes[seq] != digest:
            return Problem(EDITED, instance_id, seq, "anchor_head", {"anchor": anchor_id})
    return None
