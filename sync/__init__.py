"""Client side of the platform protocol: outbox push, pulls, heartbeat, provisioning.

May import kiosk/ and protocol/; never Qt, devices/ or central/.
"""
