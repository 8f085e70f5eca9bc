"""The engine's tables: definitions, instances, projections, outbox and the audit log."""
from engine.store.models import (
    AuditAnchor,
    AuditEvent,
    Base,
    DefinitionBlob,
    DefinitionFile,
    HumanTask,
    Incident,
    Message,
    MessageSubscription,
    Outbox,
    ProcessDefinition,
    ProcessInstance,
    TaskComment,
    Timer,
)

__all__ = [
    "AuditAnchor", "AuditEvent", "Base", "DefinitionBlob", "DefinitionFile", "HumanTask", "Incident",
    "Message", "MessageSubscription", "Outbox", "ProcessDefinition", "ProcessInstance", "TaskComment", "Timer",
]
