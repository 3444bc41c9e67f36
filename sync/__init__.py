"""Client side of the platform protocol: outbox push, pulls, heartbeat. No Qt."""
