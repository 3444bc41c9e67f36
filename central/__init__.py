"""The reference platform: the kiosk API, its store, the demo platform.

May import protocol/ and kiosk/ (catalog, config); never ui/, sync/, devices/ or app/.
"""
