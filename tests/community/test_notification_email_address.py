"""Notification e-mails go only to a confirmed address (found by a review: anyone can sign up with a
stranger's address, and a member adding that account to their team mailed the stranger their own
display name, which can be spam text)."""

import pytest

from community.services import recipients_with_due_notifications
from tests.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db


def test_no_notification_email_goes_to_an_address_nobody_confirmed(client, smtp_sink):
    unconfirmed = UserFactory(email="vera@example.com", display_name="Vera")
    spammer = verify_email(UserFactory(display_name="Cheap pills at pills.example"))
    client.force_login(spammer)
    assert client.post(f"/members/{unconfirmed.pk}/team/").status_code == 302

    assert smtp_sink.to("vera@example.com") == []
    assert list(recipients_with_due_notifications()) == []  # the sweep does not keep trying either


def test_a_confirmed_member_is_told(client, smtp_sink):
    vera = verify_email(UserFactory(email="vera@example.com", display_name="Vera"))
    client.force_login(verify_email(UserFactory(display_name="Omar")))
    client.post(f"/members/{vera.pk}/team/")
    [message] = smtp_sink.to("vera@example.com")
    assert message["Subject"] == "Omar added you to their team"


def test_a_suspended_member_is_not_told_and_the_sweep_does_not_keep_trying(client, smtp_sink):
    from accounts.services import suspend_member
    from community.models import Notification
    from tests.community.factories import PostFactory

    vera = verify_email(UserFactory(email="vera@example.com", display_name="Vera"))
    post = PostFactory(author=vera, text="Vera's walk")
    suspend_member(user=vera, reason="Spam", hide_content=False)  # her update stays up
    client.force_login(verify_email(UserFactory(display_name="Omar")))
    assert client.post(f"/activities/{post.pk}/", {"text": "Lovely"}).status_code == 302
    assert Notification.objects.filter(recipient=vera, emailed_at__isnull=True).exists()

    assert smtp_sink.to("vera@example.com") == []
    assert list(recipients_with_due_notifications()) == []
