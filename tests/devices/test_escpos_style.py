"""Leaving out redundant style commands must not change what the printer prints."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.escpos_job import JobBuilder
from devices.printer import render, render_commands
from devices.receipt import sample_receipt
from devices.sim.escpos_interp import EscPosInterpreter, Line, PrintedReceipt, QrBlock

# Few choices each, so that short sequences meet every interplay (ESC ! against
# ESC E and GS !, a later command overriding an earlier one) often.
STYLE = st.sampled_from(
    [b"\x1b!\x00", b"\x1b!\x08", b"\x1b!0", b"\x1bE\x00", b"\x1bE\x01"]
    + [b"\x1ba\x00", b"\x1ba1", b"\x1d!\x00", b"\x1d!\x11", b"\x1d!\x10"]
    + [b"\x1b!\x00\x1b!0"]  # python-escpos sends some pairs as one piece
)
TEXT = st.sampled_from([b"ab", "办".encode("gb18030"), b"\n", b"\x1b@"])


def printed(job: bytes) -> list[tuple[str, object]]:
    """What a printer prints, with neighbouring spans of one style joined."""
    receipts: list[PrintedReceipt] = []
    interp = EscPosInterpreter(on_cut=receipts.append)
    interp.feed(job + b"\x1dV\x00")
    out: list[tuple[str, object]] = []
    for block in receipts[0].blocks:
        if isinstance(block, QrBlock):
            out.append(("qr", (block.payload, block.align)))
            continue
        assert isinstance(block, Line)
        spans: list[tuple[str, bool, int, int]] = []
        for s in block.spans:
            style = (s.bold, s.width, s.height)
            if spans and spans[-1][1:] == style:
                spans[-1] = (spans[-1][0] + s.text, *style)
            elif s.text:
                spans.append((s.text, *style))
        out.append((block.align if block.text else "", spans))
    return out


def build(pieces: list[bytes], keep_redundant: bool) -> bytes:
    job = JobBuilder("gb18030", keep_redundant=keep_redundant)
    for piece in pieces:
        job._raw(piece)
    return b"".join(job.pieces)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.one_of(STYLE, TEXT), max_size=40))
def test_compacted_job_prints_the_same(pieces: list[bytes]) -> None:
    full, compact = build(pieces, True), build(pieces, False)
    assert len(compact) <= len(full)
    assert printed(compact) == printed(full)


def test_receipt_is_smaller_and_prints_the_same() -> None:
    receipt = sample_receipt()
    compact = render(receipt)
    full = b"".join(render_commands(receipt, keep_redundant=True))
    assert len(compact) < len(full) * 0.9
    assert printed(compact) == printed(full)
    assert compact.startswith(b"\x1b@\x1c&") and compact.endswith(b"\x1dV\x00")
