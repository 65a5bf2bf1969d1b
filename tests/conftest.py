import os
import shutil

import pytest
from django.core.cache import cache

from tests import factories

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def skip_or_fail(reason):
    """Skip a test whose service is missing, but fail it in CI (REQUIRE_SERVICES=1)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    _clear_cache()
    yield
    _clear_cache()


def _clear_cache():
    # Never FLUSHDB: the Redis database is shared with Celery's queues.
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


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
def browser():
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
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    yield page
    context.close()
