"""The insights page counts as the rest of the site does (found by a review): a question whose only
answer members cannot see is unanswered, and articles not public yet are not due for review."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, add_months
from community import services
from community.models import Question, Visibility
from insights import queries
from tests.community.factories import AnswerFactory, QuestionFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 17, 12, 0, tzinfo=datetime.UTC)  # a Wednesday
LAST_WEEK = datetime.date(2026, 6, 8)


@pytest.mark.parametrize("status", [Visibility.HIDDEN, Visibility.HELD])
def test_a_question_whose_only_answer_nobody_can_see_is_unanswered(status):
    """The site's own rule (community/services.py recount): hidden answers do not count, "a question
    whose only answer was hidden is unanswered again"; a held answer is not shown either."""
    asked = NOW - datetime.timedelta(days=8)
    question = QuestionFactory(created_at=asked)
    AnswerFactory(question=question, created_at=asked + datetime.timedelta(hours=2), status=status)
    services.recount(questions=Question.objects.filter(pk=question.pk))
    question.refresh_from_db()
    assert question.answer_count == 0  # the questions page lists it under "unanswered"
    weeks, asked_counts, unanswered = queries.unanswered_questions_per_week(NOW)
    assert asked_counts[weeks.index(LAST_WEEK)] == 1
    assert unanswered[weeks.index(LAST_WEEK)] == 1


def test_the_review_chart_and_the_admin_agree_on_an_article_not_public_yet():
    now = timezone.now()
    ArticleFactory(
        title="Goes live tomorrow, review long overdue",
        published_at=now + datetime.timedelta(days=1),
        reviewed_at=add_months(now, -14),
    )
    # Not public yet: neither the admin's "overdue" filter, the reminders nor the chart list it.
    assert Article.objects.review_overdue(now).count() == 0
    assert dict(queries.review_schedule(now))["Overdue"] == 0
