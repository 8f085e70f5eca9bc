"""The web room's tables."""
from web.models.analyst import DeployProposal, DeployStep, DiagramDraft
from web.models.analytics import Job, ScenarioRecord
from web.models.base import Base
from web.models.token import ApiToken
from web.models.user import REGION_WIDE_ROLES, WORKER_ROLES, OrgKind, Role, User, UserGroup
from web.models.work import Attachment, Delegation, SavedFilter, TaskDraft

__all__ = [
    "REGION_WIDE_ROLES",
    "WORKER_ROLES",
    "ApiToken",
    "Attachment",
    "Base",
    "Delegation",
    "DeployProposal",
    "DeployStep",
    "DiagramDraft",
    "Job",
    "OrgKind",
    "Role",
    "ScenarioRecord",
    "SavedFilter",
    "TaskDraft",
    "User",
    "UserGroup",
]
