"""The staff's web console at ``/console/``: counter, back office and fleet.

``console_router(platform)`` is included by ``central.app``. Accounts with one
of four roles (``db.ROLES``: admin, reviewer, counter clerk, fleet
technician), argon2 passwords, session cookies, CSRF on every form and an
audit of every case opened (``security``, ``db``); the case queue and a case
in words (``cases``); the fleet's heartbeats and alerts (``fleet``); the
catalog desk (``catalog``); the pages (``pages``, Jinja2 templates, one
stylesheet, no script). Its tables live in the platform's database.
"""

from central.console.pages import console_router

__all__ = ["console_router"]
