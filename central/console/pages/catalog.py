"""The catalog desk's pages: the published and the staged version, an upload checked
with the kiosks' own catalog model, publishing what was staged."""
# No ``from __future__ import annotations``: FastAPI reads the route annotations.

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response

from central.console.catalog import CatalogDesk
from central.console.pages.kit import Kit, Text


def add_catalog_routes(router: APIRouter, kit: Kit, desk: CatalogDesk) -> None:
    db = kit.db

    @router.get("/catalog")
    def catalog_view(request: Request) -> Response:
        return kit.show(request, "catalog", lambda session: kit.page(
            "catalog.html", request, session, current=desk.current(), staged=desk.staged()
        ))  # fmt: skip

    @router.post("/catalog/upload")
    def catalog_upload(
        request: Request, document: Annotated[UploadFile, File()], csrf: Text = ""
    ) -> Response:
        session = kit.posted(request, "catalog", csrf)
        if isinstance(session, Response):
            return session
        raw = document.file.read()
        problems = desk.stage(raw, document.filename or "upload.json")
        db.audit(session.account, "catalog_uploaded", document.filename or "",
                 f"{len(problems)} problem(s)", kit.address(request))  # fmt: skip
        return kit.page("catalog.html", request, session, 200 if not problems else 422,
                        current=desk.current(), staged=desk.staged(),
                        problems=problems)  # fmt: skip

    @router.post("/catalog/publish")
    def catalog_publish(request: Request, csrf: Text = "") -> Response:
        session = kit.posted(request, "catalog", csrf)
        if isinstance(session, Response):
            return session
        try:
            version = desk.publish()
        except ValueError as exc:
            return kit.back("/console/catalog", f"未发布 Not published: {exc}")
        db.audit(session.account, "catalog_published", f"v{version}",
                 address=kit.address(request))  # fmt: skip
        return kit.back("/console/catalog", f"已发布 Published: version {version}")
