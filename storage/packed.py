"""Compact column types: what is stored is the same value in fewer bytes (the audit log uses both).

`Digest` keeps a SHA-256 as its 32 bytes and gives the 64-character hex text back, so the hash chain's
definition and every reader stay as they are. `PackedJSON` keeps a JSON value as its compact UTF-8 text,
or, when that is long, as a marker byte and the text deflated: the value read back is the value written,
which is what the hash chain covers."""
from __future__ import annotations

import json
import zlib
from typing import Any

from sqlalchemy import LargeBinary
from sqlalchemy.types import TypeDecorator

DEFLATED = b"\x00"
"""Leads a deflated text; a JSON text never starts with a NUL byte."""
DEFLATE_ABOVE = 100
"""Shorter texts are kept as they are: deflate seldom makes them smaller."""


def pack_json(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(text) <= DEFLATE_ABOVE:
        return text
    deflater = zlib.compressobj(6, zlib.DEFLATED, -15)
    packed = DEFLATED + deflater.compress(text) + deflater.flush()
    return packed if len(packed) < len(text) else text


def unpack_json(stored: bytes | None) -> Any:
    if stored is None:
        return None
    stored = bytes(stored)
    if stored[:1] == DEFLATED:
        stored = zlib.decompress(stored[1:], -15)
    return json.loads(stored)


class PackedJSON(TypeDecorator):
    """A JSON value stored as compact UTF-8, deflated when long (see the module docstring)."""

    impl = LargeBinary
    cache_ok = True
    should_evaluate_none = True  # None is the JSON null, stored like any other value

    def process_bind_param(self, value: Any, dialect) -> bytes:
        return pack_json(value)

    def process_result_value(self, value: bytes | None, dialect) -> Any:
        return unpack_json(value)


class Digest(TypeDecorator):
    """A SHA-256 digest: 32 bytes stored, 64 lowercase hex characters in and out."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect) -> bytes | None:
        return None if value is None else bytes.fromhex(value)

    def process_result_value(self, value: bytes | None, dialect) -> str | None:
        return None if value is None else bytes(value).hex()
