import os
import shutil

import pytest

from tests import factories
from tests.browser import console_errors

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def pytest_configure(config):
    # Factory users hash their password; PBKDF2's deliberate slowness was most of the suite's time.
    # Tests only: production keeps Django's default hashers.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each process of a parallel run (pytest-xdist) keeps its cache keys apart in the shared Redis
    # database, so one process emptying its cache leaves the others' alone (tests/caches.py clear).
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and "KEY_PREFIX" in settings.CACHES["default"]:
        settings.CACHES["default"]["KEY_PREFIX"] += f"-{worker}"


def skip_or_fail(reason):
    """Skip a test whose service is missing, but fail it in CI (REQUIRE_SERVICES=1)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _celery_eager():
    """Tasks run in the test's process; tests of a real worker (tests/newsletter) turn this off."""
    from config.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = True


def run_on_commit_callbacks():
    """Run what a commit would run: inside a test's wrapping transaction nothing ever commits."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        while connection.in_atomic_block and connection.run_on_commit:
            _sids, func, _robust = connection.run_on_commit.pop(0)
            func()


@pytest.fixture(autouse=True)
def _totp_clock(monkeypatch):
    """allauth's TOTP checks codes against a frozen clock (tests/factories.py TOTP_NOW)."""
    from types import SimpleNamespace

    from allauth.mfa.totp.internal import auth

    from tests.factories import TOTP_NOW

    monkeypatch.setattr(auth, "time", SimpleNamespace(time=lambda: TOTP_NOW))


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _clear_cache()
    yield
    _clear_cache()


def _clear_cache():
    from tests import caches

    caches.clear()


@pytest.fixture
def member(db):
    return factories.UserFactory(display_name="Maya")


@pytest.fixture
def other_member(db):
    return factories.UserFactory(display_name="Omar")


@pytest.fixture
def staff(db):
    """A staff member with two-factor authentication, as the admin requires."""
    user = factories.UserFactory(display_name="Sam Staff", is_staff=True, is_superuser=True)
    factories.enable_totp(user)
    return user


@pytest.fixture
def staff_without_mfa(db):
    return factories.UserFactory(display_name="Nina New-Staff", is_staff=True, is_superuser=True)


@pytest.fixture
def author(db):
    return factories.ExpertFactory(name="Alice Author", credentials="Ph.D.")


@pytest.fixture
def reviewer(db):
    return factories.ExpertFactory(name="Rafael Reviewer", credentials="M.D.")


@pytest.fixture
def article(author, reviewer):
    return factories.ArticleFactory(author=author, reviewer=reviewer)


# Browser tests: Playwright drives Debian's Chromium (Playwright's own download does not work here).


@pytest.fixture(scope="session")
def browser(live_server):
    """One Chromium for the session. It asks for live_server to be started before it and so stopped
    after it: Chromium's kept-alive connections close with it while the server still shares SQLite's
    in-memory database with its request threads (the other order left each of those threads a
    "created in a thread can only be used in that same thread" error as it closed)."""
    if not os.path.exists(CHROMIUM):
        skip_or_fail(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls that tests make
    # alongside it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = console_errors(page)
    yield page
    context.close()


# E-mail: a real SMTP server on loopback (aiosmtpd); tests read what arrived.


class SMTPSink:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        import email
        from email import policy

        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append(message)
        return "250 OK"

    def to(self, address):
        # E-mail goes through the outbox on commit (accounts/mail.py), as after a real request.
        run_on_commit_callbacks()
        return [message for message in self.messages if address in message["To"]]

    def text(self, message):
        return message.get_body(preferencelist=("plain",)).get_content()


@pytest.fixture
def smtp_sink(settings):
    from aiosmtpd.controller import Controller

    sink = SMTPSink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield sink
    controller.stop()


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def link_in(text, path_prefix):
    """The first absolute link in `text` whose path starts with `path_prefix`, as a path."""
    import re
    from urllib.parse import urlsplit

    for url in re.findall(r"https?://[^\s<>\"]+", text):
        parts = urlsplit(url)
        if parts.path.startswith(path_prefix):
            return parts.path
    raise AssertionError(f"no link to {path_prefix} in:\n{text}")
