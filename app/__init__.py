"""The composition root: every command (cli/), the wiring of the areas, demo mode.

May import every other package; nothing imports it but main.py and the tests.
"""
