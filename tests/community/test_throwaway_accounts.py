"""Hugs, team adds and reports reach other members or the moderators: an account whose address is
not confirmed cannot send them, and each is rate-limited, so throwaway accounts cannot flood the
moderation queue or members' inboxes."""

import datetime

import pytest
from django.utils import timezone

from community.models import Follow, Hug, Notification, Report
from tests.community.factories import CommentFactory, PostFactory
from tests.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def throwaway_client(client):
    client.force_login(UserFactory(display_name="Throwaway"))  # address never confirmed
    return client


def test_an_unconfirmed_account_cannot_hug(alice, throwaway_client):
    post = PostFactory(author=alice)
    response = throwaway_client.post(f"/hugs/post/{post.pk}/", HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 403 and "confirm your e-mail address" in response.content.decode()
    page = throwaway_client.post(f"/hugs/post/{post.pk}/", follow=True).content.decode()
    assert "Please confirm your e-mail address before sending hugs" in page
    assert not Hug.objects.exists() and not Notification.objects.exists()
    assert PostFactory._meta.model.objects.get().hug_count == 0


def test_an_unconfirmed_account_cannot_add_to_its_team(alice, throwaway_client):
    page = throwaway_client.post(f"/members/{alice.pk}/team/", follow=True).content.decode()
    assert "Please confirm your e-mail address before building your team" in page
    assert not Follow.objects.exists() and not Notification.objects.exists()


def test_an_unconfirmed_account_cannot_report(alice, throwaway_client):
    post = PostFactory(author=alice)
    form = throwaway_client.get(f"/report/post/{post.pk}/").content.decode()
    assert "Please confirm your e-mail address before reporting" in form
    response = throwaway_client.post(f"/report/post/{post.pk}/", {"reason": "Spam"})
    assert response.status_code == 400
    assert "Please confirm your e-mail address before reporting" in response.content.decode()
    assert not Report.objects.exists()


def test_a_confirmed_member_hugs_adds_and_reports(alice, bob_client):
    post = PostFactory(author=alice)
    assert bob_client.post(f"/hugs/post/{post.pk}/", HTTP_X_REQUESTED_WITH="fetch").status_code == 200
    bob_client.post(f"/members/{alice.pk}/team/")
    assert bob_client.post(f"/report/post/{post.pk}/", {"reason": "Spam"}).status_code == 302
    assert Hug.objects.count() == Follow.objects.count() == Report.objects.count() == 1


def test_a_new_member_files_a_handful_of_reports_an_hour(alice, bob_client):
    posts = PostFactory.create_batch(7, author=alice)
    for post in posts[:5]:
        assert bob_client.post(f"/report/post/{post.pk}/", {"reason": "Spam"}).status_code == 302
    response = bob_client.post(f"/report/post/{posts[5].pk}/", {"reason": "Spam"})
    assert response.status_code == 400
    assert "You&#x27;ve sent as many as we take in an hour" in response.content.decode()
    assert Report.objects.count() == 5


def test_an_established_member_has_a_higher_report_limit(alice, client):
    veteran = verify_email(UserFactory(date_joined=timezone.now() - datetime.timedelta(days=90)))
    client.force_login(veteran)
    posts = PostFactory.create_batch(21, author=alice)
    for post in posts[:20]:
        assert client.post(f"/report/post/{post.pk}/", {"reason": "Spam"}).status_code == 302
    assert client.post(f"/report/post/{posts[20].pk}/", {"reason": "Spam"}).status_code == 400
    assert Report.objects.count() == 20


def test_reporting_the_same_thing_again_adds_nothing_to_the_queue(alice, bob_client):
    comment = CommentFactory(author=alice)
    bob_client.post(f"/report/comment/{comment.pk}/", {"reason": "Rude"})
    bob_client.post(f"/report/comment/{comment.pk}/", {"reason": "Still rude"})
    assert Report.objects.get().reason == "Rude"


def test_hugs_and_team_changes_are_rate_limited(settings, alice, bob, bob_client):
    settings.COMMUNITY_RATE_LIMITS = {
        **settings.COMMUNITY_RATE_LIMITS,
        "hug": {"new": (3, 3600), "member": (3, 3600)},
        "team": {"new": (2, 3600), "member": (2, 3600)},
    }
    posts = PostFactory.create_batch(4, author=alice)
    for post in posts[:3]:
        assert bob_client.post(f"/hugs/post/{post.pk}/", HTTP_X_REQUESTED_WITH="fetch").status_code == 200
    page = bob_client.post(f"/hugs/post/{posts[3].pk}/", follow=True).content.decode()
    assert "You&#x27;ve sent a lot of hugs in a short time" in page
    assert Hug.objects.count() == 3

    bob_client.post(f"/members/{alice.pk}/team/")  # on
    bob_client.post(f"/members/{alice.pk}/team/")  # off
    page = bob_client.post(f"/members/{alice.pk}/team/", follow=True).content.decode()
    assert "You&#x27;ve changed your team a lot in a short time" in page
    assert not Follow.objects.exists()
