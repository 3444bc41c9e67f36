"""What every simulator shares: a pty (or loopback) port it answers on."""

from __future__ import annotations

from typing import Any, Self


class PortSimulator:
    """Owns ``self.port`` (a SimPort) and answers every chunk in ``_on_bytes``."""

    port: Any

    def start(self) -> Self:
        self.port.start(self._on_bytes)
        return self

    def close(self) -> None:
        self.port.close()

    @property
    def url(self) -> str:
        return str(self.port.url)

    def _on_bytes(self, data: bytes) -> None:
        raise NotImplementedError
