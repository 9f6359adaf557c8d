"""The inbox's "Antworten": a ``mailto:`` address that opens the editor's mail program.

The reply is written and sent in the editor's own mail program, from the office's
account, as any other mail of theirs; the app only prepares it: the sender's address,
a subject naming the topic, and the message quoted with "> " lines below room for the
answer. Everything is percent-encoded UTF-8 (RFC 6068), line breaks as ``%0D%0A``, so
umlauts, ``&`` or ``?`` in the text (or the address) cannot change the link.

Mail programs, and Windows handing a link to them, lose what goes beyond about 2,000
characters (Outlook, older browsers: 2,083), and every umlaut takes six as ``%C3%BC``.
A long message is therefore quoted only as far as the whole link stays within
:data:`MAX_MAILTO_LENGTH`, and the quote says that it was cut.
"""

from urllib.parse import quote

from partner_app import texts_admin

MAX_MAILTO_LENGTH = 2000
# When cutting, end at a space if there is one among the last characters kept.
_WORD_BOUNDARY_SEARCH = 40
_LINE_BREAK = "\r\n"


def address_href(email: str) -> str:
    """``mailto:`` with the address alone."""
    return "mailto:" + _address(email)


def reply_href(
    *, email: str, topic_label: str, received_label: str, text: str, limit: int = MAX_MAILTO_LENGTH
) -> str:
    """The ``mailto:`` link of a reply to the message ``text`` from ``email``."""
    subject = texts_admin.REPLY_SUBJECT.format(topic=topic_label)
    intro = texts_admin.REPLY_QUOTE_INTRO.format(received=received_label)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")

    def href(quoted: str, *, cut: bool) -> str:
        body = [_LINE_BREAK * 2 + intro, _quote(quoted)]
        if cut:
            body.append(texts_admin.REPLY_QUOTE_CUT)
        return (
            f"{address_href(email)}?subject={quote(subject, safe='')}"
            f"&body={quote(_LINE_BREAK.join(body), safe='')}"
        )

    whole = href(lines, cut=False)
    if len(whole) <= limit:
        return whole
    # The longest beginning that fits, found by halving (the length grows with it).
    fits, too_long = 0, len(lines)
    while too_long - fits > 1:
        middle = (fits + too_long) // 2
        if len(href(_beginning(lines, middle), cut=True)) <= limit:
            fits = middle
        else:
            too_long = middle
    return href(_beginning(lines, fits), cut=True)


def _address(email: str) -> str:
    # "?", "&", "," or "%" in an address would start parameters or further recipients;
    # "+" is encoded too, as some mail handlers read a literal one as a space.
    return quote(email, safe="@")


def _quote(text: str) -> str:
    return _LINE_BREAK.join(f"> {line}".rstrip() for line in text.split("\n"))


def _beginning(text: str, length: int) -> str:
    """The first ``length`` characters, ended at a word if one ends shortly before."""
    kept = text[:length]
    if length < len(text) and not text[length].isspace():
        space = max(kept.rfind(" "), kept.rfind("\n"))
        if space >= length - _WORD_BOUNDARY_SEARCH:
            kept = kept[:space]
    return kept.rstrip() + " […]"
