"""Route paths in one place, so links and redirects never drift apart."""

PUBLIC = "/"
ADMIN = "/admin"
ADMIN_LOGIN = "/admin/anmelden"
ADMIN_NEWS = "/admin/nachrichten"
ADMIN_NEWS_EDIT = "/admin/nachrichten/bearbeiten"
ADMIN_AUDIT = "/admin/protokoll"


def news_edit_url(news_id: int | None = None) -> str:
    """The form of an existing item, or of a new one."""
    return f"{ADMIN_NEWS_EDIT}?id={news_id}" if news_id is not None else ADMIN_NEWS_EDIT
