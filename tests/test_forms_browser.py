"""Our form controls in Chromium: the picture input shows the chosen picture and its name."""

import re

import pytest
from playwright.sync_api import expect

from tests import images
from tests.browser import signed_in_context
from tests.factories import UserFactory, verify_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [360, 1280])
def test_choosing_a_picture_shows_its_preview_and_name(browser, live_server, width):
    member = verify_email(UserFactory(display_name="Maya"))
    context = signed_in_context(browser, live_server, member, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto("/accounts/settings/")
    chosen = page.locator("[data-picture-chosen]")
    expect(chosen).to_be_hidden()
    picture = images.jpeg(name="my-garden.jpg")
    page.get_by_label("Profile picture").set_input_files(
        {"name": "my-garden.jpg", "mimeType": "image/jpeg", "buffer": picture.read()}
    )
    expect(chosen).to_be_visible()
    expect(chosen).to_contain_text("my-garden.jpg")
    expect(chosen.locator("img")).to_have_attribute("src", re.compile(r"^data:image/jpeg;base64,"))
    expect(chosen.locator("img")).to_be_visible()
    wide = page.evaluate(
        "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth)"
        ".map(e => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"
    )
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, wide
    context.close()


def test_a_form_is_sent_once_however_often_it_is_pressed(browser, live_server):
    """Found by a bad-input hunt: a double click posted an update twice (static/js/forms.js). The page
    counts the sends that go ahead, and keeps them from leaving, so nothing depends on timing."""
    member = verify_email(UserFactory(display_name="Maya"))
    context = signed_in_context(browser, live_server, member)
    page = context.new_page()
    page.goto("/activities/")
    page.get_by_label("Your update").fill("A good day at the coast")
    page.evaluate(
        """() => {
        window.sent = 0;  // after forms.js's listener, which runs first
        document.addEventListener("submit", (event) => {
            if (!event.defaultPrevented) window.sent++;
            event.preventDefault();
        });
    }"""
    )
    page.get_by_role("button", name="Post", exact=True).dblclick()
    page.evaluate("() => document.querySelector('form.composer').requestSubmit()")
    assert page.evaluate("window.sent") == 1
    context.close()
