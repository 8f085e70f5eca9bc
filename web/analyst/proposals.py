"""Drafts and deploys with a second person's approval: an analyst keeps a draft per document (a process's
diagram, a decision table, a form: web/analyst/documents.py), proposes it with a comment; another analyst
or an admin approves (the document is deployed, a process version only when the bundle changed) or rejects
it. Every step is recorded with its actor, time and content hash."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import Engine
from web.analyst import sources
from web.analyst.checks import Problem
from web.analyst.documents import KINDS, Base, DeployFailed
from web.models import DeployProposal, DeployStep, DiagramDraft, User


class ProposalError(Exception):
    """A proposal or decision refused, with the reason in the reader's language and the problems found."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def draft_of(session: Session, user: User, kind: str, key: str) -> DiagramDraft | None:
    return session.scalar(select(DiagramDraft).where(DiagramDraft.user_id == user.id, DiagramDraft.kind == kind,
                                                     DiagramDraft.process_key == key))


def save_draft(session: Session, engine: Engine, user: User, kind: str, key: str, content: str) -> list[Problem]:
    """Keep the draft (even with problems: a reload loses nothing) and return what the checks find."""
    base = KINDS[kind].base(engine, key)
    data = content.encode("utf-8")
    draft = draft_of(session, user, kind, key) or DiagramDraft(user_id=user.id, kind=kind, process_key=key)
    draft.filename, draft.content, draft.content_hash = base.filename, content, sources.content_hash(data)
    draft.updated_at = engine.clock.now()
    session.add(draft)
    session.commit()
    return KINDS[kind].check(engine, key, data)


def propose(session: Session, engine: Engine, user: User, kind: str, key: str, comment: str) -> DeployProposal:
    draft = draft_of(session, user, kind, key)
    if draft is None:
        raise ProposalError(_("Черновика нет: сначала сохраните изменения."))
    base = KINDS[kind].base(engine, key)
    data = draft.content.encode("utf-8")
    if sources.content_hash(data) == sources.content_hash(base.content):
        raise ProposalError(_("Черновик не отличается от развёрнутой версии."))
    problems = KINDS[kind].check(engine, key, data)
    if problems:
        raise ProposalError(_("Черновик не прошёл проверку."), problems)
    proposal = DeployProposal(kind=kind, process_key=key, base_definition_id=base.definition_id,
                              base_hash=sources.content_hash(base.content), filename=base.filename,
                              content=draft.content, content_hash=draft.content_hash, proposed_by=user.login,
                              status="proposed")
    session.add(proposal)
    session.flush()
    _record(session, engine, proposal, "proposed", user, comment)
    session.delete(draft)
    session.commit()
    return proposal


def approve(session: Session, engine: Engine, user: User, proposal: DeployProposal, comment: str) -> None:
    _require_decidable(engine, user, proposal)
    if not comment.strip():
        raise ProposalError(_("Напишите в комментарии, что проверено."))
    kind, data = KINDS[proposal.kind], proposal.content.encode("utf-8")
    problems = kind.check(engine, proposal.process_key, data)
    if problems:
        raise ProposalError(_("Предложение не прошло проверку сервера."), problems)
    _record(session, engine, proposal, "approved", user, comment)
    try:
        outcome = kind.deploy(engine, proposal.process_key, data, user.login)
    except DeployFailed as err:
        raise ProposalError(str(err)) from err
    proposal.status, proposal.deployed_definition_id = outcome.status, outcome.definition_id
    _record(session, engine, proposal, outcome.status, user, "", outcome.content_hash)
    session.commit()


def reject(session: Session, engine: Engine, user: User, proposal: DeployProposal, comment: str) -> None:
    _require_decidable(engine, user, proposal)
    if not comment.strip():
        raise ProposalError(_("Объясните в комментарии, почему предложение отклонено."))
    proposal.status = "rejected"
    _record(session, engine, proposal, "rejected", user, comment)
    session.commit()


def _require_decidable(engine: Engine, user: User, proposal: DeployProposal) -> None:
    if proposal.status != "proposed":
        raise ProposalError(_("По этому предложению уже принято решение."))
    if proposal.proposed_by == user.login:
        raise ProposalError(_("Своё предложение утверждает другой аналитик или администратор."))
    if _moved_on(KINDS[proposal.kind].base(engine, proposal.process_key), proposal):
        raise ProposalError(_("С момента предложения развернули другую версию: подготовьте предложение снова."))


def _moved_on(base: Base, proposal: DeployProposal) -> bool:
    """Whether something else was deployed since the proposal was made (its base is no longer current)."""
    if proposal.base_definition_id is not None and base.definition_id != proposal.base_definition_id:
        return True
    return proposal.base_hash is not None and sources.content_hash(base.content) != proposal.base_hash


def _record(session: Session, engine: Engine, proposal: DeployProposal, kind: str, user: User, comment: str,
            content_hash: str | None = None) -> None:
    session.add(DeployStep(proposal_id=proposal.id, kind=kind, actor=user.login, at=engine.clock.now(),
                           content_hash=content_hash or proposal.content_hash, comment=comment.strip()[:2000]))


def proposals(session: Session, limit: int = 100) -> list[tuple[DeployProposal, list[DeployStep]]]:
    rows = session.scalars(select(DeployProposal).order_by(DeployProposal.id.desc()).limit(limit)).all()
    steps: dict[int, list[DeployStep]] = {row.id: [] for row in rows}
    for step in session.scalars(select(DeployStep).where(DeployStep.proposal_id.in_(list(steps)))
                                .order_by(DeployStep.at, DeployStep.id)):
        steps[step.proposal_id].append(step)
    return [(row, steps[row.id]) for row in rows]


def deploys(session: Session, kind: str) -> dict[str, list[DeployStep]]:
    """key -> the deployed steps of the documents of a kind, oldest first (a form's versions: forms have no
    versions in the engine)."""
    found: dict[str, list[DeployStep]] = {}
    for key, step in session.execute(select(DeployProposal.process_key, DeployStep)
                                     .join(DeployStep, DeployStep.proposal_id == DeployProposal.id)
                                     .where(DeployProposal.kind == kind, DeployStep.kind == "deployed")
                                     .order_by(DeployStep.at, DeployStep.id)):
        found.setdefault(key, []).append(step)
    return found
