"""A JSON-lines journal under the instance folder in which the local fakes record what they received."""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

INSTANCE_PATH_VARIABLE = "PROFROUTE_INSTANCE_PATH"


def journal_path(system: str) -> Path:
    """`<instance>/adapters/<system>.jsonl`; the instance folder as the web app resolves it."""
    instance = Path(os.environ.get(INSTANCE_PATH_VARIABLE, "instance")).resolve()
    return instance / "adapters" / f"{system}.jsonl"


class Journal:
    """Append-only record of requests; answers a repeated idempotency key with the first answer. The keys are
    read from the file once per process (see `journal_for`), so a long simulation stays linear."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        self._answers: dict[str, dict[str, Any]] | None = None

    def entries(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as lines:
            return [json.loads(line) for line in lines if line.strip()]

    def answer_for(self, key: str) -> dict[str, Any] | None:
        if self._answers is None:
            self._answers = {entry["idempotency_key"]: entry["answer"] for entry in self.entries()}
        return self._answers.get(key)

    def record(self, kind: str, payload: dict[str, Any], key: str, answer: dict[str, Any]) -> None:
        entry = {
            "received_at": datetime.now(UTC).isoformat(),
            "idempotency_key": key,
            "kind": kind,
            "payload": payload,
            "answer": answer,
        }
        with self.lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as out:
                out.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
            if self._answers is not None:
                self._answers[key] = answer


_JOURNALS: dict[Path, Journal] = {}
_JOURNALS_LOCK = threading.Lock()


def journal_for(path: Path) -> Journal:
    """The process-wide journal of a file (the engine builds a new adapter for every outbox row)."""
    with _JOURNALS_LOCK:
        return _JOURNALS.setdefault(path.resolve(), Journal(path.resolve()))
