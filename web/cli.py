"""`profroute serve`, `profroute demo` and `profroute create-user`; the composition root adds them and hands
serve and demo the deployment's wiring as the click context object."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
from flask import Flask

from domain.region import generate
from engine.wiring import Wiring
from web.app import create_app
from web.db import session_factory
from web.demo import create_demo_users, process_files, start_demo_routes
from web.engine_access import get_engine
from web.server import serve_workers
from web.users import NewUser, UserError, create_user

DATABASE_OPTION = click.option(
    "--database", "database_url", default=None, envvar="PROFROUTE_DATABASE_URL",
    help="SQLAlchemy URL (default: SQLite file under ./instance/).",
)

WORKERS_OPTION = click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
                              help="gunicorn worker processes (each with a few threads).")


def _app(database_url: str | None, wiring: Wiring | None = None) -> Flask:
    config = {"DATABASE_URL": database_url} if database_url else {}
    return create_app({**config, "WIRING": wiring})


@click.command("serve")
@DATABASE_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@WORKERS_OPTION
@click.option("--scheduler/--no-scheduler", "with_scheduler", default=True, show_default=True,
              help="Run the timer scheduler thread in this serve (the embedded default).")
@click.pass_obj
def serve(wiring: Wiring, database_url: str | None, host: str, port: int, workers: int, with_scheduler: bool) -> None:
    """Serve the operators' web app."""
    serve_workers(lambda: _app(database_url, wiring), host, port, workers, with_scheduler)


@dataclass(frozen=True)
class DemoLife:
    """How a fresh demo region is brought to life (`profroute` passes the simulation's, which this room cannot
    import): the region is generated as of `as_of`, then `bring(database URL, wiring, seed, desks)` starts and
    drives every route of it and returns a line for the console. `desks` are the demo logins' (candidate group,
    organisation id), whose tasks the driving leaves open for the people trying the demo."""

    as_of: date
    bring: Callable[[str, Wiring, int, list[tuple[str, str]]], str]


def demo_command(life: DemoLife | None = None) -> click.Command:
    """`demo`; with `life`, a fresh demo database gets every route of the region driven forward instead of
    the few school, staffing-need and practice-library routes started here."""

    @click.command("demo")
    @DATABASE_OPTION
    @click.option("--youths", default=300, show_default=True, type=click.IntRange(10, 1_000_000))
    @click.option("--seed", default=1, show_default=True, type=int)
    @click.option("--routes", "routes_per_school", default=10, show_default=True, type=click.IntRange(0, 1000),
                  help="School routes started per demo school when no simulated operators drive the demo; "
                       "0 starts no route at all (the registries only).")
    @click.option("--serve/--no-serve", "then_serve", default=False, help="Serve the app afterwards.")
    @click.option("--host", default="127.0.0.1", show_default=True)
    @click.option("--port", default=5000, show_default=True, type=int)
    @WORKERS_OPTION
    @click.pass_obj
    def demo(wiring: Wiring, database_url: str | None, youths: int, seed: int, routes_per_school: int,
             then_serve: bool, host: str, port: int, workers: int) -> None:
        """Seed the demo region, deploy processes/, create demo users, start routes, optionally serve."""
        app = _app(database_url, wiring)
        url = app.config["DATABASE_URL"]
        click.echo(f"База данных: {url.split('@')[-1]}")
        click.echo("Миграции: " + ", ".join(wiring.upgrade(url)))
        engine = get_engine(app)
        living = life is not None and routes_per_school > 0
        with app.app_context(), session_factory(app)() as session:
            region = generate(session, seed=seed, youths=youths, **({"as_of": life.as_of} if living else {}))
            session.commit()
            files = process_files(Path(app.config["PROCESSES_DIR"]))
            deployed = engine.deploy(files, actor="demo")
            click.echo(f"Развёрнуто процессов: {len(deployed.definitions)} (новых версий: {len(deployed.created)})")
            logins = create_demo_users(session)
            desks = [desk for account in logins for desk in account.desks]
            session.commit()
            if routes_per_school == 0:
                click.echo("Маршруты не запускались (--routes 0).")
            elif life is None:
                started = start_demo_routes(engine, session, routes_per_school)
                click.echo(f"Запущено маршрутов: {len(started)}")
            elif engine.instances(limit=1):
                click.echo("Маршруты демо-региона уже идут.")
            elif not region.created:
                click.echo("Регион заполнен раньше без маршрутов: живой демо-регион создаётся только на новой базе.")
            else:
                click.echo(life.bring(url, wiring, seed, desks))
        click.echo("\nДемо-пользователи (логин / пароль / роль / организация):")
        for account in logins:
            click.echo(f"  {account.login:<10} {account.password:<14} {account.role:<9} {account.organisation}")
        if then_serve:
            click.echo(f"\nОткройте http://{host}:{port}/")
            engine.close()
            serve_workers(lambda: _app(database_url, wiring), host, port, workers, with_scheduler=True)

    return demo


demo = demo_command()


@click.command("create-user")
@DATABASE_OPTION
@click.option("--login", required=True)
@click.option("--full-name", required=True)
@click.option("--role", required=True, type=click.Choice(["operator", "curator", "analyst", "auditor", "admin"]))
@click.option("--org-kind", required=True,
              type=click.Choice(["school", "edu_org", "czn", "employer", "my_business", "region"]))
@click.option("--org-id", required=True)
@click.option("--org-name", default="")
@click.password_option(envvar="PROFROUTE_NEW_USER_PASSWORD")
def create_user_command(database_url: str | None, login: str, full_name: str, role: str, org_kind: str,
                        org_id: str, org_name: str, password: str) -> None:
    """Create a user (the password is asked for, or read from PROFROUTE_NEW_USER_PASSWORD)."""
    app = _app(database_url)
    with app.app_context(), session_factory(app)() as session:
        try:
            create_user(session, NewUser(login=login, password=password, full_name=full_name, role=role,
                                         org_kind=org_kind, org_id=org_id, org_name=org_name))
        except UserError as error:
            raise click.ClickException(str(error)) from error
        session.commit()
    click.echo(f"Пользователь {login} создан.")
