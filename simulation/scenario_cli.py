"""`profroute simulate --scenario FILE`: the baseline and the scenario over the same seeds, compared side by
side on the console and in `comparison.json`; progress to a JSON file when asked (the web's job runner polls it)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

from domain.region.scenario import load_scenario
from engine.wiring import Wiring
from simulation.comparison import Comparison, compare


def run_comparison(wiring: Wiring, scenario_file: Path, *, seeds: int, first_seed: int, youths: int, years: float,
                   out_dir: Path, progress_file: Path | None) -> Comparison:
    try:
        scenario = load_scenario(scenario_file)
    except ValueError as error:
        _failed(progress_file, str(error))

    out_dir.mkdir(parents=True, exist_ok=True)

    def progress(done: int, total: int, now: str) -> None:
        click.echo(f"run {done + 1 if done < total else total}/{total}: {now}", err=True)
        if progress_file is not None:
            _write_atomically(progress_file, {"done": done, "total": total, "now": now})

    try:
        result = compare(scenario, wiring, seeds=list(range(first_seed, first_seed + seeds)), youths=youths,
                     years=years, out_dir=out_dir, region_youths=scenario.region_youths, progress=progress)
    except ValueError as error:
        _failed(progress_file, str(error))
    _write_atomically(out_dir / "comparison.json", result.as_dict())
    print_comparison(result)
    return result


def _failed(progress_file: Path | None, message: str) -> None:
    """The reason goes into the progress file too, for whoever follows the run there."""
    if progress_file is not None:
        _write_atomically(progress_file, {"error": message})
    raise click.ClickException(message)


def print_comparison(result: Comparison) -> None:
    baseline, scenario = result.sides
    click.echo(f"Scenario «{result.scenario}» against the baseline: {len(result.seeds)} seeds, {result.youths} youths, "
               f"{result.years} years, {result.seconds} s")
    for note in (result.scaled_note, *result.notes):
        if note:
            click.echo(note)
    rows = [("employed within 24 months", _interval(baseline.kpi), _interval(scenario.kpi)),
            ("in the specialty", _interval(baseline.in_specialty), _interval(scenario.in_specialty)),
            ("difference, employed (paired by seed)", "", _interval(result.kpi_difference, "+")),
            ("difference, in the specialty (paired)", "", _interval(result.in_specialty_difference, "+"))]
    rows += [(f"curators: {name}", baseline.caseloads[name], scenario.caseloads[name]) for name in baseline.caseloads]
    rows += [(f"practice: {name}", baseline.practice[name], scenario.practice[name]) for name in baseline.practice]
    rows += [(f"funnel: {stage}", count, scenario.funnel.get(stage, 0)) for stage, count in baseline.funnel.items()]
    click.echo(f"{'':48} {'baseline':>22} {'scenario':>22}")
    for name, left, right in rows:
        click.echo(f"{name[:48]:48} {left!s:>22} {right!s:>22}")


def _interval(estimate, sign: str = "") -> str:
    return f"{estimate.mean:{sign}.1%} [{estimate.low:{sign}.1%}; {estimate.high:{sign}.1%}]"


def _write_atomically(path: Path, data: dict) -> None:
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(partial, path)
