"""`profroute`: the console script. Every room's commands under one group, with the deployment's wiring as
the click context object; `init` runs every room's migrations."""
from __future__ import annotations

import sys

import click

from engine.audit.cli import audit
from engine.cli import COMMANDS as ENGINE_COMMANDS
from engine.cli import database_url
from engine.errors import EngineError
from engine.wiring import Wiring
from profroute.wiring import WIRING
from simulation.cli import simulate
from web.cli import create_user_command, demo, serve


class ProfrouteGroup(click.Group):
    """Turns engine errors into one clear line and a non-zero exit code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except EngineError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=ProfrouteGroup)
@click.pass_context
def main(ctx: click.Context) -> None:
    """ProfRoute: youth career-guidance and employer-routing workflows.

    The database comes from PROFROUTE_DATABASE_URL (default: a SQLite file in ./instance/)."""
    if ctx.obj is None:
        ctx.obj = WIRING


@main.command()
@click.pass_obj
def init(wiring: Wiring) -> None:
    """Create or upgrade every table (all rooms' migrations)."""
    done = wiring.upgrade(database_url())
    click.echo(f"database ready ({', '.join(done)}): {database_url()}")


for _command in (*ENGINE_COMMANDS, audit, serve, demo, create_user_command, simulate):
    main.add_command(_command)
