"""Event logs for process-mining tools: XES (IEEE 1849-2016) and CSV, one trace per instance.

Each element an instance completed (as listed by its `step` events; gateways left out) becomes one event
named after the element, stamped with the step's time; the activity-like event of that element in the
same step (a completed form, a service call, a decision, a timer, a message) gives its kind, and a
completed form gives the person as the resource."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.parsing.definition_index import DefinitionIndex, definition_index
from engine.specs import definition_files
from engine.store.models import AuditEvent, ProcessInstance

ACTIVITY_KINDS = ("task_completed", "service_called", "decision_evaluated", "timer_fired", "message_received")
SYSTEM = "system"
CSV_COLUMNS = ("case_id", "business_key", "process_key", "seq", "activity", "element_id", "timestamp",
               "resource", "lifecycle", "kind")
XES_EXTENSIONS = (("Concept", "concept", "http://www.xes-standard.org/concept.xesext"),
                  ("Time", "time", "http://www.xes-standard.org/time.xesext"),
                  ("Organizational", "org", "http://www.xes-standard.org/org.xesext"),
                  ("Lifecycle", "lifecycle", "http://www.xes-standard.org/lifecycle.xesext"))


@dataclass(frozen=True)
class ExportEvent:
    seq: int
    activity: str
    element_id: str
    timestamp: datetime
    resource: str
    lifecycle: str
    kind: str


@dataclass(frozen=True)
class ExportTrace:
    instance_id: str
    business_key: str | None
    process_key: str
    events: list[ExportEvent]


@dataclass
class ExportCounts:
    traces: int = 0
    events: int = 0


def collect_traces(session: Session, *, process_key: str | None = None, since: datetime | None = None,
                   until: datetime | None = None, definition_id: str | None = None,
                   statuses: tuple[str, ...] | None = None, where: Sequence[Any] = ()) -> Iterator[ExportTrace]:
    """Traces of the instances (of one process, definition version or status, if given, and matching the
    `where` conditions on ProcessInstance) with events in [since, until)."""
    query = (select(AuditEvent.instance_id, AuditEvent.seq, AuditEvent.kind, AuditEvent.at, AuditEvent.actor,
                    AuditEvent.element_id, AuditEvent.payload, ProcessInstance.definition_id,
                    ProcessInstance.business_key, ProcessInstance.process_key)
             .join(ProcessInstance, ProcessInstance.id == AuditEvent.instance_id)
             .where(AuditEvent.kind.in_(("step", *ACTIVITY_KINDS)), *where)
             .order_by(AuditEvent.instance_id, AuditEvent.seq))
    if process_key is not None:
        query = query.where(ProcessInstance.process_key == process_key)
    if statuses is not None:
        query = query.where(ProcessInstance.status.in_(statuses))
    if definition_id is not None:
        query = query.where(ProcessInstance.definition_id == definition_id)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    indexes: dict[str, DefinitionIndex] = {}
    current: list[Any] = []
    for row in session.execute(query.execution_options(yield_per=2000)):
        if current and row.instance_id != current[0].instance_id:
            yield _trace(current, _index(session, indexes, current[0].definition_id))
            current = []
        current.append(row)
    if current:
        yield _trace(current, _index(session, indexes, current[0].definition_id))


def _index(session: Session, cache: dict[str, DefinitionIndex], definition_id: str) -> DefinitionIndex:
    if definition_id not in cache:
        cache[definition_id] = definition_index(definition_files(session, definition_id))
    return cache[definition_id]


def _trace(rows: list[Any], index: DefinitionIndex) -> ExportTrace:
    events: list[ExportEvent] = []
    pending: dict[str, list[Any]] = {}
    for row in rows:
        if row.kind != "step":
            pending.setdefault(row.element_id or "", []).append(row)
            continue
        for element_id in (row.payload or {}).get("completed") or ():
            if index.is_gateway(element_id):
                continue
            activity = pending.get(element_id, [])
            source = activity.pop(0) if activity else None
            resource = source.actor if source is not None and source.kind == "task_completed" else None
            events.append(ExportEvent(seq=row.seq, activity=index.name(element_id), element_id=element_id,
                                      timestamp=row.at, resource=resource or SYSTEM, lifecycle="complete",
                                      kind=source.kind if source is not None else "element_completed"))
        pending.clear()
    first = rows[0]
    return ExportTrace(first.instance_id, first.business_key, first.process_key, events)


def write_csv(traces: Iterable[ExportTrace], out: IO[str]) -> ExportCounts:
    counts = ExportCounts()
    for chunk in csv_chunks(traces, counts):
        out.write(chunk)
    return counts


def csv_chunks(traces: Iterable[ExportTrace], counts: ExportCounts | None = None) -> Iterator[str]:
    """The CSV document piece by piece (the header, then one piece per trace); `counts` is filled as it goes."""
    counts = counts if counts is not None else ExportCounts()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for trace in traces:
        if not trace.events:
            continue
        counts.traces += 1
        for event in trace.events:
            counts.events += 1
            writer.writerow((trace.instance_id, trace.business_key or "", trace.process_key, event.seq,
                             event.activity, event.element_id, _timestamp(event.timestamp), event.resource,
                             event.lifecycle, event.kind))
        yield _drain(buffer)
    yield _drain(buffer)


def write_xes(traces: Iterable[ExportTrace], out: IO[bytes], log_name: str = "ProfRoute") -> ExportCounts:
    """Stream an XES document; memory stays flat however many traces there are."""
    counts = ExportCounts()
    for chunk in xes_chunks(traces, counts, log_name):
        out.write(chunk)
    return counts


def xes_chunks(traces: Iterable[ExportTrace], counts: ExportCounts | None = None,
               log_name: str = "ProfRoute") -> Iterator[bytes]:
    """The XES document piece by piece (the log's head, then one piece per trace, then its end)."""
    counts = counts if counts is not None else ExportCounts()
    buffer = io.BytesIO()
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("log", {"xes.version": "1849-2016", "xes.features": "nested-attributes"}):
            for name, prefix, uri in XES_EXTENSIONS:
                xf.write(etree.Element("extension", name=name, prefix=prefix, uri=uri))
            xf.write(_global("trace", [("string", "concept:name", "UNKNOWN")]))
            xf.write(_global("event", [("string", "concept:name", "UNKNOWN"),
                                       ("date", "time:timestamp", "1970-01-01T00:00:00.000+00:00"),
                                       ("string", "lifecycle:transition", "complete")]))
            xf.write(etree.Element("classifier", name="Activity", keys="concept:name"))
            xf.write(_attribute("string", "concept:name", log_name))
            for trace in traces:
                if not trace.events:
                    continue
                counts.traces += 1
                counts.events += len(trace.events)
                xf.write(_trace_element(trace))
                xf.flush()
                yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: Any) -> Any:
    """What the buffer holds, emptying it."""
    value = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return value


def _global(scope: str, attributes: list[tuple[str, str, str]]) -> etree._Element:
    element = etree.Element("global", scope=scope)
    for kind, key, value in attributes:
        element.append(_attribute(kind, key, value))
    return element


def _attribute(kind: str, key: str, value: str) -> etree._Element:
    return etree.Element(kind, key=key, value=value)


def _trace_element(trace: ExportTrace) -> etree._Element:
    element = etree.Element("trace")
    element.append(_attribute("string", "concept:name", trace.instance_id))
    element.append(_attribute("string", "profroute:process_key", trace.process_key))
    if trace.business_key:
        element.append(_attribute("string", "profroute:business_key", trace.business_key))
    for event in trace.events:
        node = etree.SubElement(element, "event")
        node.append(_attribute("string", "concept:name", event.activity))
        node.append(_attribute("date", "time:timestamp", _timestamp(event.timestamp)))
        node.append(_attribute("string", "org:resource", event.resource))
        node.append(_attribute("string", "lifecycle:transition", event.lifecycle))
        node.append(_attribute("string", "profroute:element_id", event.element_id))
        node.append(_attribute("string", "profroute:kind", event.kind))
        node.append(_attribute("int", "profroute:seq", str(event.seq)))
    return element


def _timestamp(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")
