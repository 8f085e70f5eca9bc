"""A database the command line cannot use, said in one line with what to do about it."""
from __future__ import annotations

import re

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

_MISSING_TABLE = re.compile(r"no such table|relation \"[^\"]+\" does not exist|UndefinedTable", re.IGNORECASE)
_MISSING_DATABASE = re.compile(r"database \"([^\"]+)\" does not exist", re.IGNORECASE)


def shown_url(url: str) -> str:
    """The URL without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def describe(error: SQLAlchemyError, url: str) -> str:
    if isinstance(error, (ArgumentError, NoSuchModuleError)):
        return f"PROFROUTE_DATABASE_URL is not a database URL: {url!r} (e.g. sqlite:///instance/profroute.sqlite " \
               "or postgresql+psycopg://user@host/profroute)"
    text = str(error.orig) if isinstance(error, DBAPIError) and error.orig is not None else str(error)
    if _MISSING_TABLE.search(text):
        return f"the database {shown_url(url)} has no ProfRoute tables yet: run \"profroute init\""
    missing = _MISSING_DATABASE.search(text)
    if missing:
        return f"database \"{missing.group(1)}\" does not exist on {shown_url(url)}: create it, then run " \
               "\"profroute init\""
    first_line = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return f"cannot use the database {shown_url(url)}: {first_line}"
