"""`profroute`: the console script. Every room's commands under one group, with the deployment's wiring as
the click context object; `init` runs every room's migrations."""
from __future__ import annotations

import sys

import click
from sqlalchemy.exc import SQLAlchemyError

from engine.audit_cli import audit
from engine.cli import COMMANDS as ENGINE_COMMANDS
from engine.cli import database_url
from engine.errors import EngineError
from engine.wiring import Wiring
from profroute import database_errors
from profroute.people import CommandRefused, check_actor
from profroute.route_commands import COMMANDS as ROUTE_COMMANDS
from profroute.wiring import WIRING
from simulation.cli import simulate
from simulation.living import LIFE_STARTS, bring_to_life
from web.analytics_cli import analytics
from web.cli import DemoLife, create_user_command, demo_command, serve


class ProfrouteGroup(click.Group):
    """Turns engine errors, refusals and a database the command cannot use into one line and exit code 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (EngineError, CommandRefused) as exc:
            message = exc.format_message() if isinstance(exc, CommandRefused) else str(exc)
        except SQLAlchemyError as exc:
            message = database_errors.describe(exc, database_url())
        click.echo(f"error: {message}", err=True)
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


def _living_demo(database_url: str, wiring: Wiring, seed: int, desks: list[tuple[str, str]]) -> str:
    return bring_to_life(database_url, wiring, seed, desks).describe()


for _command in (*ENGINE_COMMANDS, *ROUTE_COMMANDS, audit, serve, demo_command(DemoLife(LIFE_STARTS, _living_demo)),
                 create_user_command, simulate, analytics):
    check_actor(_command)
    main.add_command(_command)
