"""Drafts and deploys with a second person's approval: an analyst keeps a draft per process, proposes it
with a comment; another analyst or an admin approves (the engine deploys, a new version only when the
bundle changed) or rejects it. Every step is recorded with its actor, time and content hash."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine import Engine
from web.analyst import sources
from web.analyst.checks import Problem, check_bundle
from web.models import DeployProposal, DeployStep, DiagramDraft, User


class ProposalError(Exception):
    """A proposal or decision refused, with the reason in the reader's language and the problems found."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


def draft_of(session: Session, user: User, process_key: str) -> DiagramDraft | None:
    return session.scalar(select(DiagramDraft).where(DiagramDraft.user_id == user.id,
                                                     DiagramDraft.process_key == process_key))


def save_draft(session: Session, engine: Engine, user: User, process_key: str, content: str) -> list[Problem]:
    """Keep the draft (even with problems: a reload loses nothing) and return what the checks find."""
    definition = sources.latest(engine, process_key)
    filename, _deployed = sources.diagram_file(engine, definition)
    data = content.encode("utf-8")
    draft = draft_of(session, user, process_key) or DiagramDraft(user_id=user.id, process_key=process_key)
    draft.filename, draft.content, draft.content_hash = filename, content, sources.content_hash(data)
    draft.updated_at = engine.clock.now()
    session.add(draft)
    session.commit()
    return check_bundle(sources.bundle_with(engine, definition, filename, data), sources.known(engine))


def propose(session: Session, engine: Engine, user: User, process_key: str, comment: str) -> DeployProposal:
    draft = draft_of(session, user, process_key)
    if draft is None:
        raise ProposalError(_("Черновика нет: сначала сохраните изменения."))
    definition = sources.latest(engine, process_key)
    filename, deployed = sources.diagram_file(engine, definition)
    data = draft.content.encode("utf-8")
    if sources.content_hash(data) == sources.content_hash(deployed):
        raise ProposalError(_("Черновик не отличается от развёрнутой версии."))
    problems = check_bundle(sources.bundle_with(engine, definition, filename, data), sources.known(engine))
    if problems:
        raise ProposalError(_("Черновик не прошёл проверку."), problems)
    proposal = DeployProposal(process_key=process_key, base_definition_id=definition.id, filename=filename,
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
    definition = sources.latest(engine, proposal.process_key)
    files = sources.bundle_with(engine, definition, proposal.filename, proposal.content.encode("utf-8"))
    problems = check_bundle(files, sources.known(engine))
    if problems:
        raise ProposalError(_("Предложение не прошло проверку сервера."), problems)
    _record(session, engine, proposal, "approved", user, comment)
    result = engine.deploy_files(files, actor=user.login)
    created = [info for info in result.created if info.key == proposal.process_key]
    proposal.status = "deployed" if created else "unchanged"
    proposal.deployed_definition_id = created[0].id if created else definition.id
    _record(session, engine, proposal, proposal.status, user, "",
            created[0].content_hash if created else definition.content_hash)
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
    if sources.latest(engine, proposal.process_key).id != proposal.base_definition_id:
        raise ProposalError(_("С момента предложения процесс развернули заново: подготовьте предложение снова."))


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
