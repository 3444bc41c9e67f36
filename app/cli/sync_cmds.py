"""``kiosk sync``, ``kiosk status`` and ``kiosk provision``: the kiosk's side of the sync.

The platform's own commands (``kiosk platform ...``) are ``app.cli.platform_cmds``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
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
