"""Staff without two-factor authentication have a member's powers only, on every page."""

import pytest
from django.utils import timezone

from accounts.models import Profile
from accounts.services import get_profile
from articles.models import Article
from tests.community.factories import PostFactory, QuestionFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_things(db):
    author = UserFactory(display_name="Hidden Hal")
    profile = get_profile(author)
    Profile.objects.filter(pk=profile.pk).update(hidden_at=timezone.now(), hidden_reason="Spam")
    return {
        "post": PostFactory(author=author, text="A hidden update about miracle pills", status="hidden"),
        "question": QuestionFactory(author=author, title="A hidden question about pills", status="hidden"),
        "author": author,
        "draft": ArticleFactory(title="A draft on breathing", status=Article.Status.DRAFT, published_at=None),
    }


def pages(things):
    return {
        "update": f"/activities/{things['post'].pk}/",
        "question": f"/questions/{things['question'].pk}/",
        "profile": f"/members/{things['author'].pk}/",
    }


def test_staff_without_two_factor_cannot_preview_articles(client, staff_without_mfa, hidden_things):
    client.force_login(staff_without_mfa)
    response = client.get(f"/resources/preview/{hidden_things['draft'].pk}/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "A draft on breathing" not in body
    assert "Set up two-factor authentication" in body and 'href="/accounts/2fa/totp/activate/"' in body


def test_staff_without_two_factor_see_no_hidden_content(client, staff_without_mfa, hidden_things):
    client.force_login(staff_without_mfa)
    for name, url in pages(hidden_things).items():
        assert client.get(url).status_code == 404, name
    feed = client.get("/activities/").content.decode()
    assert "miracle pills" not in feed
    assert "A hidden question" not in client.get("/questions/").content.decode()


def test_staff_with_two_factor_preview_and_see_hidden_content(client, staff, hidden_things):
    client.force_login(staff)
    preview = client.get(f"/resources/preview/{hidden_things['draft'].pk}/")
    assert preview.status_code == 200 and "A draft on breathing" in preview.content.decode()
    for name, url in pages(hidden_things).items():
        assert client.get(url).status_code == 200, name
    assert "miracle pills" in client.get("/activities/").content.decode()
    assert "A hidden question" in client.get("/questions/").content.decode()


def test_two_factor_set_up_later_gives_staff_their_powers(client, staff_without_mfa, hidden_things):
    from tests.factories import enable_totp

    client.force_login(staff_without_mfa)
    assert client.get(pages(hidden_things)["update"]).status_code == 404
    enable_totp(staff_without_mfa)
    assert client.get(pages(hidden_things)["update"]).status_code == 200
