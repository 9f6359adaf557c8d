"""Generated placeholder artwork for news without a real photo.

The original press photos are not available. These SVGs say plainly that they
are placeholders, so nobody mistakes them for a photo of the event.
"""

import hashlib
from xml.sax.saxutils import escape

WIDTH = 800
HEIGHT = 450
PLACEHOLDER_LABEL = "Platzhaltergrafik – kein Foto"
# Where the bundled placeholders are served (image fields hold "placeholders/<name>.svg").
PLACEHOLDER_URL_PREFIX = "/placeholders/"
# Dark backgrounds: white text on each has a contrast ratio above 7:1.
_PALETTE = ("#1f3a8a", "#0f5132", "#5b2a86", "#7a2e0e", "#134e5e", "#3d3d3d")


def placeholder_svg(title: str, seed: str) -> str:
    """An SVG placeholder showing ``title`` and the placeholder notice.

    ``seed`` picks colours and shapes, so each item gets its own but stable artwork.
    """
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    background = _PALETTE[digest[0] % len(_PALETTE)]
    circles = "".join(
        f'<circle cx="{digest[i] * WIDTH // 255}" cy="{digest[i + 1] * HEIGHT // 255}" '
        f'r="{40 + digest[i + 2] % 120}" fill="#ffffff" fill-opacity="0.08"/>'
        for i in range(1, 19, 3)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img">'
        f"<title>{escape(PLACEHOLDER_LABEL)}: {escape(title)}</title>"
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{background}"/>'
        f"{circles}"
        f'<text x="50%" y="46%" text-anchor="middle" font-family="sans-serif" '
        f'font-size="56" font-weight="700" fill="#ffffff">{escape(title)}</text>'
        f'<text x="50%" y="62%" text-anchor="middle" font-family="sans-serif" '
        f'font-size="28" fill="#ffffff">{escape(PLACEHOLDER_LABEL)}</text>'
        "</svg>\n"
    )
