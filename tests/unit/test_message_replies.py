"""The "Antworten" link: a mailto: reply that opens in the editor's mail program."""

from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from partner_app.services.message_replies import MAX_MAILTO_LENGTH, address_href, reply_href


def _reply(text: str, *, email: str = "anna@example.org", limit: int = MAX_MAILTO_LENGTH) -> str:
    return reply_href(
        email=email,
        topic_label="Allgemeine Nachricht",
        received_label="25.11.2026, 11:00 Uhr",
        text=text,
        limit=limit,
    )


def _parts(href: str) -> tuple[str, str, str]:
    """Address, subject and body as a mail program reads them."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    assert set(query) == {"subject", "body"}
    return unquote(parts.path), query["subject"][0], query["body"][0]


def test_the_reply_goes_to_the_sender_with_the_topic_and_the_message_quoted() -> None:
    href = _reply("Grüß Gott aus Köln!\r\nGibt es Fahrten nach Leicester?\n\nViele Grüße\nAnna")

    address, subject, body = _parts(href)
    assert address == "anna@example.org"
    assert subject == "Ihre Nachricht an die Stadt Krefeld: Allgemeine Nachricht"
    assert body == (
        "\r\n\r\nAm 25.11.2026, 11:00 Uhr schrieben Sie:\r\n"
        "> Grüß Gott aus Köln!\r\n"
        "> Gibt es Fahrten nach Leicester?\r\n"
        ">\r\n"
        "> Viele Grüße\r\n"
        "> Anna"
    )


def test_everything_is_percent_encoded_utf8() -> None:
    href = _reply("Straße & Plätze? 100% + mehr #1")

    # Nothing but the link's own characters stays literal: no space, "+", "#" or umlaut.
    assert href.isascii()
    assert " " not in href
    assert "#" not in href
    assert "%C3%9F" in href  # ß
    assert "%0D%0A" in href  # line breaks as CRLF
    assert href.count("?") == 1
    assert href.count("&") == 1
    assert _parts(href)[2].endswith("> Straße & Plätze? 100% + mehr #1")


@pytest.mark.parametrize(
    "email", ["anna+partner@example.org", "a?body=gestohlen@example.org", "a,b&cc=x@example.org"]
)
def test_an_odd_address_stays_one_recipient_and_adds_no_parameters(email: str) -> None:
    href = _reply("Hallo", email=email)

    assert _parts(href)[0] == email
    assert unquote(address_href(email).removeprefix("mailto:")) == email
    assert "?" not in address_href(email)


def test_a_long_message_is_cut_so_the_link_stays_usable_and_says_so() -> None:
    text = "\n".join(f"Zeile {number}: Übermäßig lange Grüße aus Krefeld" for number in range(300))

    href = _reply(text)

    assert len(href) <= MAX_MAILTO_LENGTH
    body = _parts(href)[2]
    assert body.endswith(" […]\r\n(Zitat gekürzt)")
    quoted = body.split("\r\n")[3:-1]
    # The beginning is kept, line by line, and ends at a word.
    assert quoted[0] == "> Zeile 0: Übermäßig lange Grüße aus Krefeld"
    assert all(line.startswith("> ") for line in quoted)
    assert len(quoted) > 10
    assert quoted[-1].removesuffix(" […]").split(" ")[-1] in text.split()


def test_a_long_message_uses_the_room_there_is() -> None:
    href = _reply("ä" * 2000)

    # Every "ä" takes six characters; cut within one word, the rest of the room is used.
    assert MAX_MAILTO_LENGTH - 6 < len(href) <= MAX_MAILTO_LENGTH


def test_a_message_that_fits_is_quoted_whole() -> None:
    text = "Kurz und gut. " * 20
    assert "(Zitat gekürzt)" not in _parts(_reply(text))[2]
    assert "(Zitat gekürzt)" in _parts(_reply(text, limit=400))[2]
