"""``kiosk COMMAND`` builds the parser of its own command's module only (the
others' imports cost the kiosk's first frame): the lists in
``app.cli.COMMAND_MODULES`` must name what each module registers."""

from __future__ import annotations

import argparse
import importlib

import pytest

from app.cli import COMMAND_MODULES, build_parser, command_in


@pytest.mark.parametrize("module", list(COMMAND_MODULES))
def test_each_module_registers_the_commands_listed(module: str) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(module).register(sub)
    assert tuple(sub.choices) == COMMAND_MODULES[module]


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        (["run"], "run"),
        (["--config", "k.toml", "run", "--demo"], "run"),
        (["--config=k.toml", "--lang", "zh", "sync", "--once"], "sync"),
        (["--help"], None),
        (["--conf", "k.toml", "run"], None),  # an abbreviation: the whole parser reads it
        ([], None),
    ],
)
def test_the_command_is_found_after_the_global_options(
    argv: list[str], command: str | None
) -> None:
    assert command_in(argv) == command


def test_one_command_parses_as_with_every_command() -> None:
    argv = ["--config", "k.toml", "--lang", "zh", "run", "--demo"]
    alone, full = build_parser("run").parse_args(argv), build_parser().parse_args(argv)
    assert vars(alone) == vars(full)
    assert alone.demo and alone.lang == "zh"


def test_an_unknown_command_is_refused_with_the_full_list(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        build_parser("nonsense").parse_args(["nonsense"])
    assert "invalid choice" in capsys.readouterr().err
