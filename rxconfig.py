"""Reflex configuration: app name, database and plugins.

Settings come from the environment (``REFLEX_DB_URL`` overrides the database,
``REFLEX_REDIS_URL`` selects Redis for the state of several workers,
``PARTNER_APP_PUBLIC_ORIGIN`` limits CORS and the websocket to the public origin);
the default is an SQLite file in ``PARTNER_APP_DATA_DIR`` (``./data``), uploaded
images go to ``REFLEX_UPLOADED_FILES_DIR`` (``<data dir>/uploads``).
"""

import os

import reflex as rx

from partner_app import settings
from partner_app.server_render.context_patch import ServerRenderPlugin

DATA_DIR = settings.data_dir()
# SQLite cannot create the folder of its file; make sure it exists.
DATA_DIR.mkdir(parents=True, exist_ok=True)
# Uploaded images live beside the database (Reflex serves them under /_upload).
os.environ.setdefault("REFLEX_UPLOADED_FILES_DIR", str(DATA_DIR / "uploads"))

# The public origin (e.g. https://www.krefeld.de) is the only origin whose pages may open
# the websocket or call the API. Production (`reflex run --env prod`, which reloads this
# file after setting REFLEX_ENV_MODE) refuses to start without it; in development any
# origin may (the dev frontend runs on a port of its own).
try:
    PUBLIC_ORIGIN = settings.checked_public_origin(
        production=os.environ.get("REFLEX_ENV_MODE") == "prod"
    )
except settings.PublicOriginError as error:
    raise SystemExit(str(error)) from None

config = rx.Config(
    app_name="partner_app",
    db_url=f"sqlite:///{DATA_DIR / 'partner_app.db'}",
    telemetry_enabled=False,
    cors_allowed_origins=[PUBLIC_ORIGIN] if PUBLIC_ORIGIN else ["*"],
    show_built_with_reflex=False,
    # No Radix Themes: its global CSS (84 KiB compressed) went almost unused, and it
    # switched to a dark scheme the site's CSS did not follow. assets/styles.css styles
    # everything; the tabs use Radix's unstyled primitive.
    # The frontend starts from the state the server rendered the page with
    # (partner_app/server_render).
    plugins=[ServerRenderPlugin()],
    disable_plugins=[rx.plugins.SitemapPlugin, rx.plugins.RadixThemesPlugin],
)
