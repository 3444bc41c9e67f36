"""Alembic's entry: the platform's migrations run on the connection the store hands
over (``central.store.database.Database.migrate``), or, from the ``alembic``
command (``alembic -c central/store/alembic.ini ...``, to write a new one), on the
URL in ``GOV_KIOSK_PLATFORM_DB``.

``render_as_batch`` makes every later ``ALTER`` a copy-and-move on SQLite, which
cannot alter most of a table in place; on PostgreSQL it is a plain ``ALTER``.
"""

from __future__ import annotations

import os

import sqlalchemy as sa
from alembic import context

from central.store.schema import metadata

config = context.config


def _run(conn: sa.Connection) -> None:
    context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    url = os.environ.get("GOV_KIOSK_PLATFORM_DB") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("set GOV_KIOSK_PLATFORM_DB to the platform's database URL")
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        _run(connection)
        connection.commit()
