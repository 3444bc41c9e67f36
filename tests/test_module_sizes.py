"""Small modules with names that say what they hold: a module over 400 lines
says in its docstring why it is one piece ("One module because ..." or
"Over 400 lines ...")."""

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("app", "ui", "kiosk", "devices", "sync", "protocol", "central")
LIMIT = 400


def test_no_module_over_400_lines_without_its_reason() -> None:
    unexplained = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").count("\n")
            if lines <= LIMIT:
                continue
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            if "One module because" not in doc and "Over 400 lines" not in doc:
                unexplained.append(f"{path.relative_to(REPO)} ({lines} lines)")
    assert not unexplained, "split these or say why they are one: " + ", ".join(unexplained)


def test_the_rule_reads_real_files() -> None:
    # the walk above must see the packages, or it would pass on nothing
    assert sum(1 for p in PACKAGES for _ in (REPO / p).rglob("*.py")) > 100
    assert Path(REPO / "kiosk" / "outbox.py").exists()
