"""Code the test suites and the benchmarks share; the app never imports it.

The app's own process (``app_process``), an app of a test's own (``own_app``), Debian's
Chromium (``chromium``), simulated websocket visitors (``simulated_visitor``), a
coroutine runner beside Playwright's loop (``own_loop``) and messages put straight into
the database (``stored_messages``).
"""
