"""ProfRoute's workflow engine: SpiffWorkflow behind a small, durable, transactional facade."""
import engine.library_fixes  # noqa: F401  (corrects SpiffWorkflow 3.2.0 bugs before anything runs)
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

__all__ = [
    "AuditEventInfo", "CommentInfo", "Conflict", "DefinitionInfo", "DeployError", "DeployResult", "DueWork", "Engine",
    "EngineError", "ExecutedPath", "IncidentInfo", "InstanceInfo", "InvalidState", "ManualClock", "NotFound",
    "SandboxError", "StepResult", "SystemClock", "TaskInfo", "ValidationError",
]
