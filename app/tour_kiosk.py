"""The kiosk the web tours seed their platform with: enrolled through the real API,
submitting through its own ``ApplicationService``, so the console's and the phone's
pictures show cases that came the way they come in service.

``console_tour`` and ``phone_tour`` each open one, and the platform, in a
throwaway folder; what they submit, and what they do with it, is theirs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk.applications import ApplicationService, Submission
    from kiosk.config import Config
    from kiosk.identity import Identity
    from kiosk.services import StaticServices
    from kiosk.storage import Storage


@dataclass
class TourKiosk:
    config: Config
    storage: Storage
    services: StaticServices
    apps: ApplicationService

    def submit(self, code: str, *, last_option: bool = False) -> Submission:
        """One card-identified application of ``code`` with every answer given:
        the card's fields prefilled, a phone, the declaration ticked, and the first
        (or last) option of each choice; every material ticked."""
        from kiosk.forms import prefill

        service = self.services.service(code)
        assert service is not None, code
        person = tour_person()
        values = prefill(service.form, person)
        for spec in service.form:
            if not values.get(spec.id):
                values[spec.id] = _answer(spec, last_option)
        return self.apps.submit(service, person, values, [m.code for m in service.materials])


def _answer(spec: Any, last_option: bool) -> str:
    kind = spec.type.value
    if kind == "phone":
        return "13800138000"
    if kind == "checkbox":
        return "true"
    if not spec.options:
        return ""
    return str(spec.options[-1 if last_option else 0].value)


def tour_person() -> Identity:
    """The demo card's resident (王小明), as the card reader hands it over."""
    from kiosk.identity import Identity, IdentitySource

    return Identity(
        name="王小明", id_number="11010519491231002X", source=IdentitySource.CARD,
        sex="1", nation_code="01", birth_date=dt.date(1949, 12, 31),
        address="北京市朝阳区建国路88号", valid_to=dt.date.today() + dt.timedelta(days=365),
    )  # fmt: skip


@contextmanager
def tour_kiosk(url: str, platform: Any, data_dir: Path, code: str) -> Iterator[TourKiosk]:
    """A kiosk ``code`` with its database in ``data_dir``, enrolled with the platform at
    ``url`` (``platform`` hands out the token and the catalog it serves); closed after."""
    from kiosk.applications import ApplicationService
    from kiosk.catalog.files import parse_catalog
    from kiosk.config import Config
    from kiosk.outbox import Outbox
    from kiosk.services import StaticServices
    from kiosk.storage import open_storage
    from sync.enroll import enroll

    cfg = Config()
    cfg.kiosk.data_dir = str(data_dir)
    cfg.kiosk.code = code
    cfg.source = "(tour)"
    storage = open_storage(cfg.database_path)
    try:
        enroll(storage, cfg, url, platform.store.create_token())
        outbox = Outbox(storage, cfg.kiosk.code)
        catalog = parse_catalog(platform.catalog_path.read_bytes())
        services = StaticServices(list(catalog.services))
        yield TourKiosk(cfg, storage, services, ApplicationService(storage, outbox, cfg, services))
    finally:
        storage.close()


@contextmanager
def tour_platform(prefix: str, seed: Callable[[Any], None]) -> Iterator[tuple[Any, Path]]:
    """The reference platform in a throwaway folder (``prefix`` names it), ``seed``ed
    with the demo's accounts or services before it serves on a loopback port:
    ``(server, folder)``, stopped and the folder removed after."""
    from central.server import PlatformServer, open_platform

    folder = Path(tempfile.mkdtemp(prefix=prefix))
    platform = open_platform(folder / "platform" / "central.db")
    try:
        seed(platform)
        server = PlatformServer(platform).start()
        try:
            yield server, folder
        finally:
            server.stop()
    finally:
        platform.store.close()
        shutil.rmtree(folder, ignore_errors=True)
