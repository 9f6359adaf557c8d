"""The language of the public pages, taken from the URL (``?lang=en``)."""

import json

import reflex as rx

from partner_app.i18n import DEFAULT_LANGUAGE, parse_language, with_language


class LanguageState(rx.State):
    """The page language and the address of the same page in the other language."""

    lang: rx.Field[str] = rx.field(DEFAULT_LANGUAGE)
    switch_url: rx.Field[str] = rx.field(with_language("/", "en"))

    @rx.var
    def is_english(self) -> bool:
        """Whether the page is shown in English."""
        return self.lang == "en"

    @rx.event
    def detect(self) -> rx.event.EventSpec | None:
        """Read the language from the URL (first on_load event of every public page)."""
        url = self.router.url
        lang = parse_language(url.query_parameters.get("lang"))
        changed = lang != self.lang
        self.lang = lang
        here = url.path + (f"?{url.query}" if url.query else "")
        self.switch_url = with_language(here, "de" if lang == "en" else "en")
        if not changed and lang == DEFAULT_LANGUAGE:
            # The served HTML already says lang="de".
            return None
        # <html lang> is rendered once; screen readers and axe read the live attribute.
        return rx.call_script(f"document.documentElement.lang = {json.dumps(lang)}")


async def language_of(state: rx.State) -> str:
    """The page language, for handlers of other states."""
    return (await state.get_state(LanguageState)).lang
