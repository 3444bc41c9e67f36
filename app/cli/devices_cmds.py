"""``kiosk devices ...`` for technicians and ``kiosk sim ...`` for simulators.

``--port`` overrides the configured port for one command, so a technician
can try a port before saving it. With no port configured and no ``--port``,
a simulator started with ``kiosk sim`` on this machine is used, and said so.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any


def register(sub: Any) -> None:
    dev = sub.add_parser("devices", help="list, probe and try the peripherals")
    dsub = dev.add_subparsers(dest="devices_command", required=True, metavar="ACTION")

    p = dsub.add_parser("list", help="serial ports on this machine and the configured ones")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_list)

    p = dsub.add_parser("probe", help="try each configured device under a timeout")
    p.add_argument("--json", action="store_true")
    p.add_argument("--timeout", type=float, default=2.0, help="seconds per device")
    p.set_defaults(func=_probe)

    p = dsub.add_parser("read", help="read one ID card")
    p.add_argument("what", choices=("idcard",))
    p.add_argument("--port", help="port URL for this command only")
    p.add_argument("--json", action="store_true")
    p.add_argument("--wait", type=float, default=10.0, help="seconds to wait for a card")
    p.set_defaults(func=_read)

    p = dsub.add_parser("test-print", help="print a test receipt (Chinese text, native QR)")
    p.add_argument("--port", help="port URL for this command only")
    p.set_defaults(func=_test_print)

    p = dsub.add_parser("scan", help="wait for one scanned code")
    p.add_argument("--port", help="port URL for this command only")
    p.add_argument("--json", action="store_true")
    p.add_argument("--timeout", type=float, default=30.0)
    p.set_defaults(func=_scan)

    from devices.sim.commands import help_text

    sim = sub.add_parser("sim", help="run a device simulator on a pty or loopback port")
    ssub = sim.add_subparsers(dest="sim_device", required=True, metavar="DEVICE")
    for name, baud in (("idcard", 115200), ("printer", 9600), ("scanner", 9600)):
        s = ssub.add_parser(
            name, help=f"simulate the {name}", epilog=help_text(name),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )  # fmt: skip
        s.add_argument(
            "--tcp", type=int, nargs="?", const=0, default=None, metavar="PORT",
            help="listen on 127.0.0.1:PORT (0 or none: any free port) instead of a pty",
        )  # fmt: skip
        s.add_argument("--baud", type=int, default=baud, help="simulated line speed")
        s.add_argument("--control", type=int, default=None, metavar="PORT",
                       help="also take commands on a loopback control socket")  # fmt: skip
        if name == "idcard":
            s.add_argument("--card", help="card JSON file (default: a sample card)")
            s.add_argument("--no-card", action="store_true", help="start with the reader empty")
        if name == "printer":
            s.add_argument("--out", default="receipts", help="folder for receipt PNGs")
        if name == "scanner":
            s.add_argument("--suffix", default="CR", help="CR, LF, CRLF, TAB or NONE")
            s.add_argument("--pace-ms", type=float, default=0.0, help="delay between bytes")
            s.add_argument("--code", action="append", default=[], help="code to send at start")
            s.add_argument("--delay", type=float, default=2.0, help="seconds before --code")
        s.set_defaults(func=_sim)


# -- helpers -------------------------------------------------------------------------
def _config(args: argparse.Namespace) -> Any:
    from app.cli import load

    return load(args)


def _port(args: argparse.Namespace, device: str, configured: str) -> str:
    from devices.errors import DeviceNotFound
    from devices.sim.runner import running_sim_url

    if getattr(args, "port", None):
        return str(args.port)
    if configured:
        return configured
    url = running_sim_url(device)
    if url:
        print(f"(no port configured; using the running {device} simulator at {url})",
              file=sys.stderr)  # fmt: skip
        return url
    raise DeviceNotFound(
        f"no port configured for {device}; set [devices.{device}] port or pass --port",
        key="error.device.not_configured",
    )


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)


# -- devices ---------------------------------------------------------------------------
def _list(args: argparse.Namespace) -> int:
    from serial.tools import list_ports

    config = _config(args)
    ports = [
        {"device": p.device, "description": p.description, "hwid": p.hwid,
         "serial_number": p.serial_number or ""}
        for p in sorted(list_ports.comports(), key=lambda p: p.device)
    ]  # fmt: skip
    configured = {
        name: getattr(config.devices, name).port for name in ("idcard", "printer", "scanner")
    }
    _emit(
        args, {"ports": ports, "configured": configured}, _list_text(ports, configured, args.lang)
    )
    return 0


def _list_text(ports: list[dict[str, str]], configured: dict[str, str], lang: str) -> str:
    from app.cli.table import table
    from kiosk.i18n import translate

    lines = [translate("cli.devices.ports", lang)]
    if ports:
        header = ["cli.col.device", "cli.col.description", "cli.col.hwid", "cli.col.serial_number"]
        cells = [[p["device"], p["description"], p["hwid"], p["serial_number"]] for p in ports]
        lines += ["  " + line for line in table(header, cells, lang).splitlines()]
    else:
        lines.append("  " + translate("cli.devices.no_ports", lang))
    lines.append(translate("cli.devices.configured", lang))
    none = translate("cli.devices.none", lang)
    rows = [[name, port or none] for name, port in configured.items()]
    lines += [
        "  " + line for line in table(["cli.col.role", "cli.col.port"], rows, lang).splitlines()
    ]
    return "\n".join(lines)


def _probe(args: argparse.Namespace) -> int:
    from devices.probe import probe_all
    from devices.sim.runner import running_sim_url

    config = _config(args)
    for name in ("idcard", "printer", "scanner"):
        section = getattr(config.devices, name)
        if not section.port and running_sim_url(name):
            section.port = running_sim_url(name)
            print(f"(no port configured; probing the running {name} simulator)", file=sys.stderr)
    results = probe_all(config.devices, args.timeout)
    from app.cli.table import table
    from kiosk.i18n import translate

    rows = [
        [r["device"], r["state"], r["port"] or "-",
         r["detail"] or (translate(r["reason"], args.lang) if r["reason"] else "")]
        for r in results.values()
    ]  # fmt: skip
    header = ["cli.col.role", "cli.col.state", "cli.col.port", "cli.col.detail"]
    _emit(args, results, table(header, rows, args.lang))
    return 0 if all(r["ok"] or r["state"] in ("disabled", "not_configured", "no_printer")
                    for r in results.values()) else 1  # fmt: skip


def _read(args: argparse.Namespace) -> int:
    from devices.errors import NoCard
    from devices.idcard import IdCardReader
    from devices.transport import Transport
    from kiosk.errors import ValidationError
    from kiosk.i18n import describe_error

    config = _config(args)
    section = config.devices.idcard
    url = _port(args, "idcard", section.port)
    transport = Transport(url, section.baudrate, section.timeout)
    reader = IdCardReader(transport, section.timeout)
    deadline = time.monotonic() + args.wait
    try:
        while True:
            try:
                read = reader.read_card()
                break
            except NoCard:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(0.5)
    finally:
        transport.close()
    ident = read.identity
    data: dict[str, Any] = {
        "name": ident.masked_name,
        "sex": {"1": "male", "2": "female"}.get(ident.sex, ident.sex),
        "nation_code": ident.nation_code,
        "nation": ident.nation,
        "birth_date": ident.birth_date.isoformat() if ident.birth_date else "",
        "address": ident.address,
        "id_number": ident.masked_id_number,
        "authority": ident.authority,
        "valid_from": ident.valid_from.isoformat() if ident.valid_from else "",
        "valid_to": "长期" if ident.long_term else (
            ident.valid_to.isoformat() if ident.valid_to else ""),
        "long_term": ident.long_term,
        "photo_bytes": len(ident.photo),
        "valid": True,
        "problem": "",
    }  # fmt: skip
    status = 0
    try:
        ident.check()
    except ValidationError as exc:
        data["valid"] = False
        data["problem"] = exc.key
        data["problem_text"] = describe_error(exc, args.lang)
        status = 1
    text = "\n".join(f"{k:<12} {v}" for k, v in data.items())
    _emit(args, data, text)
    if status:
        print(f"kiosk: {data['problem_text']}", file=sys.stderr)
    ident.wipe()
    return status


def _test_print(args: argparse.Namespace) -> int:
    from devices.printer import ReceiptPrinter
    from devices.receipt import printer_test_page
    from devices.transport import Transport

    config = _config(args)
    section = config.devices.printer
    url = _port(args, "printer", section.port)
    transport = Transport(url, section.baudrate, section.timeout)
    try:
        printer = ReceiptPrinter(
            transport, encoding=section.encoding, width_chars=section.paper_width_chars,
            timeout=section.timeout,
        )  # fmt: skip
        status = printer.print(printer_test_page())
    finally:
        transport.close()
    print(f"test receipt printed on {url} (printer state: {status.state})")
    return 0


def _scan(args: argparse.Namespace) -> int:
    from devices.scanner import Scanner
    from devices.transport import Transport

    config = _config(args)
    section = config.devices.scanner
    url = _port(args, "scanner", section.port)
    transport = Transport(url, section.baudrate, section.timeout)
    try:
        scanner = Scanner(
            transport, suffix=section.suffix, gap_ms=section.gap_ms,
            max_length=section.max_length, trigger=bytes.fromhex(section.trigger),
        )  # fmt: skip
        if not args.json:
            print(f"waiting up to {args.timeout:g} s for a code on {url} ...", file=sys.stderr)
        code = scanner.read_code(args.timeout)
    finally:
        transport.close()
    _emit(args, {"code": code, "length": len(code.encode("utf-8"))}, code)
    return 0


# -- simulators -------------------------------------------------------------------------
def _sim(args: argparse.Namespace) -> int:
    import logging
    import threading
    from pathlib import Path

    from devices.sim.runner import make_port, run_simulator

    logging.basicConfig(level=logging.WARNING)
    device = args.sim_device
    port = make_port(device, args.tcp, args.baud)
    extra = ""
    sim: Any
    if device == "idcard":
        from devices.sim.idcard_sim import IdCardSimulator, load_card_file, sample_card

        card = None if args.no_card else (
            load_card_file(Path(args.card)) if args.card else sample_card())  # fmt: skip
        sim = IdCardSimulator(port, card=card)
        extra = f"  card on the reader: {'no' if card is None else 'yes'}"
    elif device == "printer":
        from devices.sim.printer_sim import PrinterSimulator

        out = Path(args.out).resolve()
        sim = PrinterSimulator(port, out_dir=out)

        def said(receipt: Any, png: Any) -> None:
            qr = ", ".join(receipt.qr_payloads) or "none"
            print(f"receipt printed: {png or '(no PNG)'}; {len(receipt.lines)} lines; QR: {qr}",
                  flush=True)  # fmt: skip

        sim.on_receipt = said
        extra = f"  receipts are drawn to {out}/receipt-NNN.png"
    else:
        from devices.sim.scanner_sim import ScannerSimulator

        sim = ScannerSimulator(port, suffix=args.suffix, char_ms=args.pace_ms)
        if args.code:
            codes = list(args.code)

            def send_codes() -> None:
                time.sleep(args.delay)
                for code in codes:
                    sim.control("scan " + code)

            threading.Thread(target=send_codes, daemon=True).start()
    return run_simulator(device, sim, control_port=args.control, extra=extra)
