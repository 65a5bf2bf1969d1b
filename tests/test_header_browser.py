"""The header and the pages at a phone's width (360 px) and a laptop's (1280 px), in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.browser import signed_in_context
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import ArticleFactory, TopicFactory, UserFactory, verify_email

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [360, 1280]


@pytest.fixture
def site(author, reviewer):
    topic = TopicFactory(name="Treatment", slug="treatment")
    article = ArticleFactory(title="Understanding your treatment options", author=author, reviewer=reviewer)
    article.topics.add(topic)
    member = verify_email(UserFactory(display_name="Maya"))
    question = QuestionFactory(title="Does the cough get better after radiation?", topic=topic)
    post = PostFactory(text="First scan after treatment came back clear today.")
    return {"member": member, "article": article, "topic": topic, "question": question, "post": post}


def context_for(browser, live_server, width, member=None):
    viewport = {"width": width, "height": 800}
    if member is not None:
        return signed_in_context(browser, live_server, member, viewport=viewport)
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    context.set_default_timeout(10_000)
    return context


def assert_header_is_one_row(page):
    """Every visible item of the header sits within the logo's row, and the header is that tall."""
    brand = page.locator(".site-header .brand").bounding_box()
    header = page.locator(".site-header").bounding_box()
    items = page.locator(".site-header__inner > *")
    for index in range(items.count()):
        box = items.nth(index).bounding_box()
        if box is None or box["height"] == 0:  # not shown at this width
            continue
        middle = box["y"] + box["height"] / 2
        assert brand["y"] <= middle <= brand["y"] + brand["height"], items.nth(index).evaluate("e => e.outerHTML")
    assert header["height"] <= brand["height"] + 32, (header, brand)  # the row and its padding, no second row


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("signed_in", [False, True])
def test_the_header_is_one_row_and_no_page_scrolls_sideways(browser, live_server, site, width, signed_in):
    member = site["member"]
    context = context_for(browser, live_server, width, member if signed_in else None)
    page = context.new_page()
    pages = [
        "/",
        "/resources/",
        site["article"].get_absolute_url(),
        "/resources/topics/treatment/",
        site["article"].author.get_absolute_url(),
    ]
    if signed_in:
        pages += [
            "/activities/",
            site["post"].get_absolute_url(),
            "/questions/",
            site["question"].get_absolute_url(),
            "/members/",
            f"/members/{member.pk}/",
            "/notifications/",
            "/accounts/settings/",
            "/accounts/settings/email/",
            "/accounts/password/change/",
        ]
    else:
        pages += ["/accounts/signup/", "/accounts/login/", "/accounts/password/reset/", "/newsletter/subscribe/"]
    for url in pages:
        response = page.goto(url)
        assert response.status == 200, url
        assert_header_is_one_row(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (url, overflow)
    context.close()


def test_on_a_phone_the_menu_opens_with_the_keyboard_and_shows_focus(browser, live_server, site):
    context = context_for(browser, live_server, 360, site["member"])
    page = context.new_page()
    page.goto("/activities/")
    menu_links = page.locator("details.menu").get_by_role("navigation", name="Main")
    expect(menu_links).to_be_hidden()
    expect(page.locator(".site-header .header-bell")).to_be_visible()  # the unread count stays in the row

    button = page.locator("details.menu > summary")
    for _ in range(10):  # Tab from the top of the page to the menu button
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    expect(button).to_be_focused()
    outline = button.evaluate("e => [getComputedStyle(e).outlineStyle, parseFloat(getComputedStyle(e).outlineWidth)]")
    assert outline[0] != "none" and outline[1] >= 2, outline  # focus is visible

    page.keyboard.press("Enter")
    expect(menu_links).to_be_visible()
    expect(menu_links.get_by_role("link", name="Settings")).to_be_visible()
    assert_header_is_one_row(page)  # the open menu drops below; the row stays one row

    page.keyboard.press("Escape")
    expect(menu_links).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press("Space")
    expect(menu_links).to_be_visible()
    menu_links.get_by_role("link", name="Settings").click()
    page.wait_for_url("**/accounts/settings/")
    settings_nav = page.get_by_role("navigation", name="Account settings")
    expect(settings_nav.locator('a[aria-current="page"]')).to_have_text("Profile and privacy")
    context.close()


def test_on_a_laptop_the_links_are_in_the_row_and_there_is_no_menu_button(browser, live_server, site):
    context = context_for(browser, live_server, 1280, site["member"])
    page = context.new_page()
    page.goto("/activities/")
    expect(page.locator("details.menu > summary")).to_be_hidden()
    main_nav = page.get_by_role("navigation", name="Main")
    expect(main_nav.get_by_role("link", name="Activities")).to_be_visible()
    expect(main_nav.get_by_role("link", name="Activities")).to_have_attribute("aria-current", "page")
    # The community tabs start where the content column starts.
    tabs = page.get_by_role("navigation", name="Community").locator("ul").bounding_box()
    heading = page.locator("main h1").bounding_box()
    assert abs(tabs["x"] - heading["x"]) <= 1 and tabs["width"] <= 800
    context.close()
