"""The admin works under the site's strict Content-Security-Policy (no inline script or style)."""

import pytest
from playwright.sync_api import expect

from community.models import Report
from tests.browser import console_errors, signed_in_context
from tests.community.factories import PostFactory
from tests.factories import ArticleFactory, ExpertFactory, SourceFactory, TopicFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def admin_page(browser, live_server, staff):
    context = signed_in_context(browser, live_server, staff)
    page = context.new_page()
    page.console_errors = console_errors(page)
    yield page
    context.close()


def test_the_admin_sends_a_strict_policy_and_works_under_it(admin_page):
    page = admin_page
    ExpertFactory(name="Alice Author")
    TopicFactory(name="Breathing", slug="breathing")
    article = ArticleFactory(title="Coping with breathlessness", status="draft", published_at=None)
    SourceFactory(article=article)
    UserFactory(email="rowdy@example.com", display_name="Rowdy")

    response = page.goto("/admin/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "style-src 'self';" in policy and "unsafe" not in policy
    expect(page.locator("#articles-article")).to_be_visible()

    # A list with actions: select a row, run an action, read its message.
    page.goto("/admin/articles/article/")
    page.locator("input.action-select").first.check()
    expect(page.locator(".action-counter")).to_contain_text("1 of 1 selected")
    page.locator("select[name=action]").select_option("send_to_review")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("1 article(s) sent to medical review.")).to_be_visible()

    # The change form: autocomplete, the two-box topic chooser, inlines, date shortcuts.
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator("#select2-id_author-container").click()
    expect(page.locator(".select2-results__option", has_text="Alice Author")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#id_topics_from option", has_text="Breathing")).to_have_count(1)
    page.locator("#id_topics_from").select_option(label="Breathing")
    page.locator("#id_topics_add").click()
    expect(page.locator("#id_topics_to option", has_text="Breathing")).to_have_count(1)
    rows = page.locator("#sources-group tr.form-row.dynamic-sources")
    before = rows.count()
    page.locator("#sources-group .add-row a").click()
    expect(rows).to_have_count(before + 1)
    page.locator("#id_published_at_0 ~ .datetimeshortcuts a", has_text="Today").click()
    expect(page.locator("#id_published_at_0")).not_to_have_value("")

    # Adding: the slug follows the title as it is typed.
    page.goto("/admin/articles/topic/add/")
    page.locator("#id_name").press_sequentially("Side effects")
    expect(page.locator("#id_slug")).to_have_value("side-effects")

    # The moderation queue shows reported text as typed, line breaks kept, without inline style.
    report = Report.objects.create(
        reporter=UserFactory(), post=PostFactory(text="Buy my cure\nnow"), reason="Selling a cure"
    )
    page.goto(f"/admin/community/report/{report.pk}/change/")
    quote = page.locator("blockquote.member-text")
    expect(quote).to_have_text("Buy my cure\nnow")
    expect(quote).to_have_css("white-space", "pre-wrap")

    # An action with its own confirmation page.
    page.goto("/admin/accounts/user/?q=rowdy")
    page.locator("input.action-select").first.check()
    page.locator("select[name=action]").select_option("suspend")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("These members will be signed out")).to_be_visible()

    assert page.console_errors == []
