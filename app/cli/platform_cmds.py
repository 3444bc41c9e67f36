"""``kiosk platform ...``: run the reference platform (``central``) and its operator tasks.

Serve, issue an enrollment token with its provisioning QR, move a case along
its statuses, open a sealed payload, bump the catalog, revoke a kiosk; the
console's accounts (``user ...``) are ``app.cli.console_cmds``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    pl = sub.add_parser("platform", help="the reference central platform")
    db_help = (
        "platform database: a folder (its central.db is used, made if need be), "
        "a .db file (default: DATA_DIR/platform/), or a PostgreSQL URL "
        "(postgresql+psycopg://user:password@host/db) for a province"
    )
    data_help = "folder of the platform's keys and catalogs (default: beside a SQLite db)"
    pl.add_argument("--db", default=None, help=db_help)
    pl.add_argument("--data", type=Path, default=None, help=data_help)
    psub = pl.add_subparsers(dest="platform_command", required=True, metavar="ACTION")
    # ``--db`` is taken before or after the action; after it, it wins.
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", default=argparse.SUPPRESS, help=db_help)
    parent.add_argument("--data", type=Path, default=argparse.SUPPRESS, help=data_help)
    serve = psub.add_parser("serve", parents=[parent], help="serve the platform API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--catalog", type=Path, help="catalog JSON to serve")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        help="worker processes (PostgreSQL only; on SQLite one writer serves)",
    )
    serve.add_argument("--ssl-certfile", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--ssl-keyfile", help="private key of the certificate (PEM)")
    serve.add_argument(
        "--public-url",
        default="",
        help="the address residents' phones reach (every kiosk QR carries it, "
        "handed over at enrollment); default: the address a kiosk enrolled at",
    )
    serve.set_defaults(func=_p_serve)
    tok = psub.add_parser(
        "token", parents=[parent], help="issue an enrollment token and its provisioning QR"
    )
    tok.add_argument("--url", default="http://127.0.0.1:8470", help="URL the kiosk should use")
    tok.add_argument("--qr", type=Path, help="also save the provisioning QR as PNG")
    tok.set_defaults(func=_p_token)
    ls = psub.add_parser("list", parents=[parent], help="list applications")
    ls.add_argument("--status", default="")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_p_list)
    mv = psub.add_parser(
        "set-status", parents=[parent], help="move a case: received, accepted, in_review, ..."
    )
    mv.add_argument("case_number")
    mv.add_argument("status")
    mv.add_argument("--note", default="")
    mv.set_defaults(func=_p_set_status)
    op = psub.add_parser("open", parents=[parent], help="open a case's sealed payload (operator)")
    op.add_argument("case_number")
    op.set_defaults(func=_p_open)
    bump = psub.add_parser("bump-catalog", parents=[parent], help="publish a new catalog version")
    bump.set_defaults(func=_p_bump)
    ann = psub.add_parser(
        "announce", parents=[parent], help="send an announcement with heartbeat answers"
    )
    ann.add_argument("text")
    ann.set_defaults(func=_p_announce)
    pc = psub.add_parser(
        "phone-code", parents=[parent], help="issue a phone QR code for a resident (demo)"
    )
    pc.add_argument("--name", default="张三")
    pc.add_argument("--id-number", default="11010519491231002X")
    pc.add_argument("--minutes", type=float, default=10.0)
    pc.set_defaults(func=_p_phone_code)
    kio = psub.add_parser(
        "kiosks", parents=[parent], help="enrolled kiosks and their last health report"
    )
    kio.set_defaults(func=_p_kiosks)
    one = psub.add_parser("kiosk", parents=[parent], help="one kiosk: revoke it")
    onesub = one.add_subparsers(dest="kiosk_command", required=True, metavar="ACTION")
    rev = onesub.add_parser(
        "revoke",
        parents=[parent],
        help="revoke a kiosk: its requests are refused from now on and it stops syncing",
    )
    rev.add_argument("kiosk_id", help="the kiosk id (kiosk platform kiosks lists them)")
    rev.add_argument("--reason", default="", help="why (kept with the revocation)")
    rev.set_defaults(func=_p_kiosk_revoke)
    oapi = psub.add_parser(
        "openapi", parents=[parent], help="print the OpenAPI document of /api/v1"
    )
    oapi.set_defaults(func=_p_openapi)
    from app.cli.console_cmds import register_platform

    register_platform(psub, parent)  # kiosk platform user ...: the console's accounts


def platform_db_path(db: Path) -> Path:
    """The database file ``--db`` names: a folder (existing, or a path without a
    database suffix) holds ``central.db``; anything else is the file itself."""
    if db.is_dir() or (not db.exists() and db.suffix.lower() not in DB_SUFFIXES):
        return db / "central.db"
    return db


DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def _platform(args: argparse.Namespace) -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from app.cli import load
    from central.store import database_url
    from kiosk.errors import StorageError

    db: str | None = args.db
    where: Path | str
    if db is not None and "://" in db:
        where = db
        shown = database_url(db).render_as_string(hide_password=True)
    else:
        where = (
            platform_db_path(Path(db))
            if db is not None
            else load(args).data_dir / "platform" / "central.db"
        )
        shown = str(where)
    try:
        from central.server import open_platform

        return open_platform(where, getattr(args, "catalog", None), data=args.data)
    except (OSError, SQLAlchemyError, ValueError) as exc:
        raise StorageError(
            f"{type(exc).__name__}: {exc}", key="error.platform.db", path=shown
        ) from exc


def _p_serve(args: argparse.Namespace) -> int:
    from central.server import serve, serve_workers

    platform = _platform(args)
    platform.public_url = args.public_url.rstrip("/")
    workers, why = serve_workers(platform.store.dialect, args.workers)
    if why:
        print(why)
    scheme = "https" if args.ssl_certfile else "http"
    shown = platform.store.url.render_as_string(hide_password=True)
    print(
        f"platform API on {scheme}://{args.host}:{args.port}/api/v1 "
        f"(db {platform.store.path or shown}, {workers} worker{'s' if workers > 1 else ''})"
    )
    sys.stdout.flush()
    serve(platform, args.host, args.port, args.ssl_certfile, args.ssl_keyfile, workers=workers)
    return 0


def _p_token(args: argparse.Namespace) -> int:
    from protocol.provisioning import provisioning_uri

    platform = _platform(args)
    token = platform.store.create_token()
    uri = provisioning_uri(args.url, token)
    print(f"token: {token}")
    print(f"kiosk provision --url {args.url} --token {token}")
    print(uri)
    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(uri)
    qr.print_ascii(invert=True)
    if args.qr:
        qrcode.make(uri).save(str(args.qr))
        print(f"QR saved to {args.qr}")
    return 0


def _p_list(args: argparse.Namespace) -> int:
    from app.cli.table import table
    from kiosk.i18n import translate

    rows = _platform(args).store.applications(args.status, 200)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    elif not rows:
        print(translate("cli.platform.none", args.lang))
    else:
        header = ["cli.col.case_number", "cli.col.kind", "cli.col.status", "cli.col.tracking_no"]
        cells = [[r["case_number"], r["kind"], r["status"], r["tracking_no"] or ""] for r in rows]
        print(table(header, cells, args.lang))
    return 0


def _p_set_status(args: argparse.Namespace) -> int:
    from central.store import StoreError

    try:
        result = _platform(args).store.set_status(args.case_number, args.status, args.note)
    except StoreError as exc:
        print(f"kiosk platform: {exc}", file=sys.stderr)
        return 1
    print(f"{result['case_number']} -> {result['status']}")
    return 0


def _p_open(args: argparse.Namespace) -> int:
    from central.app import open_payload
    from central.store import StoreError

    try:
        payload = open_payload(_platform(args), args.case_number)
    except StoreError as exc:
        print(f"kiosk platform: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(payload, ensure_ascii=False, indent=2))
    return 0


def _p_bump(args: argparse.Namespace) -> int:
    from central.publish import bump_catalog

    print(f"catalog version {bump_catalog(_platform(args))}")
    return 0


def _p_announce(args: argparse.Namespace) -> int:
    _platform(args).store.add_announcement(args.text)
    return 0


def _p_phone_code(args: argparse.Namespace) -> int:
    from app.demo_platform import DEMO_IDENTITY

    identity = {**DEMO_IDENTITY, "name": args.name, "id_number": args.id_number}
    print(_platform(args).store.add_phone_code(identity, args.minutes))
    return 0


def _p_kiosks(args: argparse.Namespace) -> int:
    print(json.dumps(_platform(args).store.kiosks(), ensure_ascii=False, indent=2))
    return 0


def _p_kiosk_revoke(args: argparse.Namespace) -> int:
    store = _platform(args).store
    if not store.revoke_kiosk(args.kiosk_id, args.reason):
        print(f"kiosk platform: no kiosk {args.kiosk_id}", file=sys.stderr)
        return 1
    print(f"kiosk {args.kiosk_id} revoked at {store.kiosk_revoked_at(args.kiosk_id)}")
    return 0


def _p_openapi(args: argparse.Namespace) -> int:
    from central.app import create_app

    print(json.dumps(create_app(_platform(args)).openapi(), ensure_ascii=False, indent=2))
    return 0
