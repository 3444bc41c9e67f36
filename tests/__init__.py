"""The tests: a package, so that tests/sync is tests.sync and never shadows the sync package."""
