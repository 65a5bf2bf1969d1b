import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import add_months
from community.models import Hug, Post, Report, Visibility
from insights import charts, queries
from insights.views import build_charts
from newsletter.models import Delivery, DigestRun
from tests.community.factories import AnswerFactory, CommentFactory, PostFactory, QuestionFactory
from tests.conftest import skip_or_fail
from tests.factories import ArticleFactory, UserFactory, verify_email
from tests.newsletter.conftest import make_reader

pytestmark = pytest.mark.django_db

# A Wednesday: the figures depend only on the dates the tests give, never on today.
NOW = datetime.datetime(2026, 6, 17, 12, 0, tzinfo=datetime.UTC)
THIS_WEEK = datetime.date(2026, 6, 15)
LAST_WEEK = datetime.date(2026, 6, 8)


def at(days_ago, hours=0):
    return NOW - datetime.timedelta(days=days_ago, hours=hours)


def week_value(weeks, values, week):
    return values[weeks.index(week)]


def test_new_confirmed_members_are_counted_in_the_week_they_joined():
    verify_email(UserFactory(date_joined=at(1)))
    verify_email(UserFactory(date_joined=at(2)))
    UserFactory(date_joined=at(1))  # never confirmed their address
    verify_email(UserFactory(date_joined=at(8)))
    weeks, joined = queries.new_members_per_week(NOW)
    assert len(weeks) == queries.WEEKS and weeks[-1] == THIS_WEEK
    assert week_value(weeks, joined, THIS_WEEK) == 2
    assert week_value(weeks, joined, LAST_WEEK) == 1
    assert sum(joined) == 3


def test_a_member_active_in_several_ways_counts_once_a_week():
    maya, omar, ines = UserFactory.create_batch(3)
    post = PostFactory(author=maya, created_at=at(1))
    CommentFactory(author=maya, post=post, created_at=at(1))
    Hug.objects.create(user=omar, post=post, created_at=at(0))
    AnswerFactory(author=ines, question=QuestionFactory(author=omar, created_at=at(9)), created_at=at(9))
    weeks, active = queries.weekly_active_members(NOW)
    assert week_value(weeks, active, THIS_WEEK) == 2  # Maya (twice) and Omar
    assert week_value(weeks, active, LAST_WEEK) == 2  # Omar asked, Ines answered


def test_contributions_are_counted_per_day():
    post = PostFactory(created_at=at(0))
    PostFactory(created_at=at(0))
    CommentFactory(post=post, created_at=at(2))
    AnswerFactory(created_at=at(2))
    days, counts = queries.contributions_per_day(NOW)
    assert days[-1] == NOW.date() and len(days) == queries.DAYS
    assert counts["Updates"][-1] == 2
    assert counts["Comments"][-3] == 1 and counts["Answers"][-3] == 1
    assert sum(counts["Comments"]) == 1


def test_questions_count_as_unanswered_without_an_answer_within_48_hours():
    in_time = QuestionFactory(created_at=at(5))
    AnswerFactory(question=in_time, created_at=at(5) + datetime.timedelta(hours=30))
    late = QuestionFactory(created_at=at(5))
    AnswerFactory(question=late, created_at=at(5) + datetime.timedelta(hours=60))
    QuestionFactory(created_at=at(4))  # never answered
    QuestionFactory(created_at=at(1))  # asked less than 48 hours ago: too early to tell
    weeks, asked, unanswered = queries.unanswered_questions_per_week(NOW)
    # at(5) and at(4) are Friday and Saturday of the week before.
    assert week_value(weeks, asked, LAST_WEEK) == 3
    assert week_value(weeks, unanswered, LAST_WEEK) == 2
    assert week_value(weeks, asked, THIS_WEEK) == 0


def test_moderation_queue_counts_open_reports_and_held_content_with_the_oldest():
    reporter = UserFactory()
    post = PostFactory()
    Report.objects.create(reporter=reporter, post=post, reason="unkind", created_at=at(3))
    Report.objects.create(reporter=reporter, post=post, reason="spam", status=Report.Status.DISMISSED)
    PostFactory(status=Visibility.HELD, created_at=at(6))
    queue = {item.name: item for item in queries.moderation_queue()}
    assert queue["Open reports"].size == 1 and queue["Open reports"].oldest == at(3)
    assert queue["Held updates"].size == 1 and queue["Held updates"].oldest == at(6)
    assert queue["Held comments"].size == 0 and queue["Held comments"].oldest is None


def test_bar_chart_geometry_scales_to_a_round_top():
    chart = charts.Chart("c", "Title", "Summary", ["a", "b"], [charts.Series("n", [3, 7])])
    ticks = [tick["value"] for tick in chart.geometry["ticks"]]
    assert ticks == [0, 5, 10]
    first, second = chart.geometry["shapes"][0]["bars"]
    assert second["height"] > first["height"] > 0
    assert first["y"] + first["height"] == chart.geometry["bottom"]
    assert charts.nice_ceiling(0) == 1 and charts.nice_ceiling(101) == 200


def test_axes_read_cleanly_whole_counts_and_labels_that_never_meet():
    """Seen on the page: "0.5" members on a chart whose top was 1, and twelve weeks' labels, the
    last one forced in beside its neighbour, running into each other."""
    weeks = [f"Week of Sep {day}" for day in range(1, 13)]
    chart = charts.Chart("c", "Title", "Summary", weeks, [charts.Series("n", [0] * 11 + [1])])
    assert [tick["label"] for tick in chart.geometry["ticks"]] == ["0", "1"]
    labels = chart.geometry["x_labels"]
    assert labels[-1]["text"] == "Sep 12"  # the latest week, shortened: the table says the rest
    gaps = {round(b["x"] - a["x"], 1) for a, b in zip(labels, labels[1:], strict=False)}
    assert len(gaps) == 1 and len(labels) <= charts.MAX_X_LABELS  # evenly spaced


def test_members_and_visitors_cannot_open_insights(client, member):
    response = client.get("/admin/insights/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    client.force_login(member)
    response = client.get("/admin/insights/", follow=True)
    assert response.status_code == 403
    assert "Community health" not in response.content.decode()


def test_staff_see_every_chart_with_its_table(client, staff):
    verify_email(UserFactory(date_joined=timezone.now()))
    QuestionFactory(created_at=timezone.now() - datetime.timedelta(days=3))
    Report.objects.create(reporter=UserFactory(), post=PostFactory(), reason="unkind")
    run = DigestRun.objects.create(frequency="weekly", period="2026-W01", until=timezone.now(), suppressed=4)
    Delivery.objects.create(run=run, subscriber=make_reader("a@example.com"), status=Delivery.Status.SENT)
    ArticleFactory(reviewed_at=add_months(timezone.now(), -13), title="An overdue article")
    ArticleFactory(reviewed_at=add_months(timezone.now(), -12) + datetime.timedelta(days=10), title="Due soon")
    ArticleFactory(reviewed_at=add_months(timezone.now(), -12) + datetime.timedelta(days=60), title="Due later")
    ArticleFactory(reviewed_at=timezone.now() - datetime.timedelta(days=5), title="Fresh")
    client.force_login(staff)
    html = client.get("/admin/insights/").content.decode()
    for title in [
        "New confirmed members per week",
        "Weekly active members",
        "Updates, comments and answers per day",
        "Questions without an answer after 48 hours",
        "Moderation queue",
        "Digest runs",
        "Articles due for medical review",
    ]:
        assert f"<caption>{title}" in html
    assert html.count('<svg class="chart') == 7 and html.count("<table") >= 7
    assert "<script" not in html.split('id="content-main"')[1].split("</main>")[0]
    assert "<td>4</td>" in html  # the run's suppressed subscribers
    assert "1 item(s) waiting." in html
    reviews = html.split('id="reviews"')[1]
    for label in ["Overdue", "Due within 30 days", "Due in 31–90 days"]:
        assert f'<th scope="row">{label}</th><td>1</td>' in reviews
    # The admin index links here.
    assert 'href="/admin/insights/"' in client.get("/admin/").content.decode()


def test_insights_cost_the_same_queries_with_10000_updates(client, staff, django_assert_num_queries):
    if connection.vendor != "postgresql":
        skip_or_fail("the query budget is pinned on PostgreSQL: DATABASE_URL is not PostgreSQL")
    client.force_login(staff)
    members = UserFactory.create_batch(20)

    def queries_for_page():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/admin/insights/").status_code == 200
        return len(captured)

    Post.objects.bulk_create(Post(author=members[0], text="one", created_at=timezone.now()) for _ in range(10))
    queries_for_page()  # the first request of a session writes to it
    small = queries_for_page()
    now = timezone.now()
    Post.objects.bulk_create(
        Post(author=members[n % 20], text=f"Update {n}", created_at=now - datetime.timedelta(minutes=4 * n))
        for n in range(10_000)
    )
    assert Post.objects.count() == 10_010
    assert queries_for_page() == small
    # The charts themselves: members 1, active members 1, contributions 3, unanswered questions 1,
    # moderation queue 5 (reports and four kinds of held content), digest runs 1, review schedule 2
    # (the intervals in use, then the three counts).
    with django_assert_num_queries(14):
        charts = build_charts(timezone.now())
    assert sum(charts[2].series[0].values) == 10_010
