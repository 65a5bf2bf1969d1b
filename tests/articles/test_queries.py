"""Public pages cost the same number of queries however many articles there are, with their caches
empty and with them warm; served from the cache, they cost none."""

import pytest

from tests.caches import cold_and_warm
from tests.factories import ArticleFactory, SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def make_articles(count, topic, **fields):
    for _ in range(count):
        article = ArticleFactory(**fields)
        article.topics.add(topic)
        SourceFactory(article=article)


PAGES = ["/", "/resources/", "/resources/topics/t/", "/resources/?q=Living", "/resources/target/", "/experts/e/"]


def test_public_pages_cost_the_same_cold_and_warm_with_4_or_400_articles(client):
    from tests.factories import ExpertFactory

    topic = TopicFactory(slug="t")
    expert = ExpertFactory(slug="e")
    make_articles(4, topic)
    article = ArticleFactory(slug="target", author=expert)
    article.topics.add(topic)
    SourceFactory.create_batch(4, article=article)
    small = {url: cold_and_warm(client, url) for url in PAGES}
    make_articles(396, topic, author=expert)
    large = {url: cold_and_warm(client, url) for url in PAGES}
    assert large == small
    for url, (cold, warm, _) in small.items():
        assert cold <= 9, url
        # Without parameters, anonymous pages come whole from the cache; a search is rendered each time.
        assert warm == (cold if "?" in url else 0), url


def test_cached_article_page_costs_no_query(client, article, django_assert_num_queries):
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        response = client.get(article.get_absolute_url())
    assert article.title in response.content.decode()
