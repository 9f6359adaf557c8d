"""Generated placeholder artwork for news without a real photo, and the site's share image.

The original press photos are not available. These SVGs say plainly that they
are placeholders, so nobody mistakes them for a photo of the event.

Link previews and feed readers show no SVG: each placeholder also exists as a
1200 × 630 PNG beside it (the size the social networks ask for), drawn with Pillow
in the same colours. The PNGs are committed, so a clean clone serves them without a
font or a build step; ``python -m partner_app.cli render-placeholders`` draws them
again (it needs a TrueType font with umlauts, e.g. Debian's ``fonts-dejavu-core``).
"""

import hashlib
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFont

WIDTH = 800
HEIGHT = 450
# What Facebook, LinkedIn, Mastodon and X show as a large preview (1.91:1).
SHARE_SIZE = (1200, 630)
PLACEHOLDER_LABEL = "Platzhaltergrafik – kein Foto"
# Where the bundled placeholders are served (image fields hold "placeholders/<name>.svg").
PLACEHOLDER_URL_PREFIX = "/placeholders/"
# Dark backgrounds: white text on each has a contrast ratio above 7:1.
_PALETTE = ("#1f3a8a", "#0f5132", "#5b2a86", "#7a2e0e", "#134e5e", "#3d3d3d")
# Bold and regular sans fonts that cover German (and the other partner cities' names).
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", "LiberationSans-Regular.ttf"),
)


class NoFontError(RuntimeError):
    """No TrueType font with umlauts to draw the PNG placeholders with."""


def _design(seed: str) -> tuple[str, bytes]:
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return _PALETTE[digest[0] % len(_PALETTE)], digest


def placeholder_svg(title: str, seed: str) -> str:
    """An SVG placeholder showing ``title`` and the placeholder notice.

    ``seed`` picks colours and shapes, so each item gets its own but stable artwork.
    """
    background, digest = _design(seed)
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


def share_fonts() -> tuple[Path, Path]:
    """The bold and regular font the PNGs are drawn with; NoFontError when there is none."""
    for bold, regular_name in FONT_CANDIDATES:
        bold_path = Path(bold)
        regular_path = bold_path.with_name(regular_name)
        if bold_path.is_file() and regular_path.is_file():
            return bold_path, regular_path
    msg = (
        "Keine Schrift für die PNG-Platzhalter gefunden: bitte Debians Paket "
        "fonts-dejavu-core installieren."
    )
    raise NoFontError(msg)


def placeholder_png(title: str, seed: str, subtitle: str = PLACEHOLDER_LABEL) -> bytes:
    """The placeholder of ``title`` as a 1200 × 630 PNG: the SVG's design at share size.

    The circles are drawn at the SVG's places, scaled; a title too wide for the image is
    set smaller until it fits.
    """
    bold, regular = share_fonts()
    background, digest = _design(seed)
    width, height = SHARE_SIZE
    scale = width / WIDTH
    picture = Image.new("RGB", SHARE_SIZE, background)
    circles = Image.new("RGBA", SHARE_SIZE, (0, 0, 0, 0))
    draw_circles = ImageDraw.Draw(circles)
    for i in range(1, 19, 3):
        x = digest[i] * WIDTH // 255 * scale
        y = digest[i + 1] * HEIGHT // 255 * height / HEIGHT
        radius = (40 + digest[i + 2] % 120) * scale
        # fill-opacity 0.08 of white, as in the SVG.
        draw_circles.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 20)
        )
    picture.paste(circles, mask=circles)
    draw = ImageDraw.Draw(picture)
    title_size = 84
    title_font = ImageFont.truetype(str(bold), title_size)
    while draw.textlength(title, font=title_font) > width * 0.9 and title_size > 24:
        title_size -= 4
        title_font = ImageFont.truetype(str(bold), title_size)
    draw.text((width / 2, height * 0.46), title, font=title_font, fill="white", anchor="ms")
    subtitle_font = ImageFont.truetype(str(regular), 40)
    draw.text((width / 2, height * 0.62), subtitle, font=subtitle_font, fill="white", anchor="ms")
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
