"""The documented production setup: Debian's nginx in front of the app, as docs/deploy has it.

nginx runs ``docs/deploy/nginx-site.conf`` with only its port, its certificate and the app's
port changed; the app runs with the command line and the proxy setting of
``docs/deploy/partner-app.service``. What an attacker tries: a forged ``X-Forwarded-For``
(on a page request and on the websocket) is not the address the login throttle and the
message limit count, and the app cannot be reached around nginx.
"""

import contextlib
import ipaddress
import os
import shlex
import shutil
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import pytest
from sqlmodel import Session, col, select

from partner_app import i18n, routes
from partner_app.models import ContactMessage, LoginAttempt
from partner_app.session_cookie import COOKIE_NAME
from tests.support.app_process import PROJECT_DIR, free_port
from tests.support.certificates import self_signed_certificate
from tests.support.own_app import EDITOR, EDITOR_PASSWORD, OwnApp
from tests.support.own_loop import run_in_own_loop
from tests.support.simulated_visitor import SimulatedVisitor

DEPLOY_DIR = PROJECT_DIR / "docs" / "deploy"
SITE_CONF = DEPLOY_DIR / "nginx-site.conf"
SERVICE_UNIT = DEPLOY_DIR / "partner-app.service"
DOCUMENTED_APP_PORT = "3000"
# Addresses a client might claim (TEST-NET ranges), each in a network of its own.
FORGED = [f"203.0.{third}.7" for third in range(113, 120)]


@dataclass(frozen=True)
class Unit:
    """What the systemd unit says about starting the app."""

    run_args: list[str]  # the arguments after ``reflex run``
    environment: dict[str, str]


def documented_unit() -> Unit:
    """The ``reflex run`` arguments and the environment of the documented unit."""
    run_args: list[str] = []
    environment: dict[str, str] = {}
    for line in SERVICE_UNIT.read_text().splitlines():
        if line.startswith("Environment="):
            name, _, value = line.removeprefix("Environment=").partition("=")
            environment[name] = value
        elif line.startswith("ExecStart="):
            words = shlex.split(line.removeprefix("ExecStart="))
            run_args = words[words.index("run") + 1 :]
    assert run_args, "the unit has no ExecStart with 'reflex run'"
    return Unit(run_args, environment)


def site_for_test(certificate: Path, key: Path, nginx_port: int, app_port: int) -> str:
    """The documented site with the test's port, certificate and app port, nothing else."""
    site = SITE_CONF.read_text()
    replacements = {
        "listen 443 ssl;": f"listen 127.0.0.1:{nginx_port} ssl;",
        "listen [::]:443 ssl;": "",
        "ssl_certificate /etc/ssl/certs/www.krefeld.de.pem;": (f"ssl_certificate {certificate};"),
        "ssl_certificate_key /etc/ssl/private/www.krefeld.de.key;": (f"ssl_certificate_key {key};"),
        f"http://127.0.0.1:{DOCUMENTED_APP_PORT};": f"http://127.0.0.1:{app_port};",
    }
    for documented, for_test in replacements.items():
        assert documented in site, f"the site no longer has {documented!r}: update this test"
        site = site.replace(documented, for_test)
    # The plain-http server only redirects; it would need port 80.
    return site[: site.rindex("server {")]


def nginx_main_config(prefix: Path, site: Path) -> str:
    """nginx's main file around the site: everything nginx writes stays in ``prefix``."""
    # As root, the workers would run as "nobody" and could not read the test's folders.
    user = f"user {psutil.Process().username()};" if os.geteuid() == 0 else ""
    return f"""
{user}
daemon off;
worker_processes 1;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    access_log {prefix / "access.log"};
    client_body_temp_path {prefix / "body"};
    proxy_temp_path {prefix / "proxy"};
    fastcgi_temp_path {prefix / "fastcgi"};
    uwsgi_temp_path {prefix / "uwsgi"};
    scgi_temp_path {prefix / "scgi"};
    include {site};
}}
"""


@dataclass(frozen=True)
class Deployment:
    """The app behind nginx: the public URL, the certificate to trust, the app itself."""

    url: str
    tls: ssl.SSLContext
    app: OwnApp

    def client(self) -> httpx.Client:
        """An HTTP client that trusts nginx's certificate (and checks it)."""
        return httpx.Client(base_url=self.url, verify=self.tls)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "Debian's nginx is missing: the Makefile's 'nginx' installs it"
    folder = tmp_path_factory.mktemp("behind-nginx")
    nginx_port = free_port()
    public_url = f"https://127.0.0.1:{nginx_port}"
    unit = documented_unit()
    run_args = unit.run_args
    run_args.remove(DOCUMENTED_APP_PORT)  # the test app's port is its own
    run_args.remove("--frontend-port")
    app = OwnApp(
        folder / "app",
        {
            "REFLEX_TRUSTED_PROXY_HOPS": unit.environment["REFLEX_TRUSTED_PROXY_HOPS"],
            "PARTNER_APP_PUBLIC_ORIGIN": public_url,
        },
        extra_args=[arg for arg in run_args if arg not in {"--env", "prod"}],
    )
    certificate, key = self_signed_certificate(folder / "tls", "nginx")
    site = folder / "site.conf"
    site.write_text(site_for_test(certificate, key, nginx_port, app.port))
    main = folder / "nginx.conf"
    main.write_text(nginx_main_config(folder, site))
    app.start()
    proxy = subprocess.Popen(
        [nginx, "-c", str(main), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        deployment = Deployment(public_url, ssl.create_default_context(cafile=certificate), app)
        _wait_until_served(deployment, proxy)
        yield deployment
    finally:
        proxy.terminate()
        proxy.wait(timeout=15)
        app.stop()


def _wait_until_served(deployment: Deployment, proxy: subprocess.Popen) -> None:
    with deployment.client() as client:
        for _ in range(100):
            assert proxy.poll() is None, "nginx stopped: see error.log in the test's folder"
            try:
                if client.get("/ping").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            with contextlib.suppress(subprocess.TimeoutExpired):
                proxy.wait(timeout=0.2)  # the poll interval; returns at once if nginx ended
    pytest.fail("nginx did not serve the app")


def test_the_page_and_its_websocket_work_through_nginx(deployment: Deployment) -> None:
    with deployment.client() as client:
        page = client.get("/")
    assert page.status_code == 200
    assert "Städtepartnerschaften" in page.text

    async def filter_by_city() -> None:
        visitor = SimulatedVisitor(deployment.url, tls=deployment.tls)
        await visitor.open()
        try:
            await visitor.choose_city("venlo")
        finally:
            await visitor.close()

    run_in_own_loop(filter_by_city())


def test_a_login_counts_the_real_address_not_a_forged_one(deployment: Deployment) -> None:
    with deployment.client() as client:
        for forged in FORGED[:2]:
            client.post(
                routes.ADMIN_LOGIN,
                data={"username": "niemand", "password": "falsch"},
                headers={"Origin": deployment.url, "X-Forwarded-For": forged},
            )
    engine = deployment.app.engine()
    try:
        with Session(engine) as session:
            clients = session.exec(
                select(LoginAttempt.client).where(col(LoginAttempt.username) == "niemand")
            ).all()
    finally:
        engine.dispose()
    # The login counts a client as its address (an IPv4 address is its own /32).
    assert clients == ["127.0.0.1/32", "127.0.0.1/32"]


def test_a_forged_address_on_the_websocket_does_not_lift_the_message_limit(
    deployment: Deployment,
) -> None:
    fields = {
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "text": "Eine Frage zur Partnerschaft mit Venlo.",
        "consent": "on",
        "topic": "general",
    }

    async def send_from(forged: str) -> str:
        visitor = SimulatedVisitor(
            deployment.url, headers={"X-Forwarded-For": forged}, tls=deployment.tls
        )
        await visitor.open()
        try:
            return await visitor.send_message(fields)
        finally:
            await visitor.close()

    # Five messages per network and hour; a sixth from "another network" is still ours.
    results = [run_in_own_loop(send_from(forged)) for forged in FORGED[:6]]
    assert results[:5] == [i18n.text("MESSAGE_SENT", "de")] * 5
    too_many = i18n.text("MESSAGE_TOO_MANY", "de")
    assert results[5].startswith(too_many[: too_many.index("{")])
    engine = deployment.app.engine()
    try:
        with Session(engine) as session:
            keys = set(session.exec(select(ContactMessage.sender_key)).all())
    finally:
        engine.dispose()
    assert len(keys) == 1, "the forged addresses were counted as different senders"


def test_the_session_cookie_is_secure_behind_tls(deployment: Deployment) -> None:
    with deployment.client() as client:
        login = client.post(
            routes.ADMIN_LOGIN,
            data={"username": EDITOR, "password": EDITOR_PASSWORD},
            headers={"Origin": deployment.url},
        )
    cookie = next(
        header
        for header in login.headers.get_list("set-cookie")
        if header.startswith(COOKIE_NAME + "=")
    )
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "samesite=strict"} <= attributes


def test_the_app_listens_on_loopback_only(deployment: Deployment) -> None:
    process = deployment.app.process
    assert process is not None
    group = [
        candidate for candidate in psutil.process_iter() if _process_group(candidate) == process.pid
    ]
    listening = [
        connection.laddr
        for member in group
        for connection in _connections(member)
        if connection.status == psutil.CONN_LISTEN
    ]
    assert any(address.port == deployment.app.port for address in listening)
    assert all(ipaddress.ip_address(address.ip).is_loopback for address in listening), listening


def _process_group(process: psutil.Process) -> int | None:
    try:
        return os.getpgid(process.pid)
    except ProcessLookupError:
        return None


def _connections(process: psutil.Process) -> list:
    try:
        return process.net_connections(kind="inet")
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return []
