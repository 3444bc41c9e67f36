"""Play one prompt through ui.voice.Player, in a process of its own.

Run by tests/voice/test_playback.py against a private PulseAudio server:
``play_one.py TEXT [VOLUME]`` prints one JSON line with what the player did
and every Qt message it got; the Player's log goes to stderr.
"""

from __future__ import annotations

import json
import logging
import sys

from PySide6.QtCore import QTimer, qInstallMessageHandler
from PySide6.QtGui import QGuiApplication


def main() -> int:
    messages: list[str] = []
    qInstallMessageHandler(
        lambda mode, ctx, msg: messages.append(f"{mode.name} {ctx.category}: {msg}")
    )
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)  # the Player's one line
    app = QGuiApplication(sys.argv[:1])
    from kiosk.voice.speaker import EspeakSpeaker
    from ui.voice import Player

    wav = EspeakSpeaker().render(sys.argv[1], "zh")
    player = Player(int(sys.argv[2]) if len(sys.argv) > 2 else 80)  # the hall's volume
    done: list[bool] = []
    player.finished = lambda: (done.append(True), app.quit())
    started = player.play(wav)
    QTimer.singleShot(20_000, app.quit)  # a guard, not a measurement
    if started:
        app.exec()
    print(json.dumps({"started": started, "finished": bool(done), "messages": messages}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
