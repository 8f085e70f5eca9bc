"""The README's command-line block works as written: every line runs against a fresh database, in order, each
placeholder (YOUTH_ID, INSTANCE_ID, TASK_ID) taken from the output of the lines before it."""
from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from profroute.cli import main

ROOT = Path(__file__).resolve().parents[1]
PROFROUTE = ".venv/bin/profroute"


def readme_cli_block() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### The command line"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "the README's command-line section has no sh block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def command_of(line: str) -> tuple[dict[str, str], list[str]]:
    """(environment assignments, profroute arguments) of one README line, its comment dropped."""
    words = shlex.split(line, comments=True)
    env = {}
    while words and "=" in words[0] and not words[0].startswith("-"):
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    assert words and words[0] == PROFROUTE, f"not a profroute command: {line}"
    return env, words[1:]


def test_the_readmes_command_line_block_runs_on_a_fresh_database(tmp_path, monkeypatch):
    lines = readme_cli_block()
    assert lines[0].startswith("export PROFROUTE_DATABASE_URL=")
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("PROFROUTE_DATABASE_URL", f"sqlite:///{tmp_path / 'readme.sqlite'}")
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path))
    runner = CliRunner()
    found: dict[str, str] = {}
    ran = []
    for line in lines[1:]:
        env, args = command_of(line)
        args = [found.get(word, word) for word in args]
        assert not set(args) & {"YOUTH_ID", "INSTANCE_ID", "TASK_ID"}, f"no value yet for a placeholder in: {line}"
        result = runner.invoke(main, args, env=env, catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\n{result.output}"
        ran.append(args[0])
        output = result.output.strip()
        if args[0] == "pupils":
            found["YOUTH_ID"] = output.splitlines()[0].split()[0]
        elif args[0] == "start":
            found["INSTANCE_ID"] = output
        elif args[0] == "tasks" and "--json" in args:
            found["TASK_ID"] = next(task["id"] for task in json.loads(output)
                                    if task["instance_id"] == found["INSTANCE_ID"])
        elif args[0] == "complete":
            assert f"task {found['TASK_ID']} completed" in output
    assert {"init", "deploy", "start", "claim", "complete", "show", "worker"} <= set(ran)
