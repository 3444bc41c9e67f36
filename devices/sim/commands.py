"""The line commands each simulator takes on stdin and on its control socket.

One list per simulator, so the simulator's ``help`` answer, the banner it
prints at start and ``kiosk sim DEVICE --help`` never disagree. Imports
nothing, so building the command line stays fast.
"""

from __future__ import annotations

CONTROL_COMMANDS: dict[str, tuple[tuple[str, str], ...]] = {
    "idcard": (
        ("card [JSON]", "place a card (the sample card, or the JSON given)"),
        ("remove", "take the card off the reader"),
        (
            "fault (bad_checksum|no_answer|partial [N]|sw3 XX|unplug [N]|garbage) "
            "[find|select|read]",
            "inject a fault, on every command or on the one named",
        ),
        ("fault none", "clear the faults"),
        ("replug", "plug the reader back in after an unplug fault"),
        ("status", "card on the reader or not, and the URL"),
    ),
    "printer": (
        ("paper ok|near_end|out", "set the paper sensor"),
        ("cover open|closed", "open or close the cover"),
        ("offline on|off", "take the printer offline or back"),
        ("fail_after N", "run out of paper after N more bytes"),
        ("status", "paper, cover, offline, receipts printed, URL"),
    ),
    "scanner": (
        ("scan TEXT", "send TEXT as one code (escapes: \\r \\n \\xNN), then the suffix"),
        ("raw HEX", "send these bytes as they are"),
        ("suffix CR|LF|CRLF|NONE", "change the suffix ended to each code"),
        ("pace MS", "wait MS milliseconds between bytes"),
        ("TEXT", "any other line is sent as a code"),
    ),
}

ALWAYS = (("help", "list the commands"), ("quit", "stop the simulator (stdin only)"))


def one_line(device: str) -> str:
    """The commands on one line, as the ``help`` command answers."""
    return " | ".join(syntax for syntax, _ in CONTROL_COMMANDS[device])


def help_text(device: str) -> str:
    """An indented list of the commands with what each does, for ``--help``."""
    rows = CONTROL_COMMANDS[device] + ALWAYS
    width = min(max(len(syntax) for syntax, _ in rows), 28)
    lines = ["control commands (on stdin, or the --control socket, one per line):"]
    for syntax, what in rows:
        if len(syntax) > width:
            lines += [f"  {syntax}", f"  {'':<{width}}  {what}"]
        else:
            lines.append(f"  {syntax:<{width}}  {what}")
    return "\n".join(lines)
