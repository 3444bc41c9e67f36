"""The platform's HTTP routes, one module per audience: kiosk.py (signed kiosks),
operator.py (the operator's token). Imports central's store and protocol/ only."""
