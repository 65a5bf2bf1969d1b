import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/resources/no-such-article/",
        "/resources/topics/no-such-topic/",
        "/experts/nobody/",
        "/resources/preview/999999/",
        "/no/such/page/",
    ],
)
def test_unknown_addresses_get_the_styled_404(client, staff, url):
    client.force_login(staff)  # staff, so the preview URL reaches its lookup
    response = client.get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert "We couldn't find that page" in body
    assert "/static/css/site.css" in body


@pytest.mark.parametrize("page", ["abc", "99999", "-1", "0", "1.5", "", "%00", "9" * 50])
def test_any_page_parameter_gives_a_page(client, page):
    ArticleFactory.create_batch(15)
    response = client.get("/resources/", {"page": page})
    assert response.status_code == 200
    assert "Page " in response.content.decode()


@pytest.mark.parametrize(
    "query",
    ['"quoted words"', "100%", "%", "_", "' OR 1=1 --", "x" * 5000, "肺癌", "рак легких", "سرطان", "🫁", "\\", "<b>"],
)
def test_search_with_odd_input_answers_with_results_or_an_empty_state(client, query):
    ArticleFactory(title="Coping with fatigue")
    response = client.get("/resources/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "No articles match your search" in body
    assert "<b>" not in body.split("<main", 1)[1]  # the query is shown escaped


def test_search_finds_non_latin_titles(client):
    ArticleFactory(title="肺癌 与 生活")
    body = client.get("/resources/", {"q": "肺癌"}).content.decode()
    assert "1 article match" in body


def test_post_to_a_read_only_page_is_refused_politely(client, article):
    assert client.post(article.get_absolute_url()).status_code == 405
