"""`profroute analytics export`: every table of the dashboard for a period and a college, as one XLSX
workbook (a sheet per table) or, for a path ending in .csv, one CSV per table beside it."""
from __future__ import annotations

from pathlib import Path

import click
from flask_babel import force_locale
from werkzeug.datastructures import MultiDict

from engine.wiring import Wiring
from web.access import Scope
from web.analytics import service
from web.analytics.filters import filters_from
from web.analytics.tables import to_csv, workbook
from web.app import create_app
from web.db import session_factory
from web.engine_access import get_engine

REGION = Scope("cli", "analyst", "region", "region", ())


@click.group("analytics")
def analytics() -> None:
    """The analysts' figures."""


@analytics.command("export")
@click.option("--database", "database_url", default=None, envvar="PROFROUTE_DATABASE_URL",
              help="SQLAlchemy URL (default: SQLite file under ./instance/).")
@click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="analytics.xlsx (one workbook) or analytics.csv (analytics-<table>.csv files beside it).")
@click.option("--since", default="", help="First day of the period, YYYY-MM-DD.")
@click.option("--until", default="", help="Last day of the period, YYYY-MM-DD.")
@click.option("--org", default="", help="Registry id of one college (default: the whole region).")
@click.pass_obj
def export(wiring: Wiring, database_url: str | None, out_path: Path, since: str, until: str, org: str) -> None:
    """Export every analytics table (the region as an analyst sees it)."""
    if out_path.suffix not in (".xlsx", ".csv"):
        raise click.BadParameter("the file must end in .xlsx or .csv", param_hint="--out")
    app = create_app({**({"DATABASE_URL": database_url} if database_url else {}), "WIRING": wiring})
    with app.test_request_context(), session_factory(app)() as session:
        with force_locale("en"):
            filters = filters_from(MultiDict({"since": since, "until": until, "org": org}), REGION, session)
        if filters.errors:
            raise click.ClickException("; ".join(filters.errors))
        engine = get_engine()
        with force_locale("ru"):
            tables = list(service.dashboard(engine, session, filters, engine.clock.now()).tables.values())
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if out_path.suffix == ".xlsx":
        partial = out_path.with_suffix(".part")
        partial.write_bytes(workbook(tables))
        partial.replace(out_path)
        click.echo(f"{len(tables)} tables written to {out_path}", err=True)
        return
    for table in tables:
        (out_path.parent / f"{out_path.stem}-{table.key}.csv").write_bytes(to_csv(table))
    click.echo(f"{len(tables)} tables written beside {out_path}", err=True)
