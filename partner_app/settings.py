"""Settings of the running site that come from the environment (no Reflex imports)."""

import functools
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

PROJECT_DIR = Path(__file__).resolve().parents[1]
DATA_DIR_VARIABLE = "PARTNER_APP_DATA_DIR"


def data_dir() -> Path:
    """The folder of the app's own files: ``PARTNER_APP_DATA_DIR``, by default ``./data``."""
    return Path(os.environ.get(DATA_DIR_VARIABLE, PROJECT_DIR / "data")).resolve()


SECRET_KEY_VARIABLE = "PARTNER_APP_SECRET_KEY"  # noqa: S105  (the name, not a key)
SECRET_KEY_FILE = "secret_key"  # noqa: S105  (a file name)
# A shorter key could be guessed together with the few IPv4 networks there are.
MIN_SECRET_KEY_LENGTH = 32


class SecretKeyError(RuntimeError):
    """The configured secret key cannot be used; the message says why (German)."""


def secret_key() -> bytes:
    """The app's secret for keyed hashes (HMAC), e.g. of a message sender's network.

    ``PARTNER_APP_SECRET_KEY`` when set (at least 32 characters; several hosts that share a
    database need the same one). Otherwise a random key that the first start writes to
    ``secret_key`` in the data folder (mode 0600) and every later start reads, so
    ``make run`` needs no set-up.
    """
    configured = os.environ.get(SECRET_KEY_VARIABLE, "").strip()
    if configured:
        if len(configured) < MIN_SECRET_KEY_LENGTH:
            msg = (
                f"{SECRET_KEY_VARIABLE} ist zu kurz: mindestens {MIN_SECRET_KEY_LENGTH} "
                "Zeichen, zum Beispiel aus "
                '`python -c "import secrets; print(secrets.token_urlsafe(32))"`.'
            )
            raise SecretKeyError(msg)
        return configured.encode()
    return _stored_secret(data_dir() / SECRET_KEY_FILE)


@functools.cache
def _stored_secret(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written in full under a name of its own, then linked into place: a worker that
        # starts at the same moment never reads half a key, and the first link wins.
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    stored = path.read_text().strip()
    if len(stored) < MIN_SECRET_KEY_LENGTH:
        msg = f"Die Schlüsseldatei {path} ist leer oder zu kurz; löschen Sie sie für eine neue."
        raise SecretKeyError(msg)
    return stored.encode()


PUBLIC_ORIGIN_VARIABLE = "PARTNER_APP_PUBLIC_ORIGIN"


class PublicOriginError(RuntimeError):
    """``PARTNER_APP_PUBLIC_ORIGIN`` is missing in production, or no origin."""


def public_origin(request_origin: str = "") -> str:
    """The origin absolute links use (canonical URLs, feeds, sitemap).

    ``PARTNER_APP_PUBLIC_ORIGIN`` (e.g. ``https://www.krefeld.de``) wins, so a proxy's
    internal host name never leaks into links. Only in development, where the variable
    may be missing (:func:`checked_public_origin`), is the request's origin used.
    """
    configured = os.environ.get(PUBLIC_ORIGIN_VARIABLE, "").strip()
    return (configured or request_origin).rstrip("/")


def checked_public_origin(*, production: bool) -> str:
    """The configured public origin, checked; "" in development when none is set.

    In production a missing origin would let the ``Host`` header, which every client
    chooses, become the origin of canonical URLs, feeds, the sitemap and redirects, and
    would open CORS and the websocket to every origin: the app refuses to start.
    """
    configured = os.environ.get(PUBLIC_ORIGIN_VARIABLE, "").strip().rstrip("/")
    if not configured:
        if production:
            msg = (
                f"{PUBLIC_ORIGIN_VARIABLE} ist nicht gesetzt. Im Produktionsbetrieb braucht "
                "die App ihre öffentliche Adresse, zum Beispiel "
                f"{PUBLIC_ORIGIN_VARIABLE}=https://www.krefeld.de (auf diesem Rechner allein: "
                "http://localhost:3000); siehe docs/operations.md."
            )
            raise PublicOriginError(msg)
        return ""
    parts = urlsplit(configured)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.path:
        msg = (
            f"{PUBLIC_ORIGIN_VARIABLE}={configured!r} ist keine Adresse der Form "
            "https://name[:port] (ohne Pfad)."
        )
        raise PublicOriginError(msg)
    return configured


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


CLOSED_TAB_VARIABLE = "PARTNER_APP_CLOSED_TAB_SECONDS"
CLOSED_TAB_DEFAULT_S = 120


def closed_tab_seconds() -> float:
    """How long a closed public tab's state waits for a reconnect before it is dropped.

    ``PARTNER_APP_CLOSED_TAB_SECONDS`` (default 120): long enough for a reload or a
    network change; a tab coming back later loads its page anew from its address.
    """
    raw = os.environ.get(CLOSED_TAB_VARIABLE, "").strip()
    try:
        return max(0.0, float(raw)) if raw else CLOSED_TAB_DEFAULT_S
    except ValueError:
        return CLOSED_TAB_DEFAULT_S


REQUIRE_TWO_FACTOR_VARIABLE = "PARTNER_APP_REQUIRE_TWO_FACTOR"


def two_factor_required() -> bool:
    """Whether every editor must use the two-factor login (``PARTNER_APP_REQUIRE_TWO_FACTOR=1``).

    Off by default: each editor may switch it on for themselves. On, an editor without it
    can, after the password, only set it up before doing anything else in the admin.
    """
    return os.environ.get(REQUIRE_TWO_FACTOR_VARIABLE, "").strip().lower() in {"1", "true", "ja"}


# An e-mail to the office for each new message (services/inbox_notifications.py).
SMTP_HOST_VARIABLE = "PARTNER_APP_SMTP_HOST"
SMTP_PORT_VARIABLE = "PARTNER_APP_SMTP_PORT"
SMTP_TLS_VARIABLE = "PARTNER_APP_SMTP_TLS"
SMTP_USER_VARIABLE = "PARTNER_APP_SMTP_USER"
SMTP_PASSWORD_VARIABLE = "PARTNER_APP_SMTP_PASSWORD"  # noqa: S105  (the name, not a password)
SMTP_FROM_VARIABLE = "PARTNER_APP_SMTP_FROM"
INBOX_NOTIFY_TO_VARIABLE = "PARTNER_APP_INBOX_NOTIFY_TO"
# The connection's protection and the port each uses by default.
SMTP_DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class MailSettingsError(ValueError):
    """The mail settings cannot be used; the message says why (German)."""


@dataclass(frozen=True)
class MailSettings:
    """How to send the office its notice of a new message."""

    host: str
    port: int
    # "starttls", "ssl" (TLS from the first byte) or "none" (a relay on a trusted network).
    tls: str
    user: str
    password: str = field(repr=False)
    sender: str
    recipients: tuple[str, ...]


def inbox_notification_mail() -> MailSettings | None:
    """The SMTP settings for the office's notice, or None when it is off (the default).

    On only when ``PARTNER_APP_SMTP_HOST`` and ``PARTNER_APP_INBOX_NOTIFY_TO`` (one
    address or several, separated by commas) are set. ``PARTNER_APP_SMTP_TLS`` is
    ``starttls`` (default), ``ssl`` or ``none``; the port defaults to 587, 465 or 25
    accordingly. ``PARTNER_APP_SMTP_USER`` and ``_PASSWORD`` log in, never over an
    unprotected connection. The sender is ``PARTNER_APP_SMTP_FROM``, else the first
    recipient. Raises :class:`MailSettingsError` for settings that cannot work.
    """
    host = os.environ.get(SMTP_HOST_VARIABLE, "").strip()
    recipients = tuple(
        address.strip()
        for address in os.environ.get(INBOX_NOTIFY_TO_VARIABLE, "").split(",")
        if address.strip()
    )
    if not host or not recipients:
        return None
    tls = os.environ.get(SMTP_TLS_VARIABLE, "").strip().lower() or "starttls"
    if tls not in SMTP_DEFAULT_PORTS:
        msg = f"{SMTP_TLS_VARIABLE} muss starttls, ssl oder none sein, nicht „{tls[:20]}“."
        raise MailSettingsError(msg)
    raw_port = os.environ.get(SMTP_PORT_VARIABLE, "").strip()
    port = int(raw_port) if raw_port.isdigit() else SMTP_DEFAULT_PORTS[tls]
    if raw_port and not (raw_port.isdigit() and 0 < port < 65536):
        msg = f"{SMTP_PORT_VARIABLE} muss eine Portnummer sein (1 bis 65535)."
        raise MailSettingsError(msg)
    user = os.environ.get(SMTP_USER_VARIABLE, "").strip()
    if user and tls == "none":
        msg = (
            f"{SMTP_USER_VARIABLE} ist gesetzt, aber {SMTP_TLS_VARIABLE}=none: das Passwort "
            "ginge unverschlüsselt über das Netz. Bitte starttls oder ssl verwenden."
        )
        raise MailSettingsError(msg)
    return MailSettings(
        host=host,
        port=port,
        tls=tls,
        user=user,
        password=os.environ.get(SMTP_PASSWORD_VARIABLE, ""),
        sender=os.environ.get(SMTP_FROM_VARIABLE, "").strip() or recipients[0],
        recipients=recipients,
    )
