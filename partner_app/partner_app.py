"""The Reflex app: page registration only."""

import reflex as rx

from partner_app import texts
from partner_app.pages import index

app = rx.App(html_lang=texts.PAGE_LANG, stylesheets=["/styles.css"])
app.add_page(
    index.index,
    route=index.ROUTE,
    title=index.TITLE,
    description=index.DESCRIPTION,
    on_load=index.ON_LOAD,
)
