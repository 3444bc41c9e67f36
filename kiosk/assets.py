"""Where the shipped assets (catalog, translations, fonts) live."""

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
