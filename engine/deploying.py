"""Deployment: read a bundle of BPMN/DMN files, validate it as a whole, store new versions.

A definition is one executable process; its version changes only when the content hash of the files it
depends on changes, so an identical redeploy stores nothing."""
from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.errors import DeployError
from engine.model import DefinitionInfo, DeployResult
from engine.specs import ParsedProcess, parse_processes
from engine.store.models import DefinitionBlob, DefinitionFile, ProcessDefinition

SUFFIXES = (".bpmn", ".dmn", ".bpmn20.xml")
MAX_FILE_BYTES = 5 * 1024 * 1024
PARSED_BUNDLES = 4
_PARSED: dict[tuple[str, frozenset[str]], dict[str, ParsedProcess]] = {}
_PARSED_LOCK = threading.Lock()


def read_bundle(paths: Iterable[str | Path] | str | Path) -> list[tuple[str, bytes]]:
    """Files named directly, plus every .bpmn/.dmn inside named folders (recursively)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    found: dict[str, bytes] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            members = sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
        elif path.is_file():
            members = [path]
        else:
            raise DeployError("no such file or folder", file=str(path))
        for member in members:
            if member.stat().st_size > MAX_FILE_BYTES:
                raise DeployError(f"file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB", file=member.name)
            if member.name in found:
                raise DeployError("two files of the bundle have the same name", file=member.name)
            found[member.name] = member.read_bytes()
    if not found:
        raise DeployError("nothing to deploy: no .bpmn or .dmn files were given")
    return sorted(found.items())


def parsed_bundle(files: list[tuple[str, bytes]], known_operations: set[str]) -> dict[str, ParsedProcess]:
    """The bundle parsed and validated, remembered for the last few bundles by their bytes: a process that
    deploys the same files again and again (the simulation opens an engine per run) parses them once. Parsed
    processes are read-only, as engines already share them between their instances."""
    digest = hashlib.sha256()
    for name, content in files:
        digest.update(hashlib.sha256(name.encode() + b"\0" + content).digest())
    key = (digest.hexdigest(), frozenset(known_operations))
    with _PARSED_LOCK:
        found = _PARSED.get(key)
    if found is None:
        found = parse_processes(files, known_operations=known_operations)
        with _PARSED_LOCK:
            _PARSED[key] = found
            while len(_PARSED) > PARSED_BUNDLES:
                _PARSED.pop(next(iter(_PARSED)))
    return found


def store(session: Session, files: list[tuple[str, bytes]], *, known_operations: set[str], actor: str | None,
          now: datetime) -> tuple[DeployResult, list[ParsedProcess]]:
    parsed = parsed_bundle(files, known_operations)
    contents = dict(files)
    all_infos, created = [], []
    for key in sorted(parsed):
        process = parsed[key]
        latest = session.scalars(select(ProcessDefinition).where(ProcessDefinition.key == key)
                                 .order_by(ProcessDefinition.version.desc()).limit(1)).first()
        if latest is not None and latest.content_hash == process.content_hash:
            all_infos.append(info(latest))
            continue
        definition = ProcessDefinition(
            id=str(uuid.uuid4()), key=key, version=(latest.version + 1) if latest else 1, name=process.name,
            content_hash=process.content_hash, start_messages=list(process.start_messages), deployed_at=now,
            deployed_by=actor)
        session.add(definition)
        for filename in process.files:
            digest = _store_blob(session, contents[filename])
            session.add(DefinitionFile(definition_id=definition.id, filename=filename, sha256=digest))
        session.flush()
        all_infos.append(info(definition))
        created.append(info(definition))
    return DeployResult(definitions=all_infos, created=created), list(parsed.values())


def _store_blob(session: Session, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()
    if session.get(DefinitionBlob, digest) is None:
        session.add(DefinitionBlob(sha256=digest, content=content))
        session.flush()
    return digest


def info(row: ProcessDefinition) -> DefinitionInfo:
    return DefinitionInfo(id=row.id, key=row.key, name=row.name, version=row.version,
                          content_hash=row.content_hash, deployed_at=row.deployed_at, deployed_by=row.deployed_by,
                          start_messages=list(row.start_messages or []))


