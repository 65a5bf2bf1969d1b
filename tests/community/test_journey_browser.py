"""Member A posts text and a picture, member B comments and hugs, A sees it all: in Chromium."""

import pytest
from playwright.sync_api import expect

from community.models import Post
from tests import images
from tests.browser import console_errors, signed_in_context
from tests.community.factories import QuestionFactory
from tests.test_browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_members_post_comment_hug_and_get_notified(browser, live_server, alice, bob, tmp_path):
    picture = tmp_path / "garden.jpg"
    picture.write_bytes(images.jpeg(size=(320, 200)).read())

    a = signed_in_context(browser, live_server, alice)
    page_a = a.new_page()
    errors = console_errors(page_a)
    page_a.goto("/activities/")
    assert_accessible(page_a)
    page_a.get_by_label("Your update").fill("First walk in the garden since surgery!")
    page_a.get_by_text("Add a picture").first.click()
    page_a.get_by_label("Add a picture").set_input_files(str(picture))
    page_a.get_by_label("Describe the picture").fill("Roses by a garden path")
    page_a.get_by_role("button", name="Post").click()
    page_a.wait_for_url("**/activities/")
    expect(page_a.get_by_text("First walk in the garden since surgery!")).to_be_visible()
    expect(page_a.get_by_role("img", name="Roses by a garden path")).to_be_visible()
    # The picture really arrives (served, decoded), not just its box.
    page_a.wait_for_function(
        "() => [...document.images].some(i => i.alt === 'Roses by a garden path' && i.complete && i.naturalWidth > 0)"
    )
    post = Post.objects.get()

    b = signed_in_context(browser, live_server, bob)
    page_b = b.new_page()
    errors += console_errors(page_b)
    page_b.goto(f"/activities/{post.pk}/")
    assert_accessible(page_b)
    page_b.get_by_label("Your comment").fill("So happy for you, Alice!")
    page_b.get_by_role("button", name="Comment").click()
    page_b.wait_for_url(f"**/activities/{post.pk}/#comment-*")
    hug = page_b.locator(f'[data-hug-key="post-{post.pk}"]')
    assert hug.get_attribute("aria-pressed") == "false"
    hug.click()  # updated in place by hugs.js
    page_b.locator(f'[data-hug-key="post-{post.pk}"][aria-pressed="true"]').wait_for()
    post.refresh_from_db()
    assert post.hug_count == 1 and post.comment_count == 1

    page_a.goto("/notifications/")
    expect(page_a.get_by_text("Bob commented on your update")).to_be_visible()
    expect(page_a.get_by_text("Bob sent you a hug")).to_be_visible()
    assert_accessible(page_a)
    page_a.get_by_role("link", name="Bob commented on your update").click()
    expect(page_a.get_by_text("So happy for you, Alice!", exact=True)).to_be_visible()

    QuestionFactory(title="How do you handle scan days?")
    for url in ["/questions/", "/members/", f"/members/{bob.pk}/", "/activities/?view=questions"]:
        page_a.goto(url)
        assert_accessible(page_a)
    assert errors == []
    a.close()
    b.close()
