"""Settings of the running site that come from the environment (no Reflex imports)."""

import os

PUBLIC_ORIGIN_VARIABLE = "PARTNER_APP_PUBLIC_ORIGIN"


def public_origin(request_origin: str = "") -> str:
    """The origin absolute links use (canonical URLs, feeds, sitemap).

    ``PARTNER_APP_PUBLIC_ORIGIN`` (e.g. ``https://www.krefeld.de``) wins, so a proxy's
    internal host name never leaks into links; without it the request's origin is used.
    """
    configured = os.environ.get(PUBLIC_ORIGIN_VARIABLE, "").strip()
    return (configured or request_origin).rstrip("/")


IMPRINT_ADDRESS_VARIABLE = "PARTNER_APP_IMPRINT_ADDRESS"
# The provider named in the Impressum and the privacy policy (the controller).
DEFAULT_IMPRINT_ADDRESS = (
    "Stadt Krefeld",
    "Der Oberbürgermeister",
    "Von-der-Leyen-Platz 1",
    "47798 Krefeld",
)


def imprint_address() -> tuple[str, ...]:
    """The provider's postal address as lines, from ``PARTNER_APP_IMPRINT_ADDRESS``.

    Lines are separated by ``;`` (e.g. ``Stadt Krefeld; Der Oberbürgermeister; …``), so the
    value fits on one line of a systemd unit. Unset or blank means the city of Krefeld.
    """
    configured = os.environ.get(IMPRINT_ADDRESS_VARIABLE, "")
    lines = tuple(line.strip() for line in configured.split(";") if line.strip())
    return lines or DEFAULT_IMPRINT_ADDRESS


SERVER_RENDER_VARIABLE = "PARTNER_APP_SERVER_RENDER"


def server_render_enabled() -> bool:
    """Whether public pages are rendered per request (``PARTNER_APP_SERVER_RENDER=0``: no).

    Off, the prerendered shell is served and the content arrives over the websocket
    (the benchmarks compare both; it is also the way out should the renderer misbehave).
    """
    return os.environ.get(SERVER_RENDER_VARIABLE, "1").strip() != "0"
