"""`profroute simulate --workers N`: the region's routes sharded over N driver processes (`sharding.py`), each on
its own fresh database (`shard_databases.py`) with the single run's set-up, loop and report
(`runner.run_simulation`), then the shards' reports merged into one (`report_merge.py`) and written. A shard
that fails stops the others; nothing is written then."""
from __future__ import annotations

import multiprocessing
import tempfile
import traceback
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path

from engine.wiring import Wiring
from simulation.config import SimulationConfig
from simulation.metrics import SimulationReport
from simulation.report_merge import merge_reports
from simulation.runner import SimulationOutcome, run_simulation
from simulation.shard_databases import fresh_shard_databases
from simulation.sharding import Shard
from simulation.writers import write_reports


class ShardFailed(RuntimeError):
    """One shard's run raised or its process died; the message names the shard and the cause."""


@dataclass(frozen=True)
class ShardedOutcome:
    report: SimulationReport
    """The shards' reports merged."""
    shards: list[SimulationOutcome]
    files: list[Path]
    setup_seconds: float
    """The slowest shard's set-up."""
    drive_seconds: float
    """The slowest shard's driving (the shards run side by side)."""


def run_shards(config: SimulationConfig, wiring: Wiring, workers: int, write: bool = True) -> ShardedOutcome:
    urls = fresh_shard_databases(config.database_url, workers)
    configs = [replace(config, database_url=url, shard=Shard(k, workers)) for k, url in enumerate(urls)]
    outcomes = _run_in_processes(configs, wiring)
    drive_seconds = max(outcome.drive_seconds for outcome in outcomes)
    report = merge_reports([outcome.report for outcome in outcomes], drive_seconds)
    files = write_reports(report, config.out_dir) if write else []
    return ShardedOutcome(report=report, shards=outcomes, files=files, drive_seconds=drive_seconds,
                          setup_seconds=max(outcome.setup_seconds for outcome in outcomes))


def _run_in_processes(configs: list[SimulationConfig], wiring: Wiring) -> list[SimulationOutcome]:
    """Each shard in a fresh ('spawn') process; the outcomes in shard order, or ShardFailed at the first failure
    (the other shards' processes are then terminated)."""
    context = multiprocessing.get_context("spawn")
    running: dict[Connection, tuple[int, BaseProcess]] = {}
    try:
        for config in configs:
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_run_shard, args=(config, wiring, sender),
                                      name=f"simulate-shard{config.shard.index}")
            process.start()
            sender.close()
            running[receiver] = (config.shard.index, process)
        outcomes: dict[int, SimulationOutcome] = {}
        while len(outcomes) < len(configs):
            for receiver in wait(list(running)):
                index, process = running.pop(receiver)
                outcomes[index] = _received(index, receiver, process)
        return [outcomes[index] for index in range(len(configs))]
    finally:
        for _, process in running.values():
            process.terminate()
        for _, process in running.values():
            process.join()


def _run_shard(config: SimulationConfig, wiring: Wiring, sender: Connection) -> None:
    try:
        sender.send(("done", run_simulation(config, wiring, write=False)))
    except Exception as error:  # the parent reports it in one line, naming the shard; the traceback is kept
        first_line = (str(error).strip().splitlines() or [""])[0]
        sender.send(("failed", f"{type(error).__name__}: {first_line} (traceback: {_keep_traceback(config)})"))
    finally:
        sender.close()


def _keep_traceback(config: SimulationConfig) -> str:
    """The current exception's traceback in a file of the system's temporary folder (the run writes nothing
    into --out when a shard fails); its path."""
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", prefix=f"profroute-shard{config.shard.index}-",
                                     suffix=".txt", delete=False) as file:
        file.write(traceback.format_exc())
    return file.name


def _received(index: int, receiver: Connection, process: BaseProcess) -> SimulationOutcome:
    try:
        status, value = receiver.recv()
    except EOFError:
        process.join()
        raise ShardFailed(f"shard {index} failed: its process ended without a report "
                          f"(exit code {process.exitcode})") from None
    finally:
        receiver.close()
    process.join()
    if status == "failed":
        raise ShardFailed(f"shard {index} failed: {value}")
    return value
