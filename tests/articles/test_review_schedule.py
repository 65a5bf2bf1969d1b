import datetime

import pytest
from django.utils import timezone

from accounts.models import OutgoingEmail
from articles import services, tasks
from articles.models import Article, add_months
from tests.conftest import run_on_commit_callbacks
from tests.factories import ArticleFactory, ExpertFactory, TopicFactory

pytestmark = pytest.mark.django_db

# A fixed moment: what is due depends only on the dates the test sets, never on today's date.
NOW = datetime.datetime(2026, 6, 15, 9, 0, tzinfo=datetime.UTC)


def reviewed(months_ago=0, days=0, **kwargs):
    """A published article last reviewed `months_ago` months and `days` days before NOW."""
    moment = add_months(NOW, -months_ago) - datetime.timedelta(days=days)
    return ArticleFactory(**{"reviewed_at": moment, "published_at": moment, **kwargs})


@pytest.fixture
def editors(settings):
    settings.EDITORS_EMAILS = ["editor@kindred.example", "chief@kindred.example"]
    settings.ARTICLE_REVIEW_MONTHS = 12
    settings.ARTICLE_REVIEW_NOTICE_DAYS = 30
    return settings.EDITORS_EMAILS


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(datetime.datetime(2026, 1, 31), 1) == datetime.datetime(2026, 2, 28)
    assert add_months(datetime.datetime(2026, 3, 15), -14) == datetime.datetime(2025, 1, 15)


def test_due_and_overdue_follow_the_default_interval_and_the_topics_override(editors):
    overdue = reviewed(months_ago=13, title="Overdue")
    due_soon = reviewed(months_ago=11, days=10, title="Due in about three weeks")
    in_time = reviewed(months_ago=10, title="Reviewed two months ago")
    short = TopicFactory(review_interval_months=6)
    topic_overdue = reviewed(months_ago=7, title="Short-interval topic")
    topic_overdue.topics.add(short)
    draft = reviewed(months_ago=30, title="Draft", status=Article.Status.DRAFT, published_at=None)

    soon = set(Article.objects.review_due_soon(NOW))
    assert soon == {overdue, due_soon, topic_overdue}
    assert set(Article.objects.review_overdue(NOW)) == {overdue, topic_overdue}
    assert in_time not in soon and draft not in soon
    [article] = Article.objects.filter(pk=topic_overdue.pk).with_review_interval()
    assert article.review_due_at() == add_months(topic_overdue.reviewed_at, 6)


def test_admin_filter_lists_due_and_overdue_articles_with_a_badge(client, staff, editors):
    # The admin compares with the real clock; margins of weeks keep it independent of test speed.
    now = timezone.now()
    ArticleFactory(title="Long overdue", reviewed_at=add_months(now, -14), published_at=add_months(now, -14))
    ArticleFactory(
        title="Due next week",
        reviewed_at=add_months(now, -12) + datetime.timedelta(days=7),
        published_at=add_months(now, -13),
    )
    ArticleFactory(title="Fresh review", reviewed_at=now - datetime.timedelta(days=40))
    client.force_login(staff)

    due = client.get("/admin/articles/article/?review=due").content.decode()
    assert "Long overdue" in due and "Due next week" in due
    assert "Fresh review" not in due
    assert "Overdue</strong> since" in due
    assert "Due soon</strong>" in due

    overdue = client.get("/admin/articles/article/?review=overdue").content.decode()
    assert "Long overdue" in overdue
    assert "Due next week" not in overdue and "Fresh review" not in overdue

    everything = client.get("/admin/articles/article/").content.decode()
    assert "Fresh review" in everything and "Due within 30 days or overdue" in everything


def test_weekly_reminders_send_each_reviewer_exactly_their_due_articles(smtp_sink, editors):
    rafael = ExpertFactory(name="Rafael", email="rafael@clinic.example")
    ines = ExpertFactory(name="Ines", email="ines@clinic.example")
    nomail = ExpertFactory(name="Noor", email="")
    rafael_overdue = reviewed(months_ago=13, reviewer=rafael, title="Rafael's overdue article")
    rafael_soon = reviewed(months_ago=11, days=20, reviewer=rafael, title="Rafael's article due soon")
    reviewed(months_ago=3, reviewer=rafael, title="Rafael's fresh article")
    ines_overdue = reviewed(months_ago=12, days=2, reviewer=ines, title="Ines's overdue article")
    noor_overdue = reviewed(months_ago=15, reviewer=nomail, title="Noor's overdue article")

    assert services.send_review_reminders(now=NOW) == 4  # two reviewers, two editors

    [to_rafael] = smtp_sink.to("rafael@clinic.example")
    text = smtp_sink.text(to_rafael)
    assert to_rafael["Subject"] == "2 articles you reviewed are due for review"
    assert "Rafael's overdue article" in text and "Rafael's article due soon" in text
    assert f"http://127.0.0.1:8000/resources/{rafael_overdue.slug}/" in text
    assert f"http://127.0.0.1:8000/resources/{rafael_soon.slug}/" in text
    assert "fresh" not in text and "Ines" not in text and "Noor" not in text

    [to_ines] = smtp_sink.to("ines@clinic.example")
    text = smtp_sink.text(to_ines)
    assert to_ines["Subject"] == "An article you reviewed is due for review"
    assert "Ines's overdue article" in text and "overdue since" in text
    assert "Rafael" not in text

    for editor in editors:
        [digest] = smtp_sink.to(editor)
        text = smtp_sink.text(digest)
        assert digest["Subject"] == "4 articles due for medical review"
        for article in (rafael_overdue, rafael_soon, ines_overdue, noor_overdue):
            assert article.title in text
            assert f"/admin/articles/article/{article.pk}/change/" in text
        assert "fresh" not in text
        assert "no e-mail address on file" in text  # Noor was not reminded
    assert len(smtp_sink.messages) == 4

    # Beat running the task twice in the same week sends nothing more.
    assert services.send_review_reminders(now=NOW + datetime.timedelta(hours=1)) == 0
    run_on_commit_callbacks()
    assert len(smtp_sink.messages) == 4


def test_nothing_is_sent_when_every_review_is_in_time(smtp_sink, editors):
    expert = ExpertFactory(email="calm@clinic.example")
    reviewed(months_ago=6, reviewer=expert)
    reviewed(months_ago=10, days=20, reviewer=expert)  # due in 40 days: outside the 30-day notice
    assert services.send_review_reminders(now=NOW) == 0
    run_on_commit_callbacks()
    assert smtp_sink.messages == []
    assert not OutgoingEmail.objects.exists()


def test_the_beat_task_is_scheduled_weekly_and_sends_through_the_outbox(smtp_sink, editors, settings):
    entry = settings.CELERY_BEAT_SCHEDULE["review-reminders"]
    assert entry["task"] == "articles.tasks.send_review_reminders"
    assert entry["schedule"].day_of_week == {1}
    expert = ExpertFactory(email="weekly@clinic.example")
    # Reviewed 14 months before the real today: overdue whatever day the test runs.
    ArticleFactory(reviewer=expert, reviewed_at=add_months(timezone.now(), -14), title="Old review")
    tasks.send_review_reminders.delay()
    [message] = smtp_sink.to("weekly@clinic.example")
    assert "Old review" in smtp_sink.text(message)


def test_last_reviewed_is_shown_only_for_a_review_that_happened(client):
    published = timezone.now() - datetime.timedelta(days=400)
    later = ArticleFactory(published_at=published, reviewed_at=published + datetime.timedelta(days=300))
    html = client.get(later.get_absolute_url()).content.decode()
    assert "Last reviewed on" in html
    assert '"lastReviewed"' in html

    same_day = ArticleFactory(published_at=published, reviewed_at=published)
    assert "Last reviewed on" not in client.get(same_day.get_absolute_url()).content.decode()

    # A date typed ahead is not a review that happened: neither the page nor its JSON-LD claim it.
    planned = ArticleFactory(published_at=published, reviewed_at=timezone.now() + datetime.timedelta(days=30))
    html = client.get(planned.get_absolute_url()).content.decode()
    assert "Last reviewed on" not in html
    assert '"lastReviewed"' not in html


def test_admin_refuses_a_review_date_in_the_future(article):
    from django.core.exceptions import ValidationError

    article.reviewed_at = timezone.now() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "cannot be in the future" in str(error.value)


@pytest.mark.parametrize("months", [0, 121, 30000])
def test_a_topic_review_interval_outside_a_month_to_ten_years_is_refused(client, staff, months):
    from django.db import IntegrityError, transaction

    from articles.models import Topic

    client.force_login(staff)
    response = client.post(
        "/admin/articles/topic/add/",
        {"name": "Odd", "slug": "odd", "description": "", "review_interval_months": months},
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Topic.objects.filter(slug="odd").exists()
    with pytest.raises(IntegrityError), transaction.atomic():
        Topic.objects.create(name="Odd", slug="odd", review_interval_months=months)
