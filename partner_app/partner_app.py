"""The Reflex app: page registration only."""

import reflex as rx

from partner_app import routes, texts
from partner_app.http_endpoints import http_endpoints
from partner_app.pages import (
    accessibility_statement,
    admin_audit,
    admin_content,
    admin_login,
    admin_messages,
    admin_news,
    admin_news_edit,
    admin_record_edit,
    index,
    news_detail,
)
from partner_app.state.admin_session import AdminSessionState

app = rx.App(
    html_lang=texts.PAGE_LANG,
    stylesheets=["/styles.css", "/map/map.css"],
    api_transformer=http_endpoints(),
)
app.add_page(
    index.index,
    route=index.ROUTE,
    title=index.TITLE,
    description=index.DESCRIPTION,
    on_load=index.ON_LOAD,
)
app.add_page(
    news_detail.news_detail_page,
    route=news_detail.ROUTE,
    title=news_detail.TITLE,
    description=news_detail.DESCRIPTION,
    on_load=news_detail.ON_LOAD,
)
app.add_page(
    accessibility_statement.accessibility_statement,
    route=accessibility_statement.ROUTE,
    title=accessibility_statement.TITLE,
    description=accessibility_statement.DESCRIPTION,
    on_load=accessibility_statement.ON_LOAD,
)
for page in (
    admin_login,
    admin_news,
    admin_news_edit,
    admin_content,
    admin_record_edit,
    admin_messages,
    admin_audit,
):
    app.add_page(
        getattr(page, page.__name__.rsplit(".", 1)[-1]),
        route=page.ROUTE,
        title=page.TITLE,
        on_load=page.ON_LOAD,
    )
# /admin itself: the news list for editors, the login for everyone else.
app.add_page(
    admin_login.admin_login,
    route=routes.ADMIN,
    title=admin_login.TITLE,
    on_load=[AdminSessionState.open_login],
)
