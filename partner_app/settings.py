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
