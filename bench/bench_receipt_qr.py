"""Bytes and 9600-baud line time of a typical receipt: native QR (GS ( k)
against python-escpos's default raster QR image, both built by python-escpos."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit  # noqa: E402
from devices.escpos_job import JobBuilder  # noqa: E402
from devices.printer import render  # noqa: E402
from devices.receipt import QrCode, Receipt, sample_receipt  # noqa: E402

BAUD = 9600


def raster_job(receipt: Receipt) -> bytes:
    """The same receipt, its QR sent the library's default way (an image)."""
    without_qr = Receipt([e for e in receipt.elements if not isinstance(e, QrCode)])
    qr = next(e for e in receipt.elements if isinstance(e, QrCode))
    p = JobBuilder("gb18030")
    p.qr(qr.payload, size=qr.size)  # native=False is python-escpos's default
    return render(without_qr) + b"".join(p.pieces)


def line_seconds(n: int) -> float:
    return n * 10 / BAUD  # 8N1: ten bit times per byte


def main() -> None:
    receipt = sample_receipt()
    native = render(receipt)
    raster = raster_job(receipt)
    qr = next(e for e in receipt.elements if isinstance(e, QrCode))
    p = JobBuilder("gb18030")
    p.qr(qr.payload, size=qr.size, native=True)
    native_qr_bytes = len(b"".join(p.pieces))
    raster_qr_bytes = len(raster) - (len(native) - native_qr_bytes)
    emit(
        "receipt_native_qr",
        "line_time_9600",
        line_seconds(len(native)),
        "s",
        "python-escpos default raster QR",
        line_seconds(len(raster)),
        target="a tenth of the raster receipt's bytes or less",
        met=len(native) * 10 <= len(raster),
        bytes_ratio=round(len(native) / len(raster), 4),
        bytes_native=len(native),
        bytes_raster=len(raster),
        qr_bytes_native=native_qr_bytes,
        qr_bytes_raster=raster_qr_bytes,
        qr_payload_bytes=len(qr.payload.encode()),
    )


if __name__ == "__main__":
    main()
