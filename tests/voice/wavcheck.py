"""Reading a WAV as a listener would judge it: how long, and not silence."""

from __future__ import annotations

import array
import io
import math
import wave


def duration_and_rms(data: bytes) -> tuple[float, float]:
    """Seconds of sound and the RMS of its 16-bit samples (0..32767)."""
    with wave.open(io.BytesIO(data)) as w:
        assert w.getsampwidth() == 2, "16-bit samples expected"
        frames = w.readframes(w.getnframes())
        seconds = w.getnframes() / w.getframerate()
    samples = array.array("h")
    samples.frombytes(frames)
    if not samples:
        return seconds, 0.0
    return seconds, math.sqrt(sum(s * s for s in samples) / len(samples))
