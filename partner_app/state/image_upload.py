"""Receiving one uploaded image in an admin handler (the caller checks the session first)."""

import asyncio
from functools import partial

import reflex as rx

from partner_app import texts_admin
from partner_app.low_priority import IMAGE_WORK
from partner_app.services.image_uploads import (
    MAX_UPLOAD_BYTES,
    ImageRejectedError,
    check_upload_size,
    store_image,
)

# Reflex serves its upload folder under this path.
UPLOAD_URL_PREFIX = "_upload/"
# A 20 MB upload and its bitmap take a few hundred MB for a moment: one image at a time
# per worker. The others wait on the event loop, holding neither a thread nor their bytes.
_one_image_at_a_time = asyncio.Lock()


async def receive_image(files: list[rx.UploadFile], *, folder: str) -> tuple[str, str]:
    """Store the single uploaded image; returns (site-relative path, "") or ("", message)."""
    if len(files) != 1:
        return "", texts_admin.IMAGE_ONE_PLEASE
    upload = files[0]
    try:
        if upload.size is not None:
            # Refused by its size before a byte of it is read.
            check_upload_size(upload.size)
        async with _one_image_at_a_time:
            # One byte more than allowed is enough to tell that it is too large.
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            # Decoding and re-encoding take a core for a moment: not on the event loop,
            # and at low priority.
            stored = await IMAGE_WORK.run(
                partial(store_image, data, upload_dir=rx.get_upload_dir(), folder=folder)
            )
    except ImageRejectedError as rejected:
        return "", str(rejected)
    return UPLOAD_URL_PREFIX + stored.card, ""
