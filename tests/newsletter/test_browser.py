"""The newsletter in Chromium: subscribe, confirm, unsubscribe, settings; the digest on a phone."""

import pytest
from playwright.sync_api import expect

from newsletter import tokens
from newsletter.models import Subscriber
from tests.browser import signed_in_context
from tests.conftest import link_in
from tests.factories import verify_email
from tests.newsletter.conftest import fresh_article, make_reader
from tests.newsletter.test_digest import run_digest
from tests.test_browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reader_subscribes_from_an_article_and_confirms(page, smtp_sink, article):
    page.goto(article.get_absolute_url())
    assert_accessible(page)
    form = page.locator("#newsletter")
    form.get_by_label("Your e-mail address").fill("nora@example.com")
    form.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/newsletter/subscribe/")
    assert page.locator("h1").inner_text() == "Thanks! Please check your inbox"
    assert_accessible(page)

    [message] = smtp_sink.to("nora@example.com")
    page.goto(link_in(smtp_sink.text(message), "/newsletter/confirm/"))
    assert page.locator("h1").inner_text() == "Thank you for subscribing!"
    assert_accessible(page)
    assert Subscriber.objects.get(email="nora@example.com").status == Subscriber.Status.ACTIVE
    assert page.console_errors == []


def test_a_mistyped_address_in_the_footer_form_gets_a_clear_message(page):
    page.goto("/about/")
    footer = page.locator("footer")
    footer.get_by_label("Your e-mail address").fill("nora@example")
    footer.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/newsletter/subscribe/")
    expect(page.get_by_text("doesn't look like an e-mail address")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your e-mail address").fill("nora@example.com")
    page.get_by_role("button", name="Subscribe").click()
    assert page.locator("h1").inner_text() == "Thanks! Please check your inbox"


def test_unsubscribe_and_preferences_pages_work_and_are_accessible(page, db):
    reader = make_reader("rita@example.com")
    page.goto(f"/newsletter/preferences/{tokens.make_token(reader.pk, tokens.PREFERENCES)}/")
    assert_accessible(page)
    page.get_by_label("Weekly").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.goto(f"/newsletter/unsubscribe/{tokens.make_token(reader.pk, tokens.UNSUBSCRIBE)}/")
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "You're unsubscribed"
    assert_accessible(page)
    reader.refresh_from_db()
    assert reader.status == Subscriber.Status.UNSUBSCRIBED and reader.frequency == "weekly"
    page.goto("/newsletter/unsubscribe/not-a-real-token/")
    assert page.locator("h1").inner_text() == "This link doesn't work"
    assert_accessible(page)


def test_email_settings_page_is_accessible(browser, live_server, member):
    verify_email(member)
    context = signed_in_context(browser, live_server, member)
    page = context.new_page()
    page.goto("/accounts/settings/email/")
    assert_accessible(page)
    page.get_by_label("Daily").check()
    page.get_by_label("In my digest").check()
    page.get_by_role("button", name="Save e-mail settings").click()
    expect(page.get_by_text("Your e-mail settings have been saved.")).to_be_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_digest_reads_on_a_phone_in_light_and_dark_mode(browser, smtp_sink, scheme):
    fresh_article(title="A long title about what helps with breathlessness during and after treatment")
    make_reader("rita@example.com")
    run_digest()
    [message] = smtp_sink.to("rita@example.com")
    html = message.get_body(preferencelist=("html",)).get_content()
    context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme)
    page = context.new_page()
    page.set_content(html)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    background = page.evaluate("getComputedStyle(document.querySelector('.k-card')).backgroundColor")
    text = page.evaluate("getComputedStyle(document.querySelector('.k-card')).color")
    context.close()
    assert overflow <= 0
    if scheme == "dark":
        assert background == "rgb(27, 38, 36)" and text == "rgb(230, 238, 236)"
    else:
        assert background == "rgb(255, 255, 255)"
