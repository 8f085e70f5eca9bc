"""The code a diagram carries compiles in the sandbox, and literal timer texts are ISO 8601.

Scripts, pre- and post-scripts, conditions, loop expressions, message payloads, service parameters, timer
texts and DMN cells are compiled (never run) with ``engine.sandbox``.
"""
from __future__ import annotations

import ast
import re
from datetime import datetime

from lxml import etree

from engine.errors import SandboxError
from engine.parsing.documents import Document, element_error
from engine.parsing.elements import BPMN_NS, SPIFF_NS, local
from engine.sandbox import check_expression, check_script

_EXPRESSION_TAGS = frozenset({
    "conditionExpression", "loopCardinality", "completionCondition", "loopCondition",
})
_TIMER_TAGS = ("timeDate", "timeDuration", "timeCycle")
ISO_DURATION = re.compile(
    r"P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?", re.IGNORECASE)


def check_process_code(doc: Document, process: etree._Element) -> None:
    for element in process.iter():
        kind = local(element)
        text = (element.text or "").strip() if isinstance(element.tag, str) else ""
        namespace = etree.QName(element).namespace if isinstance(element.tag, str) else None
        if kind == "script" and namespace == BPMN_NS or kind in ("preScript", "postScript"):
            _check_code(doc, element, text, check_script, "script")
        elif kind in _EXPRESSION_TAGS or kind == "messagePayload":
            _check_code(doc, element, text, check_expression, kind)
        elif kind == "parameter" and namespace == SPIFF_NS:
            _check_code(doc, element, element.get("value", ""), check_expression, "service parameter")
        elif kind in _TIMER_TAGS:
            if not text:
                raise element_error(doc, element, f"empty {kind} timer expression")
            _check_code(doc, element, text, check_expression, f"{kind} timer expression")
            _check_timer_literal(doc, element, kind, text)


def _check_code(doc: Document, element: etree._Element, text: str, check, what: str) -> None:
    if not text.strip():
        return
    try:
        check(text)
    except SandboxError as err:
        raise element_error(doc, element, f"{what} does not compile in the sandbox: {err}") from err


def _check_timer_literal(doc: Document, element: etree._Element, kind: str, text: str) -> None:
    problem = timer_literal_problem(kind, text)
    if problem:
        raise element_error(doc, element, problem)


def timer_literal_problem(kind: str, text: str) -> str | None:
    """What is wrong with a timer text that is a literal (``kind``: timeDate, timeDuration or timeCycle);
    None when it is fine or computed at run time (a variable or an expression)."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None
    return _timer_literal_problem(kind, value) if isinstance(value, str) else (
        f"{kind} must evaluate to a text, not {type(value).__name__}")


def _timer_literal_problem(kind: str, value: str) -> str | None:
    if kind == "timeDate":
        return _zoned_datetime_problem(value)
    if kind == "timeDuration":
        return None if ISO_DURATION.fullmatch(value) else f"{value!r} is not an ISO 8601 duration"
    parts = value.split("/")
    if not re.fullmatch(r"R\d*", parts[0]) or len(parts) not in (2, 3):
        return (f"{value!r} is not an ISO 8601 repeating interval "
                "such as R/P6W or R3/2026-09-01T09:00+03:00/P1W")
    for part in parts[1:]:
        if not ISO_DURATION.fullmatch(part) and _zoned_datetime_problem(part):
            return f"{part!r} in {value!r} is neither a duration nor a date-time with a zone"
    return None


def _zoned_datetime_problem(value: str) -> str | None:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return f"{value!r} is not an ISO 8601 date-time"
    if moment.tzinfo is None:
        return f"{value!r} has no time zone; write an offset such as +03:00"
    return None


def check_dmn_code(doc: Document) -> None:
    for element in doc.root.iter():
        kind = local(element)
        if kind != "text" or element.getparent() is None:
            continue
        text = (element.text or "").strip()
        parent = local(element.getparent())
        if parent in ("inputExpression", "outputEntry"):
            _check_code(doc, element, text, check_expression, f"DMN {parent}")
        elif parent == "inputEntry" and text not in ("", "-"):
            _check_code(doc, element, _dmn_cell_expression(text), check_expression, "DMN inputEntry")


def _dmn_cell_expression(cell: str) -> str:
    """The expression SpiffWorkflow's DMN engine will evaluate for a cell, with a stand-in input."""
    if "?" in cell:
        return cell.replace("?", "dmninput")
    try:
        ast.parse(cell, mode="eval")
    except SyntaxError:
        return f"dmninput {cell}"
    return f"(dmninput) == ({cell})"
