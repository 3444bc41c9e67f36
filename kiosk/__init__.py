"""Domain core of the government-service kiosk. Never imports Qt."""

__version__ = "0.1.0"
