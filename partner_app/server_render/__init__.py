"""The first HTML of every public view is the real page, rendered for its request.

Reflex prerenders each route once at build time with the states' defaults and loads
the content over the websocket after hydration: the first HTML was an empty shell
(saying "Keine Meldung gefunden"), and the page jumped when the content arrived.
Here a request for a public page is answered like this:

1. ``page_state`` runs the page's own on_load handlers on a fresh state tree built
   from the request URL (no client token: no live-news follower, no side effect) and
   keeps the vars they changed, as the websocket would have sent them.
2. ``renderer`` hands URL and state to a long-lived bun child per backend worker
   (``render_worker.mjs``), which renders the page with React Router's server build,
   the one Reflex already emits for its prerendering.
3. ``document`` puts the state into the HTML as a JSON script just before
   ``</head>`` and sets ``<html lang>``; ``context_patch`` (a Reflex plugin) makes
   the compiled frontend start from that state, so hydration finds what it renders.
4. On its new connection the page's on_load handlers send every value again
   (``reflex_internals.send_all_vars``), so a change between the HTML and the
   websocket (an item unpublished in between) is shown, never a stale card.

Without a renderer (``make dev``, no build, a crashed child) the prerendered shell is
served as before. Reflex internals used: ``partner_app.reflex_internals``.
"""
