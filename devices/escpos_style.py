"""The printer's text-style state, to leave out style commands that change nothing.

python-escpos's ``set()`` sends every style it is given, and a size change
always starts with ``ESC ! 0``; a receipt built from a few ``set()`` calls per
line carries dozens of commands that restate what the printer already has.
At 9600 baud each three-byte command costs about 3 ms of line time, and on a
receipt of ~500 bytes they were an eighth of the job. python-escpos has no
notion of the printer's current state, so it is kept here.

The model follows the ESC/POS manual: ``ESC !`` and ``ESC E`` share the
emphasis (bold) state, ``ESC !`` and ``GS !`` share the character size,
``ESC !`` and ``ESC -`` share underline, ``ESC !`` and ``ESC M`` share the
font; ``ESC @`` makes every state unknown again (we never assume the
printer's defaults). A command is dropped only when every state it sets is
known and already equal.
"""

from __future__ import annotations

ESC, GS = 0x1B, 0x1D

State = dict[str, int]


def effect(command: bytes) -> State | None:
    """The states a three-byte style command sets, or None if it is not one."""
    if len(command) != 3:
        return None
    prefix, n = command[:2], command[2]
    if prefix == b"\x1b!":
        return {
            "font": n & 0x01,
            "bold": (n >> 3) & 1,
            "size": (0x10 if n & 0x20 else 0) | (0x01 if n & 0x10 else 0),
            "underline": 1 if n & 0x80 else 0,
        }
    if prefix == b"\x1bE":
        return {"bold": n & 1}
    if prefix == b"\x1d!":
        return {"size": n}
    if prefix == b"\x1b-":
        return {"underline": n % 48}
    if prefix == b"\x1bM":
        return {"font": n % 48}
    if prefix == b"\x1ba":
        return {"align": n % 48}
    if prefix == b"\x1bt":
        return {"codepage": n}
    return None


class StyleState:
    """What the printer is known to be set to, fed every piece of a job in order.

    Style commands wait in ``pending`` until something is printed: one that a
    later command overrides entirely before any text (``ESC a 0`` right before
    ``ESC a 1``) is dropped, and at the flush one that restates a known state is
    dropped too.
    """

    def __init__(self) -> None:
        self.known: State = {}
        self.pending: list[tuple[bytes, State]] = []

    def feed(self, piece: bytes) -> bytes:
        """What must be sent now for ``piece``; style commands are held back.

        python-escpos sometimes sends two style commands as one piece (its
        "normal size" is ``ESC ! 0`` twice), so a piece made only of style
        commands is taken command by command; any other piece flushes what is
        pending and is sent whole.
        """
        commands = [piece[i : i + 3] for i in range(0, len(piece), 3)]
        effects = [effect(c) for c in commands]
        if not piece or any(e is None for e in effects):
            out = self.flush() + piece
            if piece.startswith(b"\x1b@"):
                self.known.clear()
            return out
        for command, sets in zip(commands, effects, strict=True):
            assert sets is not None
            self.pending = [(c, s) for c, s in self.pending if not s.keys() <= sets.keys()]
            self.pending.append((command, sets))
        return b""

    def flush(self) -> bytes:
        """The pending style commands that change something, in their order."""
        kept = bytearray()
        for command, sets in self.pending:
            if any(self.known.get(k) != v for k, v in sets.items()):
                self.known.update(sets)
                kept += command
        self.pending.clear()
        return bytes(kept)
