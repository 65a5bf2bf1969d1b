"""Journeys in a real browser: Playwright driving Debian's Chromium against live_server."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import ArticleFactory, SourceFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

axe = Axe()


def assert_accessible(page):
    results = axe.run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def test_reader_goes_from_home_to_resources_to_an_article(page, author, reviewer):
    topic = TopicFactory(name="Treatment", slug="treatment")
    article = ArticleFactory(
        title="Understanding your treatment options",
        slug="treatment-options",
        body='Intro.\n\n## Surgery\n\nText.\n\n!!! warning "Seek medical attention right away"\n    If...\n',
        author=author,
        reviewer=reviewer,
    )
    article.topics.add(topic)
    SourceFactory(article=article)

    page.goto("/")
    assert page.locator("h1").inner_text() == "Connect with others who understand"
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Resources").click()
    page.wait_for_url("**/resources/")
    assert_accessible(page)

    page.get_by_role("link", name="Understanding your treatment options").first.click()
    page.wait_for_url("**/resources/treatment-options/")
    assert page.locator("h1").inner_text() == "Understanding your treatment options"
    expect(page.get_by_text("Medically reviewed by")).to_be_visible()
    page.get_by_role("navigation", name="In this article").get_by_role("link", name="Surgery").click()
    assert page.url.endswith("#surgery")
    expect(page.get_by_text("Join free to read and post comments")).to_be_visible()
    assert_accessible(page)

    assert page.console_errors == []


def test_article_page_fits_a_phone_screen(browser, live_server, article):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(article.get_absolute_url())
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert overflow <= 0


def test_search_from_the_resources_page_with_the_keyboard(page, article):
    page.goto("/resources/")
    page.get_by_label("Search articles").fill("zebrafish xylophones")
    page.keyboard.press("Enter")
    page.wait_for_url("**/resources/?q=*")
    expect(page.get_by_text("No articles match your search")).to_be_visible()
