"""Small defects found by a review: an e-mail's text escaped as HTML, and the newsletter's per-address
limit shared by every visitor behind the proxy."""

import pytest

from accounts.models import OutgoingEmail
from community.emails import send_urgent_report_emails
from community.models import Report
from tests.community.factories import PostFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_urgent_report_emails_subject_and_text_are_not_escaped_as_html(settings):
    settings.SITE_NAME = "Breathe & Beyond's"
    report = Report.objects.create(urgent=True, reason=Report.URGENT_REASON, post=PostFactory(author=UserFactory()))
    send_urgent_report_emails(report=report, to=["mod@example.com"])
    email = OutgoingEmail.objects.get(kind="urgent_report")
    assert email.subject == f"[Breathe & Beyond's] Urgent: a member may need support (report {report.pk})"
    assert "Breathe & Beyond's" in email.body_text and "&amp;" not in email.body_text


def test_newsletter_sign_ups_behind_the_proxy_are_limited_per_visitor(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    statuses = [
        client.post(
            "/newsletter/subscribe/",
            {"email": f"reader{n}@example.com", "page": "/"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n + 1}",
        ).status_code
        for n in range(settings.NEWSLETTER_RATE_PER_IP + 1)
    ]
    assert statuses == [200] * len(statuses)
    one_visitor = [
        client.post("/newsletter/subscribe/", {"email": f"x{n}@example.com"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
        for n in range(settings.NEWSLETTER_RATE_PER_IP + 1)
    ]
    assert one_visitor[-1].status_code == 429  # who still has a limit
