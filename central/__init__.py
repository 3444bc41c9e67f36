"""Reference implementation of the central platform's sync API."""
