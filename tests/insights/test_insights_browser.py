"""The community-health page in a real browser, reached as staff do: password, then the TOTP code."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from community.models import Report
from tests.browser import signed_in_context
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import PASSWORD, UserFactory, enable_totp, totp_code, verify_email
from tests.test_browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_sign_in_with_two_factor_and_see_the_charts(page):
    editor = verify_email(UserFactory(email="editor@example.com", is_staff=True, is_superuser=True))
    secret = enable_totp(editor)
    PostFactory.create_batch(3)
    QuestionFactory(created_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=3))
    Report.objects.create(reporter=UserFactory(), post=PostFactory(), reason="unkind")

    page.goto("/admin/")
    page.locator('input[name="login"]').fill(editor.email)
    page.locator('input[name="password"]').fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    page.locator('input[name="code"]').fill(totp_code(secret))
    page.get_by_role("button", name="Sign In").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.get_by_role("link", name="Community health", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/insights/$"))
    expect(page.get_by_role("heading", name="Community health", level=1)).to_be_visible()
    charts = page.locator("svg.chart")
    expect(charts).to_have_count(7)
    expect(page.get_by_role("img", name="Updates, comments and answers per day")).to_be_visible()
    updates = page.get_by_role("table", name="Updates, comments and answers per day")
    expect(updates).to_be_visible()
    expect(page.get_by_role("table", name="Moderation queue").get_by_role("row", name="Open reports 1")).to_be_visible()
    # The bars and lines are drawn: the content chart has its three lines.
    expect(page.locator('svg[data-chart="contributions"] polyline')).to_have_count(3)
    assert_accessible(page)
    assert page.console_errors == []


def test_a_member_is_turned_away(browser, live_server):
    member = verify_email(UserFactory(display_name="Maya"))
    context = signed_in_context(browser, live_server, member)
    page = context.new_page()
    response = page.goto("/admin/insights/")
    assert response.status == 403 or "/login/" in page.url
    expect(page.get_by_text("Community health")).to_have_count(0)
    context.close()
