"""Member counts and the members directory are about members: confirmed, active, not staff."""

import pytest
from django.utils import timezone

from accounts.services import get_profile
from tests.factories import ArticleFactory, UserFactory, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(db):
    """Two members, and five accounts that are not (yet, or any more) members."""
    people = {
        "Maya Member": verify_email(UserFactory(display_name="Maya Member")),
        "Omar Member": verify_email(UserFactory(display_name="Omar Member")),
        "Una Unconfirmed": UserFactory(display_name="Una Unconfirmed"),
        "Stan Staff": verify_email(UserFactory(display_name="Stan Staff", is_staff=True)),
        "Sue Superuser": verify_email(UserFactory(display_name="Sue Superuser", is_staff=True, is_superuser=True)),
        "Ian Inactive": verify_email(UserFactory(display_name="Ian Inactive", is_active=False)),
        "Sid Suspended": verify_email(UserFactory(display_name="Sid Suspended", suspended_at=timezone.now())),
    }
    for user in people.values():
        get_profile(user)
    return people


NOT_MEMBERS = ["Una Unconfirmed", "Stan Staff", "Sue Superuser", "Ian Inactive", "Sid Suspended"]


def test_the_home_page_counts_confirmed_active_members_only(client, people):
    assert "<strong>2 members</strong>" in client.get("/").content.decode()


def test_the_article_pages_invitation_counts_members_only(client, people):
    article = ArticleFactory()
    body = client.get(f"/resources/{article.slug}/").content.decode()
    assert "<strong>2 members</strong> come together" in body


def test_confirming_an_address_makes_a_member(client, people):
    verify_email(people["Una Unconfirmed"])
    assert "<strong>3 members</strong>" in client.get("/").content.decode()


def test_the_directory_lists_members_only(client, people):
    viewer = verify_email(UserFactory(display_name="Viewer"))
    client.force_login(viewer)
    listing = client.get("/members/").content.decode().split('class="member-cards"')[1]
    assert "Maya Member" in listing and "Omar Member" in listing
    for name in NOT_MEMBERS:
        assert name not in listing, name


def test_members_can_still_team_up_with_or_mute_staff_and_open_their_pages(client, people):
    viewer = verify_email(UserFactory(display_name="Viewer"))
    client.force_login(viewer)
    staff = people["Stan Staff"]
    assert client.get(f"/members/{staff.pk}/").status_code == 200
    assert client.post(f"/members/{staff.pk}/mute/").status_code == 302
    assert client.post(f"/members/{staff.pk}/mute/").status_code == 302  # and unmute
