"""The console's pages at ``/console/``: server-rendered forms, no script.

Every page but the login needs a live session (``__Host-console`` cookie); a
kiosk's signature or an API token opens none of them. Every POST carries the
session's CSRF token in a hidden field and is refused without it (the login
form carries a double-submit token of its own, since there is no session
yet). Each section checks the role (``security.SECTIONS``); a counter clerk's
cases are those of the kiosks in their hall. Every opening of a case's
sealed payload writes an audit row before the page is rendered.

The checks are ``kit.Kit``'s, one for every page; each section's routes are a
module of their own (``login``, ``cases``, ``fleet``, ``catalog``, ``users``).
"""

from fastapi import APIRouter

from central.console.catalog import CatalogDesk
from central.console.db import ConsoleDB
from central.console.fleet import Fleet
from central.console.pages.cases import add_case_routes
from central.console.pages.catalog import add_catalog_routes
from central.console.pages.fleet import add_fleet_routes
from central.console.pages.kit import Kit
from central.console.pages.login import add_login_routes
from central.console.pages.users import add_user_routes
from central.platform import Platform


def console_router(platform: Platform) -> APIRouter:
    """The staff console over ``platform``: its tables are created in the platform's
    database on first use, and its alerts follow every heartbeat."""
    router = APIRouter(prefix="/console", include_in_schema=False)
    kit = Kit(ConsoleDB(platform.store))
    fleet = Fleet(kit.db)
    platform.store.heartbeat_listeners["console"] = fleet.on_heartbeat
    add_login_routes(router, kit)
    add_case_routes(router, kit, platform)
    add_fleet_routes(router, kit, platform, fleet)
    add_catalog_routes(router, kit, CatalogDesk(platform))
    add_user_routes(router, kit)
    return router


__all__ = ["console_router"]
