"""Peripheral drivers (ID card reader, receipt printer, scanner, A4) and simulators.

Protocol code over a tiny transport; may import kiosk/ and protocol/, never Qt or sync/.
"""
