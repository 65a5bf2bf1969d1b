"""The crisis journey in Chromium: a member posts words of despair, sees help for their region at
once; a moderator is e-mailed a link (never the words) and finds the urgent entry at the top of
the queue in the admin."""

import re

import pytest
from playwright.sync_api import expect

from accounts.services import get_profile
from community.crisis_seed import seed_crisis_support
from community.models import CrisisResource, Post, Report, WarningPhrase
from tests.browser import signed_in_context
from tests.community.factories import PostFactory
from tests.conftest import link_in
from tests.factories import PASSWORD, UserFactory, enable_totp, totp_code, verify_email
from tests.test_browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = "I can't do this any more. Some nights I want to end my life."


def test_a_member_in_crisis_sees_help_and_a_moderator_is_alerted(browser, live_server, alice, settings, smtp_sink):
    settings.MODERATOR_EMAILS = ["oncall@kindred.example"]
    seed_crisis_support(WarningPhrase, CrisisResource)
    profile = get_profile(alice)
    profile.region = "Leeds, UK"
    profile.save()
    member = signed_in_context(browser, live_server, alice).new_page()
    member.goto("/activities/")
    member.get_by_label("Your update").fill(WORDS)
    member.get_by_role("button", name="Post").click()
    member.wait_for_url("**/activities/")
    panel = member.get_by_role("region", name="You don't have to go through this alone")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading", name="Samaritans", exact=False).first).to_be_visible()
    expect(panel.get_by_role("link", name="Call 116 123")).to_have_attribute("href", "tel:116123")
    expect(panel.get_by_text("Find A Helpline")).to_be_visible()
    expect(panel.get_by_text("988 Suicide")).to_have_count(0)  # not their region's
    expect(member.locator(".post__text").first).to_contain_text("want to end my life")  # published
    assert_accessible(member)
    member.get_by_role("link", name="Need help now?").click()
    expect(member.get_by_role("heading", name="United Kingdom", exact=True)).to_be_visible()
    expect(member.get_by_role("region", name="You don't have to go through this alone")).to_have_count(0)

    # A member's report made after it still comes second in the queue.
    reported = PostFactory(text="A later update someone reported")
    Report.objects.create(reporter=UserFactory(), post=reported, reason="Off topic")

    # The moderator's e-mail: a link to the queue entry, nothing of what the member wrote.
    [email] = smtp_sink.to("oncall@kindred.example")
    text = smtp_sink.text(email)
    assert "end my life" not in email.as_string() and "Alice" not in email.as_string()
    report = Report.objects.get(urgent=True)
    assert report.post == Post.objects.get(text=WORDS)
    link = link_in(text, "/admin/community/report/")

    moderator = verify_email(UserFactory(email="mod@kindred.example", is_staff=True, is_superuser=True))
    secret = enable_totp(moderator)
    staff = browser.new_context(base_url=live_server.url).new_page()
    staff.goto("/admin/community/report/")
    staff.wait_for_url(re.compile(r"/accounts/login/"))
    staff.get_by_label("Email").fill(moderator.email)
    staff.get_by_label("Password").fill(PASSWORD)
    staff.get_by_role("button", name="Sign In").click()
    staff.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    staff.locator('input[name="code"]').fill(totp_code(secret))
    staff.get_by_role("button", name="Sign In").click()
    staff.wait_for_url(re.compile(r"/admin/community/report/$"))
    rows = staff.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("URGENT: possible risk of self-harm")
    expect(rows.first).to_contain_text("Kindred (warning phrase)")
    expect(rows.nth(1)).to_contain_text("A later update someone reported")

    staff.goto(link)
    expect(staff.get_by_text("want to end my life")).to_be_visible()  # staff read it in the admin
    staff.goto("/admin/community/report/")
    rows.first.get_by_role("checkbox").check()
    staff.get_by_label("Action:").select_option("mark_contacted")
    staff.get_by_role("button", name="Go").click()
    expect(staff.get_by_text("1 urgent report(s) marked “Contacted the member”")).to_be_visible()
    report.refresh_from_db()
    assert report.status == "contacted" and report.handled_by == moderator
