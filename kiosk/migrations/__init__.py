"""Schema migrations, one sqlite-utils ``Migrations`` set per area.

Each area owns its set in a module here, so areas evolve their tables without
touching each other's history. Order in ALL_MIGRATIONS is the apply order.
"""

from sqlite_utils.migrations import Migrations

from kiosk.migrations.catalog import migrations as catalog
from kiosk.migrations.core import migrations as core
from kiosk.migrations.outbox import migrations as outbox
from kiosk.migrations.platforms import migrations as platforms

ALL_MIGRATIONS: list[Migrations] = [core, outbox, catalog, platforms]
