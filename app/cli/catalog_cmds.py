"""``kiosk catalog import FILE``, ``import-sheet FILE.xlsx`` and ``search QUERY``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    cat = sub.add_parser("catalog", help="the local service catalog")
    csub = cat.add_subparsers(dest="catalog_command", required=True, metavar="ACTION")
    imp = csub.add_parser("import", help="check a catalog file and make it the current catalog")
    imp.add_argument("file", type=Path)
    imp.add_argument("--force", action="store_true", help="import even if not newer")
    imp.set_defaults(func=_import)
    sheet = csub.add_parser(
        "import-sheet",
        help="import a county's service list (.xlsx or .csv, national field names as headers)",
    )
    sheet.add_argument("file", type=Path)
    sheet.add_argument(
        "--mapping", type=Path, help="TOML file: the county's own sheet and column names"
    )
    sheet.add_argument("--version", type=int, help="catalog version (else the list's 清单版本)")
    sheet.add_argument("--force", action="store_true", help="import even if not newer")
    sheet.add_argument("--check", action="store_true", help="only check the list, import nothing")
    sheet.add_argument(
        "--json", type=Path, metavar="OUT", help="also write the catalog document to serve"
    )
    sheet.set_defaults(func=_import_sheet)
    search = csub.add_parser("search", help="search services by hanzi, pinyin, initials, English")
    search.add_argument("query")
    search.add_argument("--json", action="store_true", help="one JSON document")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(func=_search)
    show = csub.add_parser("show", help="print one service's guide as JSON")
    show.add_argument("code")
    show.add_argument("--version", type=int, default=None)
    show.set_defaults(func=_show)
    info = csub.add_parser("info", help="version and size of the current catalog")
    info.set_defaults(func=_info)


def _store(args: argparse.Namespace) -> Any:
    """The kiosk's catalog store; the sample is seeded only by demo mode
    (``kiosk catalog import`` loads a county's file)."""
    from app.cli import load
    from kiosk.catalog.store import CatalogStore
    from kiosk.storage import open_storage

    config = load(args)
    return CatalogStore(open_storage(config.database_path))


def _store_import(store: Any, catalog: Any, force: bool) -> int:
    """The versioned import both ``import`` and ``import-sheet`` end with, and its line."""
    result = store.import_catalog(catalog, force=force)
    print(
        f"catalog version {result.version} imported (was {result.previous or 'none'}): "
        f"{result.services} services, {result.added} added, {result.removed} removed, "
        f"{result.changed} changed"
    )
    return 0


def _import(args: argparse.Namespace) -> int:
    from kiosk.catalog.files import load_catalog_file
    from kiosk.catalog.model import CatalogInvalid

    try:
        catalog = load_catalog_file(args.file)
    except CatalogInvalid as exc:
        print(f"kiosk: {args.file}: refused, {len(exc.messages)} problem(s); current catalog kept:")
        for line in exc.messages:
            print(f"  {line}")
        return 1
    store = _store(args)
    return _store_import(store, catalog, args.force)


def _import_sheet(args: argparse.Namespace) -> int:
    """The county's list, checked whole: every problem by sheet, row and column, or
    the same import as ``kiosk catalog import`` (versioned, one transaction)."""
    from kiosk.catalog.sheet import SheetInvalid, load_mapping, read_sheet_catalog
    from kiosk.catalog.store import CatalogError

    store = _store(args)  # its kept versions: a changed service must raise its 事项版本

    def stored(code: str, version: int) -> Any:
        try:
            return store.service(code, version)
        except CatalogError:  # a service or version this kiosk never had
            return None

    try:
        catalog = read_sheet_catalog(
            args.file, load_mapping(args.mapping), args.version, stored=stored
        )
    except SheetInvalid as exc:
        print(f"kiosk: {args.file}: refused, {len(exc.messages)} problem(s); nothing imported:")
        for line in exc.messages:
            print(f"  {line}")
        return 1
    forms = sum(1 for s in catalog.services if s.at_kiosk and s.form)
    print(
        f"{args.file}: {len(catalog.services)} services in {len(catalog.departments)} departments,"
        f" {forms} taken at the kiosk"
    )
    if args.json:
        document = catalog.model_dump(mode="json", exclude_none=True)
        args.json.write_text(
            json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(f"catalog document written to {args.json}")
    if args.check:
        return 0
    return _store_import(store, catalog, args.force)


def _search(args: argparse.Namespace) -> int:
    store = _store(args)
    hits = store.search(args.query, limit=args.limit)
    if args.json:
        print(
            json.dumps(
                {"query": args.query, "count": len(hits), "results": [h.to_dict() for h in hits]},
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    from app.cli.table import table
    from kiosk.i18n import translate

    if not hits:
        print(translate("cli.catalog.none", args.lang))
        return 0
    yes = translate("cli.value.yes", args.lang)
    rows = [
        [
            h.service.code,
            h.service.name_zh,
            h.service.name_en,
            yes if h.service.needs_online else "",
        ]
        for h in hits
    ]
    header = ["cli.col.code", "cli.col.name_zh", "cli.col.name_en", "cli.col.online"]
    print(table(header, rows, args.lang))
    return 0


def _show(args: argparse.Namespace) -> int:
    service = _store(args).service(args.code, args.version)
    document = service.model_dump(mode="json", exclude_none=True)
    print(json.dumps(document, ensure_ascii=False, indent=2))
    return 0


def _info(args: argparse.Namespace) -> int:
    store = _store(args)
    print(json.dumps({**store.meta(), "services": store.count()}, ensure_ascii=False, indent=2))
    return 0
