"""``kiosk sync``, ``kiosk status``, ``kiosk provision`` and ``kiosk platform ...``.

The platform commands run the reference platform (``central``) and its
operator tasks: serve, issue an enrollment token with its provisioning QR,
move a case along its statuses, open a sealed payload, bump the catalog.
"""

from __future__ import annotations

import argparse
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
    st.set_defaults(func=_status)

    pr = sub.add_parser("provision", help="enroll this kiosk with the platform")
    pr.add_argument("--url", required=True, help="platform base URL, e.g. https://host")
    pr.add_argument("--token", required=True, help="one-time enrollment token")
    pr.set_defaults(func=_provision)

    pl = sub.add_parser("platform", help="the reference central platform")
    pl.add_argument("--db", type=Path, help="platform database (default: DATA_DIR/platform/)")
    psub = pl.add_subparsers(dest="platform_command", required=True, metavar="ACTION")
    serve = psub.add_parser("serve", help="serve the platform API with uvicorn")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8470)
    serve.add_argument("--catalog", type=Path, help="catalog JSON to serve")
    serve.add_argument("--ssl-certfile", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--ssl-keyfile", help="private key of the certificate (PEM)")
    serve.set_defaults(func=_p_serve)
    tok = psub.add_parser("token", help="issue an enrollment token and its provisioning QR")
    tok.add_argument("--url", default="http://127.0.0.1:8470", help="URL the kiosk should use")
    tok.add_argument("--qr", type=Path, help="also save the provisioning QR as PNG")
    tok.set_defaults(func=_p_token)
    ls = psub.add_parser("list", help="list applications")
    ls.add_argument("--status", default="")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_p_list)
    mv = psub.add_parser("set-status", help="move a case: received, accepted, in_review, ...")
    mv.add_argument("case_number")
    mv.add_argument("status")
    mv.add_argument("--note", default="")
    mv.set_defaults(func=_p_set_status)
    op = psub.add_parser("open", help="open a case's sealed payload (operator)")
    op.add_argument("case_number")
    op.set_defaults(func=_p_open)
    bump = psub.add_parser("bump-catalog", help="publish a new catalog version")
    bump.set_defaults(func=_p_bump)
    ann = psub.add_parser("announce", help="send an announcement with heartbeat answers")
    ann.add_argument("text")
    ann.set_defaults(func=_p_announce)
    pc = psub.add_parser("phone-code", help="issue a phone QR code for a resident (demo)")
    pc.add_argument("--name", default="张三")
    pc.add_argument("--id-number", default="11010519491231002X")
    pc.add_argument("--minutes", type=float, default=10.0)
    pc.set_defaults(func=_p_phone_code)
    kio = psub.add_parser("kiosks", help="enrolled kiosks and their last health report")
    kio.set_defaults(func=_p_kiosks)
    oapi = psub.add_parser("openapi", help="print the OpenAPI document of /api/v1")
    oapi.set_defaults(func=_p_openapi)


def _open(args: argparse.Namespace) -> tuple[Any, Any]:
    from kiosk.cli import load
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
    else:
        from kiosk.i18n import translate

        print(
            f"pushed {report.pushed}, accepted {report.accepted}, duplicates "
            f"{report.duplicates}, quarantined {report.quarantined}, statuses pulled "
            f"{report.statuses_pulled}, catalog version {report.catalog_version or '-'}, "
            f"clock offset {report.clock_offset_seconds:+.0f} s, queue {report.queue_depth}"
        )
        if not report.ok:
            print(f"sync failed: {translate(report.error, args.lang)} ({report.error_detail})")
    return 0 if report.ok else 1


def _status(args: argparse.Namespace) -> int:
    from sync.service import status_snapshot

    config, storage = _open(args)
    snap = status_snapshot(storage, config)
    if args.json:
        print(json.dumps(snap, ensure_ascii=False))
        return 0
    age = snap["oldest_pending_age_seconds"]
    print(f"platform          {snap['platform_url'] or '(not enrolled)'} {snap['kiosk_id']}")
    print(f"queue depth       {snap['queue_depth']}")
    print(f"oldest pending    {age / 3600:.1f} h" if age else "oldest pending    -")
    print(f"quarantined       {snap['quarantined']}")
    print(f"last sync         {snap['last_success_at'] or 'never'}")
    print(f"clock offset      {snap['clock_offset_seconds']} s")
    print(f"accepting         {'yes' if snap['accepting'] else 'NO: ' + snap['refusal']}")
    for name, state in snap["devices"].items():
        print(f"device {name:<10} {state}")
    return 0


def _provision(args: argparse.Namespace) -> int:
    from sync.client import EnrollmentError, TransientError
    from sync.enroll import enroll

    config, storage = _open(args)
    try:
        result = enroll(storage, config, args.url, args.token)
    except EnrollmentError:
        print(
            "kiosk: the platform refused the token (wrong, already used or expired); "
            "nothing was changed",
            file=sys.stderr,
        )
        return 1
    except TransientError as exc:
        print(
            f"kiosk: cannot reach the platform at {args.url} ({exc.detail}); nothing was changed",
            file=sys.stderr,
        )
        return 1
    print(f"enrolled as {result.kiosk_id} with {args.url}")
    return 0


# --- platform ---------------------------------------------------------------------


def _platform(args: argparse.Namespace) -> Any:
    from central.server import open_platform
    from kiosk.cli import load

    db = args.db
    if db is None:
        db = load(args).data_dir / "platform" / "central.db"
    return open_platform(db, getattr(args, "catalog", None))


def _p_serve(args: argparse.Namespace) -> int:
    from central.server import serve

    platform = _platform(args)
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
    rows = _platform(args).store.applications(args.status, 200)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
    else:
        for r in rows:
            print(f"{r['case_number']}  {r['kind']:<11} {r['status']:<17} {r['tracking_no'] or ''}")
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
    from central.app import bump_catalog

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


def _p_openapi(args: argparse.Namespace) -> int:
    from central.app import create_app

    print(json.dumps(create_app(_platform(args)).openapi(), ensure_ascii=False, indent=2))
    return 0
