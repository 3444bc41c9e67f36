"""Peripheral drivers (ID card reader, receipt printer, scanner, A4) and simulators.

Protocol code over a tiny transport; never imports Qt.
"""
