"""Which platform each queued item was sealed for (issue 15, item 3).

``outbox.sealed_for`` is the hex of the platform sealing key a box was sealed
to; ``platforms`` lists every platform this kiosk was enrolled with (its URL,
the kiosk id it gave, its pinned signing key, the trust anchor for its TLS),
so a re-provisioning never sends an item to a platform that cannot open it,
and the item still reaches the platform it was sealed for.
"""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk.platforms")


@migrations()
def m001_sealed_for_and_platforms(db: Database) -> None:
    db.execute("ALTER TABLE outbox ADD COLUMN sealed_for TEXT NOT NULL DEFAULT ''")
    # what was queued before this migration was sealed for the key enrolled then
    db.execute(
        "UPDATE outbox SET sealed_for = coalesce("
        "(SELECT value FROM settings WHERE key = 'platform.seal_public_key'), '')"
    )
    db.execute("CREATE INDEX outbox_sealed_for ON outbox(sealed_for, state)")
    db.execute(
        """CREATE TABLE platforms (
            seal_key TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            kiosk_id TEXT NOT NULL,
            signing_key TEXT NOT NULL DEFAULT '',
            ca_bundle TEXT NOT NULL DEFAULT '',
            enrolled_at TEXT NOT NULL,
            retired_at TEXT
        )"""
    )
    db.execute(
        """INSERT INTO platforms(seal_key, url, kiosk_id, signing_key, ca_bundle, enrolled_at)
           SELECT k.value, u.value, i.value,
                  coalesce((SELECT value FROM settings
                            WHERE key = 'platform.signing_public_key'), ''),
                  coalesce((SELECT value FROM settings WHERE key = 'sync.pinned_cert'), ''),
                  strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now')
           FROM settings k, settings u, settings i
           WHERE k.key = 'platform.seal_public_key' AND u.key = 'platform.url'
             AND i.key = 'platform.kiosk_id'"""
    )


@migrations()
def m002_no_index_of_sealed_for(db: Database) -> None:
    # Every query on sealed_for also asks for state IN ('pending', 'sending'), which
    # outbox_state serves; this index was one more b-tree to change on each insert
    # and on each of an item's state changes (0.03-0.08 ms an application, issue 14's
    # journey_submit; three state changes an item in a drain, issue 19).
    db.execute("DROP INDEX IF EXISTS outbox_sealed_for")
