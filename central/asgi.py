"""The platform as an ASGI app factory, for ``kiosk platform serve --workers N``.

uvicorn starts each worker in a process of its own and calls ``app()`` there,
so each worker opens its own pool of connections. Where the platform is comes
from the environment the serve command sets: ``GOV_KIOSK_PLATFORM_DB`` (a
PostgreSQL URL), ``GOV_KIOSK_PLATFORM_DATA`` (the folder of its keys and
catalogs), and optionally ``GOV_KIOSK_PLATFORM_CATALOG``,
``GOV_KIOSK_PUBLIC_URL`` and ``GOV_KIOSK_PLATFORM_POOL``.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI

from central.app import create_app
from central.server import open_platform, settle_heap


def app() -> FastAPI:
    env = os.environ
    catalog = env.get("GOV_KIOSK_PLATFORM_CATALOG")
    platform = open_platform(
        env["GOV_KIOSK_PLATFORM_DB"],
        Path(catalog) if catalog else None,
        data=Path(env["GOV_KIOSK_PLATFORM_DATA"]),
        pool_size=int(env.get("GOV_KIOSK_PLATFORM_POOL", "8")),
    )
    platform.public_url = env.get("GOV_KIOSK_PUBLIC_URL", "")
    built = create_app(platform)
    settle_heap()
    return built
