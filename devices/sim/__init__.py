"""Simulators that speak the real device protocols over a pseudo-terminal or a
loopback TCP port, so the real drivers run against them unchanged."""
