import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url, **kwargs):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(queries)


def make_articles(count, topic):
    for _ in range(count):
        article = ArticleFactory()
        article.topics.add(topic)
        SourceFactory(article=article)


@pytest.mark.parametrize("url", ["/", "/resources/", "/resources/topics/t/", "/resources/?q=Living"])
def test_list_pages_query_count_stays_flat_from_5_to_50_articles(client, url):
    topic = TopicFactory(slug="t")
    make_articles(5, topic)
    client.get(url)  # warm the member-count cache, which every page shares
    small = count_queries(client, url)
    make_articles(45, topic)
    assert count_queries(client, url) == small
    assert small <= 6


def test_article_page_query_count_stays_flat_and_small(client, django_assert_max_num_queries):
    topic = TopicFactory()
    make_articles(5, topic)
    article = ArticleFactory(slug="target")
    article.topics.add(topic)
    SourceFactory.create_batch(4, article=article)
    with django_assert_max_num_queries(8):
        client.get("/resources/target/")
    make_articles(45, topic)
    article.save()  # a new version, so the page is rendered again rather than served from cache
    with django_assert_max_num_queries(8):
        client.get("/resources/target/")


def test_cached_article_page_costs_no_query(client, article, django_assert_num_queries):
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert article.title in response.content.decode()
