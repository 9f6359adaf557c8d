"""Receiving one uploaded image in an admin handler (the caller checks the session first)."""

import asyncio

import reflex as rx

from partner_app import texts_admin
from partner_app.services.image_uploads import MAX_UPLOAD_BYTES, ImageRejectedError, store_image

# Reflex serves its upload folder under this path.
UPLOAD_URL_PREFIX = "_upload/"


async def receive_image(files: list[rx.UploadFile], *, folder: str) -> tuple[str, str]:
    """Store the single uploaded image; returns (site-relative path, "") or ("", message)."""
    if len(files) != 1:
        return "", texts_admin.IMAGE_ONE_PLEASE
    data = await files[0].read(MAX_UPLOAD_BYTES + 1)
    try:
        # Decoding and re-encoding take a core for a moment: not on the event loop.
        stored = await asyncio.to_thread(
            store_image, data, upload_dir=rx.get_upload_dir(), folder=folder
        )
    except ImageRejectedError as rejected:
        return "", str(rejected)
    return UPLOAD_URL_PREFIX + stored.card, ""
