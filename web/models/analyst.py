"""What analysts keep beside the engine's definitions: their drafts (of a process's diagram, a decision table's
DMN file or a form's form-js file), and the proposals to deploy one with the record of each step (proposed,
approved and deployed, or rejected).

`kind` says what a draft or proposal holds and `process_key` which one: the process key of a "process", the
DMN file name of a "decision", the form key of a "form" (web/analyst/documents.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from web.models.base import Base, UTCDateTime, utcnow


class DiagramDraft(Base):
    """One analyst's unproposed edit of one document (a process's diagram, a decision table, a form)."""

    __tablename__ = "web_diagram_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="process", server_default="process")
    process_key: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("user_id", "kind", "process_key", name="uq_web_diagram_draft_user_kind_key"),)


class DeployProposal(Base):
    """A document proposed for deployment on top of what is deployed now; another person decides."""

    __tablename__ = "web_deploy_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), default="process", server_default="process")
    process_key: Mapped[str] = mapped_column(String(100))
    base_definition_id: Mapped[str | None] = mapped_column(String(64))
    """the process version the edit started from (processes only)"""
    base_hash: Mapped[str | None] = mapped_column(String(64))
    """the hash of the deployed content the edit started from"""
    filename: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    proposed_by: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))  # proposed, deployed, unchanged, rejected
    deployed_definition_id: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (Index("ix_web_deploy_proposal_status", "status"),)


class DeployStep(Base):
    """One step of a proposal: who did it, when, on which content, and what they said."""

    __tablename__ = "web_deploy_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("web_deploy_proposal.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # proposed, approved, deployed, unchanged, rejected
    actor: Mapped[str] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    content_hash: Mapped[str] = mapped_column(String(64))
    comment: Mapped[str] = mapped_column(String(2000), default="")
