"""Who acts on the command line: a login of the web's user table, seen with the same scope as in the web."""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from sqlalchemy import create_engine, inspect, select
from sqlalchemy.orm import Session

from engine.cli import database_url
from web.access import Scope
from web.models import User


class CommandRefused(click.ClickException):
    """What the person asked for is refused; one line, exit code 2."""

    exit_code = 2


@contextmanager
def registry_session() -> Iterator[Session]:
    """A session on the registries and the web's tables of PROFROUTE_DATABASE_URL."""
    database = create_engine(database_url())
    try:
        with Session(database) as session:
            yield session
    finally:
        database.dispose()


def known_user(session: Session, login: str) -> User:
    user = session.scalar(select(User).where(User.login == login))
    if user is None:
        raise CommandRefused(f"--actor {login!r} is not a user (add one with \"profroute create-user\")")
    if not user.active:
        raise CommandRefused(f"--actor {login!r} is blocked")
    return user


def scope_of(session: Session, login: str) -> Scope:
    return Scope.of(known_user(session, login))


def check_actor(command: click.Command) -> None:
    """Makes the command refuse an `--actor` that is not a known, unblocked user once the web's user table
    exists (subcommands of a group too); an engine-only database has no people to check against."""
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            check_actor(subcommand)
        return
    if "actor" not in {parameter.name for parameter in command.params} or command.callback is None:
        return
    command.callback = _checking(command.callback)


def _checking(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("actor"):
            with registry_session() as session:
                if inspect(session.connection()).has_table(User.__tablename__):
                    known_user(session, kwargs["actor"])
        return callback(*args, **kwargs)

    return checked
