"""The core must run without Qt: importing all of it must not load PySide6."""

import subprocess
import sys

from tests.conftest import REPO

CORE = ("kiosk", "devices", "sync", "central")


def test_core_modules_do_not_import_pyside6() -> None:
    code = f"""
import importlib, pkgutil, sys
sys.path.insert(0, {str(REPO)!r})
names = []
for top in {CORE!r}:
    pkg = importlib.import_module(top)
    names.append(top)
    for info in pkgutil.walk_packages(pkg.__path__, top + "."):
        if info.name.endswith("__main__"):
            continue  # running it would start a command
        importlib.import_module(info.name)
        names.append(info.name)
leaked = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(len(names))
assert not leaked, leaked
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 10
