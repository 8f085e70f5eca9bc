"""Files attached to tasks: checked for size and type, stored on disk, described by a table row."""
from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from web.models import Attachment

#: extension -> the content type the file is served with (whatever the browser claimed on upload)
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: the first bytes a file of that extension must start with (formats without a signature are absent)
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
MAX_FILE_NAME = 200


class AttachmentError(ValueError):
    """The upload is refused; `reason` is one of: missing, type, size, content."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class AttachmentStore:
    directory: Path
    max_bytes: int

    def save(self, session: Session, upload: FileStorage | None, *, task_id: str, instance_id: str,
             uploaded_by: str) -> Attachment:
        """Writes the file, then adds the metadata row to the session (the caller commits)."""
        if upload is None or not upload.filename:
            raise AttachmentError("missing")
        file_name = PurePath(upload.filename.replace("\\", "/")).name[-MAX_FILE_NAME:]
        extension = PurePath(file_name).suffix.lower()
        if extension not in ALLOWED_TYPES:
            raise AttachmentError("type")
        content = upload.stream.read(self.max_bytes + 1)
        if len(content) > self.max_bytes:
            raise AttachmentError("size")
        if not content or not content.startswith(SIGNATURES.get(extension, (b"",))):
            raise AttachmentError("content")
        digest = hashlib.sha256(content).hexdigest()
        storage_key = f"{digest[:2]}/{uuid.uuid4().hex}"
        target = self.directory / storage_key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        attachment = Attachment(
            task_id=task_id,
            instance_id=instance_id,
            file_name=file_name,
            content_type=ALLOWED_TYPES[extension],
            size=len(content),
            sha256=digest,
            storage_key=storage_key,
            uploaded_by=uploaded_by,
        )
        session.add(attachment)
        return attachment

    def path_of(self, attachment: Attachment) -> Path:
        return self.directory / attachment.storage_key


def attachments_of_task(session: Session, task_id: str) -> list[Attachment]:
    query = select(Attachment).where(Attachment.task_id == task_id).order_by(Attachment.uploaded_at)
    return list(session.scalars(query))
