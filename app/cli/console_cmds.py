"""``kiosk platform user add|disable|enable|reset|list|token|revoke-token``: the
console's accounts, from the server's shell.

This is how the first administrator is made (nobody can log in to make one);
later accounts can be made here or on the console's Accounts page. Passwords
are asked twice without echo, or read from standard input with
``--password-stdin`` (one line) for scripts; they never go on the command line,
where ``ps`` and the shell's history would keep them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any


def register_platform(psub: Any, parent: argparse.ArgumentParser) -> None:
    """Add ``user ...`` to ``kiosk platform``'s actions (called by platform_cmds)."""
    user = psub.add_parser("user", parents=[parent], help="staff console accounts")
    usub = user.add_subparsers(dest="user_command", required=True, metavar="ACTION")
    add = usub.add_parser("add", parents=[parent], help="add an account (the first admin too)")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=("admin", "reviewer", "clerk", "technician"))
    add.add_argument("--hall", default="", help="a counter clerk's hall (their cases)")
    add.add_argument("--name", default="", help="display name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    add.set_defaults(func=_add)
    for action, help_text in (("disable", "disable an account (ends its sessions and tokens)"),
                              ("enable", "enable a disabled account")):  # fmt: skip
        p = usub.add_parser(action, parents=[parent], help=help_text)
        p.add_argument("username")
        p.set_defaults(func=_disable if action == "disable" else _enable)
    reset = usub.add_parser(
        "reset", parents=[parent], help="set a new password (lifts a lockout, ends sessions)"
    )
    reset.add_argument("username")
    reset.add_argument("--password-stdin", action="store_true")
    reset.set_defaults(func=_reset)
    ls = usub.add_parser("list", parents=[parent], help="list accounts")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list)
    tok = usub.add_parser(
        "token", parents=[parent], help="issue an API token for the operator API (shown once)"
    )
    tok.add_argument("username")
    tok.add_argument("--label", default="")
    tok.set_defaults(func=_token)
    rev = usub.add_parser("revoke-token", parents=[parent], help="revoke an API token by its id")
    rev.add_argument("token_id", type=int)
    rev.set_defaults(func=_revoke_token)


def _db(args: argparse.Namespace) -> Any:
    from app.cli.platform_cmds import _platform
    from central.console.db import ConsoleDB

    return ConsoleDB(_platform(args).store)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise SystemExit("kiosk platform: the passwords differ; nothing changed")
    return first


def _add(args: argparse.Namespace) -> int:
    from central.console.security import AccountError, create_account

    db = _db(args)
    try:
        create_account(db, args.username, args.role, _password(args), display_name=args.name,
                       hall=args.hall)  # fmt: skip
    except AccountError as exc:
        print(f"kiosk platform: {exc}", file=sys.stderr)
        return 1
    db.audit("(shell)", "account_added", args.username, args.role)
    print(f"account {args.username} ({args.role}) added")
    return 0


def _known(db: Any, username: str) -> bool:
    if db.account(username) is None:
        print(f"kiosk platform: no account {username}", file=sys.stderr)
        return False
    return True


def _disable(args: argparse.Namespace) -> int:
    db = _db(args)
    if not _known(db, args.username):
        return 1
    db.set_disabled(args.username, True)
    db.audit("(shell)", "account_disabled", args.username)
    print(f"account {args.username} disabled")
    return 0


def _enable(args: argparse.Namespace) -> int:
    db = _db(args)
    if not _known(db, args.username):
        return 1
    db.set_disabled(args.username, False)
    db.audit("(shell)", "account_enabled", args.username)
    print(f"account {args.username} enabled")
    return 0


def _reset(args: argparse.Namespace) -> int:
    from central.console.security import AccountError, hash_password

    db = _db(args)
    if not _known(db, args.username):
        return 1
    try:
        db.set_password(args.username, hash_password(_password(args)))
    except AccountError as exc:
        print(f"kiosk platform: {exc}", file=sys.stderr)
        return 1
    db.audit("(shell)", "password_reset", args.username)
    print(f"password of {args.username} set")
    return 0


def _list(args: argparse.Namespace) -> int:
    from app.cli.table import display_width, pad

    rows = [
        {"username": a.username, "name": a.display_name, "role": a.role, "hall": a.hall,
         "disabled": a.disabled, "locked_until": a.locked_until, "last_login_at": a.last_login_at}
        for a in _db(args).accounts()
    ]  # fmt: skip
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("no accounts yet: kiosk platform user add NAME --role admin")
        return 0
    cells = [["username", "role", "hall", "state", "last login"]] + [
        [r["username"], r["role"], r["hall"] or "-", "disabled" if r["disabled"] else "active",
         r["last_login_at"] or "-"] for r in rows
    ]  # fmt: skip
    widths = [max(display_width(row[i]) for row in cells) for i in range(5)]
    for row in cells:
        print("  ".join(pad(cell, widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


def _token(args: argparse.Namespace) -> int:
    db = _db(args)
    if not _known(db, args.username):
        return 1
    token_id, token = db.new_api_token(args.username, args.label)
    db.audit("(shell)", "api_token_issued", args.username, f"#{token_id}")
    print(f"token #{token_id} for {args.username} (shown once; the platform keeps its hash):")
    print(token)
    return 0


def _revoke_token(args: argparse.Namespace) -> int:
    db = _db(args)
    if not db.revoke_api_token(args.token_id):
        print(f"kiosk platform: no live token #{args.token_id}", file=sys.stderr)
        return 1
    db.audit("(shell)", "api_token_revoked", f"#{args.token_id}")
    print(f"token #{args.token_id} revoked")
    return 0
