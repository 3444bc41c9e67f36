"""``kiosk sync``, ``kiosk status``, ``kiosk provision`` and ``kiosk platform ...``.

The platform commands run the reference platform (``central``) and its
operator tasks: serve, issue an enrollment token with its provisioning QR,
move a case along its statuses, open a sealed payload, bump the catalog.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any


def register(sub: Any) -> None:
    s = sub.add_parser("sync", help="sync with the platform (one cycle with --once)")
    s.add_argument("--once", action="store_true", help="run one cycle and print what it did")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=_sync)

    st = sub.add_parser("status", help="queue depth, last sync, quarantine, devices")
    st.add_argument("--json", action="store_true", help="print JSON")
    st.add_argument(
        "--probe", action="store_true", help="also ask each device (as kiosk devices probe)"
    )
    st.add_argument("--timeout", type=float, default=1.0, help="seconds per device with --probe")
    st.set_defaults(func=_status)

    pr = sub.add_parser("provision", help="enroll this kiosk with the platform")
    pr.add_argument("--url", required=True, help="platform base URL, e.g. https://host")
    pr.add_argument("--token", required=True, help="one-time enrollment token")
    pr.add_argument("--fingerprint", default="", help="SHA-256 of the platform certificate")
    pr.add_argument(
        "--confirm-pending",
        action="store_true",
        help="provision even though items still wait for the current platform",
    )
    pr.set_defaults(func=_provision)

    pl = sub.add_parser("platform", help="the reference central platform")
    db_help = (
        "platform database: a folder (its central.db is used, made if need be) "
        "or a .db file (default: DATA_DIR/platform/)"
    )
    pl.add_argument("--db", type=Path, default=None, help=db_help)
    psub = pl.add_subparsers(dest="platform_command", required=True, metavar="ACTION")
    # ``--db`` is taken before or after the action; after it, it wins.
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--db", type=Path, default=argparse.SUPPRESS, help=db_help)
    serve = psub.add_parser("serve", parents=[parent], help="serve the platform API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--catalog", type=Path, help="catalog JSON to serve")
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


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from app.cli import load
    from kiosk.storage import open_storage
    from kiosk.technician.provisioning import apply_kiosk_code

    config = load(args)
    storage = open_storage(config.database_path)
    apply_kiosk_code(storage, config)
    return config, storage


def _sync(args: argparse.Namespace) -> int:
    from kiosk.logs import setup_logging
    from sync.engine import SyncEngine

    config, storage = _open(args)
    setup_logging(config.log_dir, config.logging.level, console=not args.json)
    if not args.once:
        from sync.service import SyncService

        service = SyncService(storage, config)
        service.start()
        print("syncing; Ctrl-C to stop")
        try:
            while service.running:
                service.wait(3600)
        except KeyboardInterrupt:
            pass
        finally:
            service.stop()
        return 0
    engine = SyncEngine.from_settings(storage, config)
    report = engine.run_once(heartbeat=True)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
        return 0 if report.ok else 1
    from kiosk.i18n import translate

    summary = translate(
        "cli.sync.summary",
        args.lang,
        pushed=report.pushed,
        accepted=report.accepted,
        duplicates=report.duplicates,
        quarantined=report.quarantined,
        statuses_pulled=report.statuses_pulled,
        catalog_version=report.catalog_version or "-",
        clock_offset=f"{report.clock_offset_seconds:+.0f}",
        queue_depth=report.queue_depth,
    )
    if report.ok:
        print(summary)
        return 0
    reason = translate(report.error or "error.sync", args.lang)
    if report.error_detail:
        reason += f" ({report.error_detail})"
    print(translate("cli.sync.failed", args.lang, reason=reason))
    print(translate("cli.sync.before_failure", args.lang, summary=summary))
    return 1


def _status(args: argparse.Namespace) -> int:
    from app.cli.table import pairs, table
    from devices.presence import all_presence
    from kiosk.i18n import translate
    from sync.service import status_snapshot

    config, storage = _open(args)
    if args.probe:
        from devices.probe import probe_all

        probed = probe_all(config.devices, args.timeout)
        devices = [
            {"device": name, "port": r["port"], "state": r["state"], "source": "probe",
             "detail": r["detail"] or (translate(r["reason"], args.lang) if r["reason"] else "")}
            for name, r in probed.items()
        ]  # fmt: skip
    else:
        devices = [p.as_dict() for p in all_presence(config.devices)]
    snap = status_snapshot(storage, config, {d["device"]: d["state"] for d in devices})
    if args.json:
        print(json.dumps({**snap, "device_details": devices}, ensure_ascii=False))
        return 0
    lang = args.lang

    def t(key: str, **params: object) -> str:
        return translate(key, lang, **params)

    age = snap["oldest_pending_age_seconds"]
    refusal = snap["refusal"]
    print(
        pairs(
            [
                ("cli.status.platform", snap["platform_url"] or t("cli.value.not_enrolled")),
                ("cli.status.kiosk_id", snap["kiosk_id"] or "-"),
                ("cli.status.queue_depth", str(snap["queue_depth"])),
                (
                    "cli.status.oldest_pending",
                    t("cli.value.hours", hours=f"{age / 3600:.1f}") if age else "-",
                ),
                ("cli.status.quarantined", str(snap["quarantined"])),
                ("cli.status.last_sync", snap["last_success_at"] or t("cli.value.never")),
                (
                    "cli.status.clock_offset",
                    t("cli.value.seconds", seconds=snap["clock_offset_seconds"]),
                ),
                (
                    "cli.status.accepting",
                    t("cli.value.yes")
                    if snap["accepting"]
                    else t("cli.value.no", reason=translate(refusal, lang) if refusal else ""),
                ),
            ],  # fmt: skip
            lang,
        )
    )
    print()
    print(t("cli.status.devices_probed" if args.probe else "cli.status.devices"))
    rows = [
        [d["device"], d["port"] or "-", _state_text(d["state"], lang),
         t(f"cli.source.{d['source']}") if d["source"] != "probe" else "", d["detail"]]
        for d in devices
    ]  # fmt: skip
    header = ["cli.col.role", "cli.col.port", "cli.col.state", "cli.col.source", "cli.col.detail"]
    print(table(header, rows, lang))
    return 0


def _state_text(state: str, lang: str) -> str:
    """A device state in words: the device screen's own, or the shell's port checks."""
    from kiosk.i18n import catalog, translate

    for key in (f"device.state.{state}", f"cli.port.{state}"):
        if key in catalog(lang) or key in catalog("en"):
            return translate(key, lang)
    return state


def _provision(args: argparse.Namespace) -> int:
    """Enroll from a shell: the technician's provisioning, with its checks (https with
    a pin or a CA, the queue's items kept for their platform) and messages."""
    from kiosk.errors import KioskError
    from kiosk.i18n import describe_error
    from kiosk.technician.provisioning import (
        ProvisionTokenError,
        ProvisionUnreachable,
        make_request,
    )
    from sync.provisioning import provision

    config, storage = _open(args)
    try:
        request = make_request(args.url, args.token, "", args.fingerprint)
        if args.confirm_pending:
            request = dataclasses.replace(request, confirm_pending=True)
        result = provision(storage, config, request)
    except ProvisionTokenError:
        print(
            "kiosk: the platform refused the token (wrong, already used or expired); "
            "nothing was changed",
            file=sys.stderr,
        )
        return 1
    except ProvisionUnreachable as exc:
        print(
            f"kiosk: cannot reach the platform at {args.url} ({exc.detail}); nothing was changed",
            file=sys.stderr,
        )
        return 1
    except KioskError as exc:
        print(f"kiosk: {describe_error(exc, args.lang or 'en')}", file=sys.stderr)
        return 1
    print(f"enrolled as {result.kiosk_id} with {request.url}")
    return 0


# --- platform ---------------------------------------------------------------------


def platform_db_path(db: Path) -> Path:
    """The database file ``--db`` names: a folder (existing, or a path without a
    database suffix) holds ``central.db``; anything else is the file itself."""
    if db.is_dir() or (not db.exists() and db.suffix.lower() not in DB_SUFFIXES):
        return db / "central.db"
    return db


DB_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def _platform(args: argparse.Namespace) -> Any:
    import sqlite3

    from app.cli import load
    from central.server import open_platform
    from kiosk.errors import StorageError

    db = args.db
    path = (
        platform_db_path(db) if db is not None else load(args).data_dir / "platform" / "central.db"
    )
    try:
        return open_platform(path, getattr(args, "catalog", None))
    except (OSError, sqlite3.Error, ValueError) as exc:
        raise StorageError(
            f"{type(exc).__name__}: {exc}", key="error.platform.db", path=str(path)
        ) from exc


def _p_serve(args: argparse.Namespace) -> int:
    from central.server import serve

    platform = _platform(args)
    platform.public_url = args.public_url.rstrip("/")
    scheme = "https" if args.ssl_certfile else "http"
    print(f"platform API on {scheme}://{args.host}:{args.port}/api/v1 (db {platform.store.path})")
    sys.stdout.flush()
    serve(platform, args.host, args.port, args.ssl_certfile, args.ssl_keyfile)
    return 0


def _p_token(args: argparse.Namespace) -> int:
    from central.demo import provisioning_uri

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
    from central.demo import DEMO_IDENTITY

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
