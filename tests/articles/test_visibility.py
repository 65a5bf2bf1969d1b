import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(author, reviewer):
    later = timezone.now() + datetime.timedelta(days=2)
    return {
        "published": ArticleFactory(title="Published piece", slug="published-piece", author=author, reviewer=reviewer),
        "draft": ArticleFactory(title="Draft piece", slug="draft-piece", status=Article.Status.DRAFT),
        "in_review": ArticleFactory(title="Review piece", slug="review-piece", status=Article.Status.IN_REVIEW),
        "scheduled": ArticleFactory(title="Scheduled piece", slug="scheduled-piece", published_at=later),
    }


def test_only_published_articles_open_by_url(client, articles):
    assert client.get("/resources/published-piece/").status_code == 200
    for slug in ["draft-piece", "review-piece", "scheduled-piece"]:
        response = client.get(f"/resources/{slug}/")
        assert response.status_code == 404, slug


@pytest.mark.parametrize("url", ["/resources/", "/", "/feeds/articles/", "/sitemap.xml"])
def test_lists_show_only_published_articles(client, articles, url):
    body = client.get(url).content.decode()
    assert "published-piece" in body or "Published piece" in body
    for hidden in ["draft-piece", "review-piece", "scheduled-piece", "Draft piece", "Scheduled piece"]:
        assert hidden not in body, (url, hidden)


def test_scheduled_article_appears_once_its_time_has_come(client, articles):
    scheduled = articles["scheduled"]
    Article.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - datetime.timedelta(minutes=1))
    assert client.get("/resources/scheduled-piece/").status_code == 200
    assert "Scheduled piece" in client.get("/resources/").content.decode()


def test_expert_page_lists_only_published_articles(client, articles, author):
    ArticleFactory(title="Unreviewed draft by author", author=author, status=Article.Status.DRAFT)
    body = client.get(author.get_absolute_url()).content.decode()
    assert "Published piece" in body
    assert "Unreviewed draft by author" not in body


def test_unpublishing_hides_a_cached_article_at_once(client, articles):
    assert client.get("/resources/published-piece/").status_code == 200  # now cached
    article = articles["published"]
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get("/resources/published-piece/").status_code == 404


def test_deleting_a_cached_article_from_the_admin_list_removes_it(client, staff, articles):
    assert client.get("/resources/published-piece/").status_code == 200  # now cached
    client.force_login(staff)
    client.post(
        "/admin/articles/article/",
        {"action": "delete_selected", "_selected_action": [articles["published"].pk], "post": "yes"},
    )
    client.logout()
    assert client.get("/resources/published-piece/").status_code == 404


def test_editing_a_source_or_topic_shows_on_the_cached_page(client, articles):
    from tests.factories import SourceFactory, TopicFactory

    article = articles["published"]
    topic = TopicFactory(name="Fresh topic")  # exists before the page is cached
    client.get(article.get_absolute_url())
    SourceFactory(article=article, title="A brand new source")
    assert "A brand new source" in client.get(article.get_absolute_url()).content.decode()
    article.topics.add(topic)  # only the link between them changes
    assert "Fresh topic" in client.get(article.get_absolute_url()).content.decode()
