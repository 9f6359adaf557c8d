"""Route paths in one place, so links and redirects never drift apart."""

from urllib.parse import quote

PUBLIC = "/"
NEWS_PREFIX = "/nachrichten/"
NEWS_DETAIL = NEWS_PREFIX + "[slug]"
ACCESSIBILITY = "/barrierefreiheit"
IMPRINT = "/impressum"
PRIVACY = "/datenschutz"


def page_url(route: str) -> str:
    """The address a static page answers directly (for links, sitemap and canonical).

    The production build stores each static page as a folder: ``/barrierefreiheit``
    answers 307 to ``/barrierefreiheit/``, which answers 200. Links use the final form.
    """
    return route.rstrip("/") + "/"


ACCESSIBILITY_URL = page_url(ACCESSIBILITY)
IMPRINT_URL = page_url(IMPRINT)
PRIVACY_URL = page_url(PRIVACY)
# Reflex's name for the page shown at every unknown address.
NOT_FOUND = "404"
# Public pages besides "/" (for the sitemap).
PUBLIC_PAGES = (ACCESSIBILITY_URL, IMPRINT_URL, PRIVACY_URL)
ADMIN = "/admin"
ADMIN_LOGIN = "/admin/anmelden"
# The second step of a login with two factors (page and form post).
ADMIN_LOGIN_CODE = "/admin/anmelden/code"
# Answered by plain HTTP endpoints (partner_app/admin_endpoints.py), not by Reflex pages.
ADMIN_LOGOUT = "/admin/abmelden"
ADMIN_NEWS = "/admin/nachrichten"
ADMIN_NEWS_EDIT = "/admin/nachrichten/bearbeiten"
ADMIN_AUDIT = "/admin/protokoll"
ADMIN_MESSAGES = "/admin/postfach"
ADMIN_CONTENT = "/admin/inhalte"
ADMIN_CONTENT_EDIT = "/admin/inhalte/bearbeiten"
# The editor's own account: the two-factor login's set-up.
ADMIN_ACCOUNT = "/admin/konto"
# The open data API (partner_app/open_data_api.py) and its OpenAPI description.
API = "/api/v1"
API_NEWS = API + "/nachrichten"
API_OPENAPI = API + "/openapi.json"


def admin_return_path(path: str) -> str:
    """``path`` when it is an admin page to return to after the login, else "".

    Only the app's own admin pages: never another host (``//host``, ``/\\host``), never
    the login itself, so the login cannot be turned into an open redirect.
    """
    if not path.startswith(ADMIN + "/") or "\\" in path or len(path) > 300:
        return ""
    if path.startswith((ADMIN_LOGIN, ADMIN_LOGOUT)) or any(ord(char) < 33 for char in path):
        return ""
    return path


def news_edit_url(news_id: int | None = None) -> str:
    """The form of an existing item, or of a new one."""
    return f"{ADMIN_NEWS_EDIT}?id={news_id}" if news_id is not None else ADMIN_NEWS_EDIT


def record_edit_url(type_key: str, record_id: int | None = None) -> str:
    """The form of a partnership, contact, address or intro (new when no id)."""
    suffix = f"&id={record_id}" if record_id is not None else ""
    return f"{ADMIN_CONTENT_EDIT}?typ={type_key}{suffix}"


def news_url(slug: str) -> str:
    """The detail page of a news item."""
    return NEWS_PREFIX + quote(slug, safe="")


def news_slug_from_path(path: str) -> str:
    """The slug in a detail page path (``/nachrichten/<slug>``, maybe with a final slash)."""
    if not path.startswith(NEWS_PREFIX):
        return ""
    return path.removeprefix(NEWS_PREFIX).strip("/")
