"""ProfRoute's workflow engine: SpiffWorkflow behind a small, durable, transactional facade."""
import engine.library_fixes  # noqa: F401  (corrects SpiffWorkflow 3.2.0 bugs before anything runs)
from engine.analytics_reads import TaskWait
from engine.audit.diff import DataChange, data_changes
from engine.audit.replay import ReplayReport
from engine.audit.search import AuditFilters
from engine.audit.timetravel import HistoricState
from engine.audit.verify import VerifyReport
from engine.clock import ManualClock, SystemClock
from engine.errors import (
    Conflict,
    DeployError,
    EngineError,
    InvalidState,
    NotFound,
    SandboxError,
    ValidationError,
)
from engine.facade import Engine
from engine.history import data_after
from engine.model import (
    AuditEventInfo,
    CommentInfo,
    DefinitionInfo,
    DeployResult,
    DueWork,
    ExecutedPath,
    IncidentInfo,
    InstanceInfo,
    StepResult,
    TaskInfo,
)
from engine.parsing.definition_index import DefinitionIndex

__all__ = [
    "AuditEventInfo", "AuditFilters", "CommentInfo", "Conflict", "DataChange", "DefinitionIndex", "DefinitionInfo",
    "DeployError", "DeployResult", "DueWork", "Engine", "EngineError", "ExecutedPath", "HistoricState",
    "IncidentInfo", "InstanceInfo", "InvalidState", "ManualClock", "NotFound", "ReplayReport", "SandboxError",
    "StepResult", "SystemClock", "TaskInfo", "TaskWait", "ValidationError", "VerifyReport", "data_after",
    "data_changes",
]
