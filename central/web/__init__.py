"""The resident's phone pages, served by the platform behind every QR the kiosk
shows or prints (``phone_router``).

Server-rendered (Jinja2, one stylesheet, no script needed), zh and en with a
switch, a large-text mode with the kiosk's 适老化 numbers, readable at 360 px:

- ``/guide/<code>``: the service guide, the same view the kiosk shows
  (``kiosk.catalog.guide.guide_view``);
- ``/cases/<client id>``: the case's timeline, the masked name, the tracking
  number, the certificate behind the last four of the ID number, the 好差评
  rating once per case; the unguessable client id is the only capability;
- ``/start``: start an application on the phone, finish it at the kiosk;
- ``/id``: the identity QR (亮证) after signing in with the identity provider;
- ``/inbox``: the demo notifier's inbox of notices;
- ``/api/v1/phone-drafts/claim``: the kiosk's signed claim of a phone-started
  application.
"""

from central.web.router import phone_router

__all__ = ["phone_router"]
