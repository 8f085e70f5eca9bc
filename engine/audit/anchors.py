"""Anchors: periodic, chained snapshots of the heads of all hash chains (docs/contracts.md, "Audit log").

A chain's head hash commits to every event before it, so the newest anchor that lists a chain is the
strongest evidence about it; older anchors only add evidence about chains deleted since. To keep storage
bounded, `compact_anchors` clears the heads of all but the newest anchors (their digests and hashes stay
in the anchor chain); a chain deleted before the kept window is then found only by a verify run made
while that window still held it."""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from engine.chain import GENESIS, canonical_time
from engine.errors import ValidationError
from engine.store.models import AuditAnchor, AuditEvent


@dataclass(frozen=True)
class Head:
    seq: int
    hash: str


def heads_digest(heads: dict[str, Head]) -> str:
    lines = sorted(f"{instance_id}:{head.seq}:{head.hash}" for instance_id, head in heads.items())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def anchor_hash(prev_hash: str, digest: str, purged: dict[str, Head], created_at: datetime) -> str:
    purged_digest = heads_digest(purged) if purged else ""
    text = prev_hash + digest + purged_digest + canonical_time(created_at)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_heads(session: Session, instance_ids: Iterable[str] | None = None) -> dict[str, Head]:
    """The last event of every stored chain (or of the given ones)."""
    last = select(AuditEvent.instance_id, func.max(AuditEvent.seq).label("seq")).group_by(AuditEvent.instance_id)
    if instance_ids is not None:
        last = last.where(AuditEvent.instance_id.in_(list(instance_ids)))
    last = last.subquery()
    rows = session.execute(select(AuditEvent.instance_id, AuditEvent.seq, AuditEvent.hash).join(
        last, (AuditEvent.instance_id == last.c.instance_id) & (AuditEvent.seq == last.c.seq)))
    return {row.instance_id: Head(row.seq, row.hash) for row in rows}


def write_anchor(session: Session, now: datetime, purged: dict[str, Head] | None = None) -> AuditAnchor:
    """Anchor the heads of all chains, chained to the previous anchor, inside the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # two writers must not both chain onto the same previous anchor (SQLite writers are serialized)
        session.execute(text("LOCK TABLE audit_anchor IN SHARE ROW EXCLUSIVE MODE"))
    previous = session.scalars(select(AuditAnchor).order_by(AuditAnchor.id.desc()).limit(1)).first()
    heads = current_heads(session)
    purged = dict(purged or {})
    digest = heads_digest(heads)
    prev_hash = previous.hash if previous is not None else GENESIS
    anchor = AuditAnchor(
        created_at=now, chain_count=len(heads), heads_digest=digest,
        heads={key: [head.seq, head.hash] for key, head in sorted(heads.items())},
        purged={key: [head.seq, head.hash] for key, head in sorted(purged.items())},
        prev_hash=prev_hash, hash=anchor_hash(prev_hash, digest, purged, now))
    session.add(anchor)
    session.flush()
    return anchor


def anchor_if_due(session: Session, now: datetime, every: timedelta) -> AuditAnchor | None:
    """Write an anchor when the last one is older than `every` (or there is none): for a periodic loop."""
    last = session.scalar(select(func.max(AuditAnchor.created_at)))
    if last is not None and now - last < every:
        return None
    return write_anchor(session, now)




def reseal(connection: Connection, renamed: dict[tuple[str, int], str]) -> int:
    """Seal every anchor again after chains were rewritten (`engine.audit.compaction`): an anchored head
    whose event got a new hash (`renamed[(instance_id, seq)]`) takes it, the digest follows, and the anchor
    chain is linked anew. A compacted anchor keeps its digest (its heads are gone). Returns the anchors."""
    table = AuditAnchor.__table__
    prev_hash, count = GENESIS, 0
    for anchor in connection.execute(select(table).order_by(table.c.id)).all():
        heads, digest = dict(anchor.heads or {}), anchor.heads_digest
        if heads:
            heads = {key: [seq, renamed.get((key, seq), digest_)] for key, (seq, digest_) in sorted(heads.items())}
            digest = heads_digest({key: Head(seq, digest_) for key, (seq, digest_) in heads.items()})
        purged = {key: Head(seq, digest_) for key, (seq, digest_) in (anchor.purged or {}).items()}
        new_hash = anchor_hash(prev_hash, digest, purged, anchor.created_at)
        connection.execute(update(table).where(table.c.id == anchor.id).values(
            heads=heads, heads_digest=digest, prev_hash=prev_hash, hash=new_hash))
        prev_hash, count = new_hash, count + 1
    return count


def is_compacted(anchor: AuditAnchor) -> bool:
    return not anchor.heads and anchor.chain_count > 0


def compact_anchors(session: Session, keep: int) -> int:
    """Clear the heads of every anchor older than the newest `keep`; purge records stay. Returns how many
    anchors are now compacted."""
    if keep < 1:
        raise ValidationError("at least the newest anchor must keep its heads")
    kept = session.scalars(select(AuditAnchor.id).order_by(AuditAnchor.id.desc()).limit(keep)).all()
    if len(kept) < keep:
        return 0
    return session.execute(update(AuditAnchor).where(AuditAnchor.id < min(kept))
                           .values(heads={})).rowcount
