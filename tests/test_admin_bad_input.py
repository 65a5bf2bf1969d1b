"""The admin gives a page, not a 500, to what staff can send it (found by a review helper)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(staff):
    client = Client(raise_request_exception=False)
    client.force_login(staff)
    return client


@pytest.mark.parametrize("kind", ["post", "comment", "question", "answer"])
def test_member_content_is_not_added_in_the_admin(staff_client, kind):
    """Members write it on the site: the admin's form had no author, so sending it was a 500."""
    assert staff_client.get(f"/admin/community/{kind}/add/").status_code == 403
    assert staff_client.post(f"/admin/community/{kind}/add/", {"text": "Hello", "title": "Why?"}).status_code == 403
    assert 'href="/admin/community/post/add/"' not in staff_client.get("/admin/").content.decode()


@pytest.mark.parametrize("term", ["maya", "10.0.0.1", "1"])
def test_searching_members_sessions_in_the_admin_finds_them(staff_client, staff, term):
    response = staff_client.get("/admin/usersessions/usersession/", {"q": term})
    assert response.status_code == 200


def test_a_members_sessions_are_found_by_their_address(staff_client):
    from allauth.usersessions.models import UserSession

    from tests.factories import UserFactory

    alice = UserFactory(email="alice@example.com")
    UserSession.objects.create(user=alice, session_key="abc", ip="10.0.0.1", user_agent="Firefox")
    page = staff_client.get("/admin/usersessions/usersession/", {"q": alice.email}).content.decode()
    assert "10.0.0.1" in page


@pytest.mark.parametrize(
    "date",
    [
        {"year": str(2**63)},
        {"year": "-1"},
        {"year": "20x6"},
        {"year": "0"},
        {"year": "9999"},  # its period ends in year 10000 (found by a review helper)
        {"year": "9999", "month": "12", "day": "31"},
        {"year": "2026", "month": "13"},
        {"year": "2026", "month": "1", "day": "00032"},
    ],
)
def test_an_impossible_date_in_the_article_list_is_a_400(staff_client, date):
    asked = {f"published_at__{part}": value for part, value in date.items()}
    assert staff_client.get("/admin/articles/article/", asked).status_code == 400


def test_a_possible_date_in_the_article_list_is_shown(staff_client):
    asked = {"published_at__year": "9998", "published_at__month": "12", "published_at__day": "31"}
    assert staff_client.get("/admin/articles/article/", asked).status_code == 200
    assert staff_client.get("/admin/articles/article/", {"published_at__year": "2026"}).status_code == 200


# Found by a bad-input hunt.


def test_clearing_the_text_of_an_update_without_a_picture_says_why_it_cannot(staff_client):
    from community.models import Post
    from tests.admin_forms import submit_change_form
    from tests.community.factories import PostFactory

    post = PostFactory(text="A walk by the river")
    response = submit_change_form(staff_client, f"/admin/community/post/{post.pk}/change/", expect=200, text="")
    assert "All updates must be accompanied by text or a picture." in response.content.decode()
    assert Post.objects.get(pk=post.pk).text == "A walk by the river"


def test_staff_cannot_suspend_themselves(staff_client, staff):
    from tests.factories import UserFactory

    other = UserFactory()
    asked = {"action": "suspend", "_selected_action": [staff.pk, other.pk], "apply": "1", "reason": "x"}
    response = staff_client.post("/admin/accounts/user/", asked, follow=True)
    assert "You can&#x27;t suspend yourself" in response.content.decode()
    staff.refresh_from_db()
    other.refresh_from_db()
    assert staff.suspended_at is None and other.suspended_at is None
    assert staff_client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"phrase": "%", "language": "en"}, "This phrase has no words to match"),
        ({"phrase": "🙂", "language": "en"}, "This phrase has no words to match"),
        ({"phrase": "give up", "language": "English"}, "Use a two-letter ISO 639-1 code"),
    ],
)
def test_a_warning_phrase_that_could_never_match_is_refused(staff_client, fields, message):
    from community.models import WarningPhrase

    response = staff_client.post("/admin/community/warningphrase/add/", {"not_after": "", "not_before": "", **fields})
    assert response.status_code == 200 and message in response.content.decode()
    assert not WarningPhrase.objects.filter(phrase=fields["phrase"]).exists()


def test_a_helpline_nobody_could_reach_is_refused(staff_client):
    from community.models import CrisisResource

    asked = {"name": "Quiet line", "region": "GB", "sort_order": "0", "active": "on"}
    response = staff_client.post("/admin/community/crisisresource/add/", asked)
    assert response.status_code == 200 and "Give at least one way to reach this helpline" in response.content.decode()
    assert not CrisisResource.objects.filter(name="Quiet line").exists()
