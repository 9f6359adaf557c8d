"""Unknown addresses get the rendered "not found" page instead of Reflex's empty shell.

Reflex's static server answers every path without a route with its prerendered 404 page,
whose first HTML has no title, heading or message. This wraps Reflex's own app (so the
app's routes, like a detail page's 404, are not touched): a 404 answer to a browser asking
for HTML is replaced by the page rendered for the request, with the same status.
"""

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from partner_app.server_render.endpoints import not_found_page


class RenderedNotFound:
    """ASGI middleware around Reflex's app (``rx.App(api_transformer=[RenderedNotFound, …])``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not _wants_a_page(scope):
            await self.app(scope, receive, send)
            return
        held: list[Message] = []

        async def hold_404(message: Message) -> None:
            if held or (message["type"] == "http.response.start" and message["status"] == 404):
                held.append(message)
            else:
                await send(message)

        await self.app(scope, receive, hold_404)
        if not held:
            return
        rendered = await not_found_page(Request(scope))
        if rendered is not None:
            await rendered(scope, receive, send)
            return
        # No renderer: Reflex's own answer, as it was.
        for message in held:
            await send(message)


def _wants_a_page(scope: Scope) -> bool:
    if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
        return False
    return "text/html" in Headers(scope=scope).get("accept", "")
