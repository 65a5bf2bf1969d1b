"""Damaged or hand-made addresses, `next` parameters and headers get a page or a redirect, never a 500
(found by a review: each of these was a 500)."""

import pytest

from community.models import Follow, Hug, Mute, Notification
from tests.community.factories import PostFactory
from tests.factories import UserFactory, verify_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client):
    client.force_login(verify_email(UserFactory(display_name="Maya")))
    return client


@pytest.mark.parametrize(
    "action, made",
    [
        (lambda post, other: f"/hugs/post/{post.pk}/", lambda: Hug.objects.count()),
        (lambda post, other: f"/members/{other.pk}/team/", lambda: Follow.objects.count()),
        (lambda post, other: f"/members/{other.pk}/mute/", lambda: Mute.objects.count()),
        (
            lambda post, other: "/notifications/read/",
            lambda: Notification.objects.filter(read_at__isnull=False).count(),
        ),
    ],
    ids=["hug", "team", "mute", "notifications-read"],
)
def test_a_next_that_is_not_a_path_goes_to_the_usual_page(member_client, action, made):
    other = verify_email(UserFactory(display_name="Omar"))
    post = PostFactory(author=other)
    maya = member_client.get("/activities/").wsgi_request.user
    Notification.objects.create(recipient=maya, actor=other, kind=Notification.Kind.TEAM)  # one to mark read
    response = member_client.post(action(post, other), {"next": "back"})
    assert response.status_code == 302 and response["Location"] != "back"
    assert made() == 1  # done once: the member is not tempted to send it again (and undo it)


def test_a_next_path_on_this_site_is_followed(member_client):
    post = PostFactory(author=verify_email(UserFactory()))
    response = member_client.post(f"/hugs/post/{post.pk}/", {"next": f"/activities/{post.pk}/"})
    assert response["Location"] == f"/activities/{post.pk}/"
    response = member_client.post(f"/hugs/post/{post.pk}/", {"next": "https://elsewhere.example/"})
    assert not response["Location"].startswith("https://elsewhere.example")


@pytest.mark.parametrize(
    "url", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/accounts/logout/", "/admin/login/"]
)
def test_a_next_that_is_not_an_address_is_ignored_on_the_sign_in_pages(client, url):
    assert client.get(url, {"next": "http://["}).status_code in (200, 302)


@pytest.mark.parametrize("header", ["HTTP_ORIGIN", "HTTP_REFERER"])
def test_a_newsletter_sign_up_from_an_address_that_is_not_one_is_refused(client, header):
    response = client.post("/newsletter/subscribe/", {"email": "reader@example.com"}, **{header: "http://["})
    assert response.status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/questions/?topic=care%00",
        "/media/avatars/a%00b.jpg",
        "/media/posts/a%00b.jpg",
        "/search/?q=a%00",
        "/resources/?page=%00",
    ],
)
def test_a_null_character_in_the_address_gets_a_bad_request_page(member_client, url):
    response = member_client.get(url)
    assert response.status_code == 400
    assert "We couldn't read that address" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/community/report/?status=%00",
        "/admin/newsletter/subscriber/?frequency__exact=%00",
        "/admin/autocomplete/?term=a%00b&app_label=articles&model_name=article&field_name=author",
    ],
)
def test_a_null_character_in_an_admin_filter_gets_a_bad_request_page(client, staff, url):
    client.force_login(staff)
    assert client.get(url).status_code == 400


def test_the_bad_request_page_carries_the_sites_security_headers(client):
    response = client.get("/resources/?page=%00")
    assert response.status_code == 400
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_admin_action_on_rows_that_are_not_ids_is_a_bad_request(client, staff):
    from community.models import Report

    client.force_login(staff)
    response = client.post("/admin/community/report/", {"action": "dismiss", "index": "0", "_selected_action": ["abc"]})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_an_admin_action_on_real_ids_still_runs(client, staff):
    from community import services
    from community.models import Report

    post = PostFactory(author=verify_email(UserFactory()))
    services.report_content(reporter=verify_email(UserFactory()), target=post, reason="spam")
    report = Report.objects.get()
    client.force_login(staff)
    dismiss = {"action": "dismiss", "index": "0", "_selected_action": [report.pk]}
    response = client.post("/admin/community/report/", dismiss)
    assert response.status_code == 302
    assert Report.objects.get().status == Report.Status.DISMISSED


def test_an_article_form_sent_back_with_an_author_that_is_not_an_id_says_so(client, staff):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    client.force_login(staff)
    response = client.post(f"/admin/articles/article/{article.pk}/change/", {"title": "x", "author": "abc"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
