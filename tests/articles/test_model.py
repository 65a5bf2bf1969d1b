import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from articles.models import Article
from tests.factories import ArticleFactory, ExpertFactory

pytestmark = pytest.mark.django_db


def test_published_article_without_reviewer_is_refused_with_a_clear_message(author):
    article = Article(title="T", slug="t", lead="L", body="B", author=author, status=Article.Status.PUBLISHED)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "must name its medical reviewer" in str(error.value)
    assert "must have the date of its medical review" in str(error.value)


def test_database_refuses_a_published_article_without_review(author):
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.create(title="T", slug="t", lead="L", body="B", author=author, status="published")


def test_reviewer_must_differ_from_author():
    expert = ExpertFactory()
    article = ArticleFactory.build(author=expert, reviewer=expert, slug="x")
    with pytest.raises(ValidationError, match="someone other than the author"):
        article.full_clean(exclude=["slug"])


def test_body_is_rendered_on_save_with_anchored_headings_and_contents():
    article = ArticleFactory(body="Intro.\n\n## First part\n\nText.\n\n### A detail\n\n## Second part\n")
    assert '<h2 id="first-part">First part</h2>' in article.body_html
    assert [item["id"] for item in article.toc] == ["first-part", "second-part"]
    assert article.toc[0]["children"][0]["id"] == "a-detail"


def test_publishing_sets_the_publication_date_when_missing(author, reviewer):
    article = ArticleFactory(author=author, reviewer=reviewer, status=Article.Status.IN_REVIEW, published_at=None)
    article.publish()
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at is not None
    assert Article.objects.published().filter(pk=article.pk).exists()
