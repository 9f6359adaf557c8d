"""The Reflex app: page registration only."""

from collections.abc import Callable
from types import ModuleType

import reflex as rx

from partner_app import (
    closed_tabs,
    database_pool,
    event_limits,
    log_hygiene,
    routes,
    settings,
    texts,
)
from partner_app.components.connection_notice import connection_notice_overlay
from partner_app.components.page_head import head_tags, page_image
from partner_app.http_endpoints import http_endpoints
from partner_app.maintenance import maintenance_lifespan
from partner_app.pages import (
    accessibility_statement,
    admin_account,
    admin_audit,
    admin_content,
    admin_login,
    admin_login_code,
    admin_messages,
    admin_news,
    admin_news_edit,
    admin_record_edit,
    imprint,
    index,
    news_detail,
    not_found,
    privacy,
)
from partner_app.reflex_internals import (
    give_back_state_locks_of_cancelled_events,
    protect_states_directory,
    replace_connection_overlay,
    transform_connection_cookies,
)
from partner_app.server_render.not_found import RenderedNotFound
from partner_app.server_render.renderer import renderer_lifespan
from partner_app.services.share_images import site_share_image
from partner_app.session_cookie import hashed_cookie_header
from partner_app.startup_heap import frozen_startup_heap
from partner_app.state.admin_session import AdminDataGuard, AdminSessionState

database_pool.register()
# A tab reloaded while its page loads must not wait 10 s for a lost Redis state lock.
give_back_state_locks_of_cancelled_events()
# The editor's session cookie reaches the states only as its hash, never stored in clear.
transform_connection_cookies(hashed_cookie_header)
# Only the app's own events, within a budget per connection; client text logged safely.
event_limits.install()
# A closed public tab's state goes after a short wait, not after Reflex's hour.
closed_tabs.install()
# Reflex writes client tokens into some log lines: they are blanked.
log_hygiene.install()
# The state files hold admin data: no other user of the machine may read them.
protect_states_directory()

app = rx.App(
    html_lang=texts.PAGE_LANG,
    stylesheets=["/styles.css", "/map/map.css"],
    # Reflex's own app answers unknown addresses with the rendered "not found" page; the
    # app's own routes (pages, feeds, sitemap) are mounted in front of it.
    api_transformer=[RenderedNotFound, http_endpoints()],
    frontend_exception_handler=event_limits.log_frontend_exception,
)
# Before Reflex's own hydration: a tab whose session ended is sent no admin data.
app.add_middleware(AdminDataGuard(), index=0)
# Each worker's page renderer (partner_app/server_render) starts and stops with it.
app.register_lifespan_task(renderer_lifespan)
# Expired data (login attempts, sender keys, old messages and sessions) goes daily.
app.register_lifespan_task(maintenance_lifespan)
# Last: the objects the worker has by then stay out of the garbage collector's full passes.
app.register_lifespan_task(frozen_startup_heap)
# Our own notice instead of Reflex's English toast when the connection is lost.
replace_connection_overlay(app, connection_notice_overlay)
# Each page module names its ROUTE, TITLE and ON_LOAD (public pages also a DESCRIPTION
# and their HEAD, the PageMeta var their head tags come from).
PAGES: list[tuple[ModuleType, Callable[[], rx.Component]]] = [
    (index, index.index),
    (news_detail, news_detail.news_detail_page),
    (accessibility_statement, accessibility_statement.accessibility_statement),
    (not_found, not_found.not_found_page),
    (imprint, imprint.imprint),
    (privacy, privacy.privacy_policy),
    (admin_login, admin_login.admin_login),
    (admin_news, admin_news.admin_news),
    (admin_news_edit, admin_news_edit.admin_news_edit),
    (admin_content, admin_content.admin_content),
    (admin_record_edit, admin_record_edit.admin_record_edit),
    (admin_messages, admin_messages.admin_messages),
    (admin_audit, admin_audit.admin_audit),
    (admin_login_code, admin_login_code.admin_login_code),
    (admin_account, admin_account.admin_account),
]
# Reflex's default og:image is "favicon.ico", relative, which no link preview can load:
# pages without a head of their own (the admin, "not found", whose route Reflex will not
# give a var) name the site's own image, absolute with the origin of the build.
SITE_IMAGE = settings.public_origin() + site_share_image().path
for page, component in PAGES:
    head = getattr(page, "HEAD", None)
    app.add_page(
        component,
        route=page.ROUTE,
        title=page.TITLE,
        description=getattr(page, "DESCRIPTION", None),
        image=page_image(head) if head is not None and page is not not_found else SITE_IMAGE,
        on_load=page.ON_LOAD,
        meta=head_tags(head) if head is not None else [],
    )
# /admin itself: the news list for editors, the login for everyone else.
app.add_page(
    admin_login.admin_login,
    route=routes.ADMIN,
    title=admin_login.TITLE,
    image=SITE_IMAGE,
    on_load=[AdminSessionState.open_login],
)
