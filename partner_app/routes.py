"""Route paths in one place, so links and redirects never drift apart."""

PUBLIC = "/"
ADMIN = "/admin"
ADMIN_LOGIN = "/admin/anmelden"
ADMIN_NEWS = "/admin/nachrichten"
ADMIN_NEWS_EDIT = "/admin/nachrichten/bearbeiten"
ADMIN_AUDIT = "/admin/protokoll"
ADMIN_CONTENT = "/admin/inhalte"
ADMIN_CONTENT_EDIT = "/admin/inhalte/bearbeiten"


def news_edit_url(news_id: int | None = None) -> str:
    """The form of an existing item, or of a new one."""
    return f"{ADMIN_NEWS_EDIT}?id={news_id}" if news_id is not None else ADMIN_NEWS_EDIT


def record_edit_url(type_key: str, record_id: int | None = None) -> str:
    """The form of a partnership, contact, address or intro (new when no id)."""
    suffix = f"&id={record_id}" if record_id is not None else ""
    return f"{ADMIN_CONTENT_EDIT}?typ={type_key}{suffix}"
