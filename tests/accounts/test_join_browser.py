"""The join journey in Chromium: sign up, read the e-mail, confirm, onboarding, profile."""

import pytest
from playwright.sync_api import expect

from accounts.models import Diagnosis, Profile, Stage, User
from tests.browser import signed_in_context
from tests.conftest import link_in
from tests.test_browser import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_member_joins_confirms_and_describes_their_journey(page, smtp_sink):
    Diagnosis.objects.create(name="Adenocarcinoma")
    Stage.objects.create(name="Stage 2")

    page.goto("/")
    page.get_by_role("link", name="Sign up").first.click()
    page.wait_for_url("**/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Your name").fill("Hana")
    page.get_by_label("Email").fill("hana@example.com")
    page.get_by_label("Password:", exact=True).fill("slow river morning tea")
    page.get_by_label("Password (again)").fill("slow river morning tea")
    page.get_by_label("I agree to the").check()
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert page.get_by_role("heading", level=1).inner_text().strip() != ""
    assert_accessible(page)

    [message] = smtp_sink.to("hana@example.com")
    page.goto(link_in(smtp_sink.text(message), "/accounts/confirm-email/"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/welcome/")
    assert "Welcome, Hana" in page.locator("h1").inner_text()
    assert_accessible(page)

    page.get_by_label("Living with the condition").check()
    page.get_by_label("Diagnosis:", exact=True).select_option(label="Adenocarcinoma")
    page.get_by_role("group", name="Who sees your diagnosis").get_by_label("Only me").check()
    page.get_by_label("Region or country").fill("Kyoto")
    page.get_by_label("About me").fill("Newly diagnosed, looking for people a little further along.")
    page.get_by_role("button", name="Save and continue").click()

    user = User.objects.get(email="hana@example.com")
    page.wait_for_url(f"**/members/{user.pk}/")
    assert page.locator("h1").inner_text() == "Hana"
    expect(page.get_by_text("Adenocarcinoma")).to_be_visible()  # the owner sees even "only me" details
    assert_accessible(page)
    profile = Profile.objects.get(user=user)
    assert profile.diagnosis_visibility == "only_me" and profile.region == "Kyoto"
    assert page.console_errors == []


def test_settings_and_profile_pages_are_accessible_on_a_phone(browser, live_server, member):
    context = signed_in_context(browser, live_server, member, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for url in ["/accounts/settings/", f"/members/{member.pk}/"]:
        page.goto(url)
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, url
    context.close()
