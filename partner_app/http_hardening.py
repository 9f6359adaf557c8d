"""HTTP hardening for every answer of the app: security headers and an upload size cap.

Plain ASGI middleware, mounted in front of Reflex with the other endpoints
(``http_endpoints``), so it also covers the static build and uploaded files.
"""

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from partner_app.services.image_uploads import MAX_UPLOAD_BYTES, MEGABYTE, too_large_message

# Only the app's own origin. Reflex needs inline scripts (its hydration data and theme
# script), eval (its call_script events) and inline styles (Emotion); nothing may come
# from another host, and no other site may frame the page.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}
UPLOAD_PATH_PREFIX = "/_upload"
# The image service's limit, and room for the multipart envelope around the file (a few
# hundred bytes: boundaries, the file's name and type, the handler's arguments).
MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + MEGABYTE


class SecurityHeaders:
    """Adds the security headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap ``app``."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers when the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class UploadSizeLimit:
    """Refuses upload requests larger than ``MAX_UPLOAD_REQUEST_BYTES`` before reading them."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_UPLOAD_REQUEST_BYTES) -> None:
        """Wrap ``app``."""
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the declared length, then count the body as it streams in."""
        if scope["type"] != "http" or not scope["path"].startswith(UPLOAD_PATH_PREFIX):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "POST":
            declared = Headers(scope=scope).get("content-length")
            if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
                size = int(declared) if declared.isdigit() else None
                await _too_large(scope, receive, send, size)
                return
        received = 0
        too_large = False
        started = False

        async def counting_receive() -> Message:
            nonlocal received, too_large
            if too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # A body without (or with a false) length: stop reading it. To the app
                    # the client has gone; whatever it answers then is replaced below.
                    too_large = True
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if too_large and not started:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            # Reflex's upload route has error handling of its own, which may turn the
            # cut-off body into an error (and would have answered 500).
            if not too_large or started:
                raise
        if too_large and not started:
            # Only what arrived before it was cut off is known, not the whole size.
            await _too_large(scope, receive, send, None)


async def _too_large(scope: Scope, receive: Receive, send: Send, size: int | None) -> None:
    # The same words as the browser's own check; the size is the request's, envelope and all.
    message = too_large_message(size)
    await PlainTextResponse(message, status_code=413)(scope, receive, send)
