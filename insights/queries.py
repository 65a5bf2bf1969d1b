"""The community-health figures: each one aggregated in the database (TruncWeek/TruncDay + Count),
so a query returns one row per week or day however many rows it counts."""

import datetime
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef
from django.db.models.functions import TruncDay, TruncWeek

from accounts.models import User
from articles.models import Article
from community.models import Answer, Comment, Hug, Post, Question, Report, Visibility
from newsletter.models import DigestRun
from newsletter.services import run_progress

WEEKS = 12
DAYS = 30
UNANSWERED_AFTER = datetime.timedelta(hours=48)


def week_start(moment):
    day = moment.date() if isinstance(moment, datetime.datetime) else moment
    return day - datetime.timedelta(days=day.weekday())


def as_date(value):
    """A truncated period as a date: a datetime from PostgreSQL, a string from raw SQL on SQLite."""
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def weeks_until(now):
    last = week_start(now)
    return [last - datetime.timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]


def days_until(now):
    return [now.date() - datetime.timedelta(days=n) for n in range(DAYS - 1, -1, -1)]


def start_of(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def per_period(rows, periods):
    counts = {as_date(period): count for period, count in rows}
    return [counts.get(period, 0) for period in periods]


def new_members_per_week(now):
    """Members who joined each week and have confirmed their e-mail address."""
    weeks = weeks_until(now)
    confirmed = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    rows = (
        User.objects.filter(is_active=True, date_joined__gte=start_of(weeks[0]))
        .filter(Exists(confirmed))
        .annotate(week=TruncWeek("date_joined"))
        .values_list("week")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return weeks, per_period(rows, weeks)


def weekly_active_members(now):
    """Distinct members who posted, commented, asked, answered or hugged, per week.

    One statement: each source gives its distinct (week, member) pairs, UNION removes the members
    active in several ways, and the outer query counts per week.
    """
    weeks = weeks_until(now)
    since = start_of(weeks[0])
    sources = [
        model.objects.filter(created_at__gte=since)
        .annotate(week=TruncWeek("created_at"), member=F(member_field))
        .values_list("week", "member")
        .order_by()
        for model, member_field in [
            (Post, "author_id"),
            (Comment, "author_id"),
            (Question, "author_id"),
            (Answer, "author_id"),
            (Hug, "user_id"),
        ]
    ]
    sql, params = sources[0].union(*sources[1:]).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT active.week, COUNT(*) FROM ({sql}) active GROUP BY active.week", params)  # noqa: S608
        rows = cursor.fetchall()
    return weeks, per_period(rows, weeks)


def contributions_per_day(now):
    days = days_until(now)
    since = start_of(days[0])
    counts = {}
    for name, model in [("Updates", Post), ("Comments", Comment), ("Answers", Answer)]:
        rows = (
            model.objects.filter(created_at__gte=since)
            .annotate(day=TruncDay("created_at"))
            .values_list("day")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts[name] = per_period(rows, days)
    return days, counts


def unanswered_questions_per_week(now):
    """Questions asked each week (more than 48 hours ago), and how many had no answer within 48 hours."""
    weeks = weeks_until(now)
    answered_in_time = Answer.objects.filter(  # by an answer members can see, as the questions page counts
        question=OuterRef("pk"), status=Visibility.VISIBLE, created_at__lte=OuterRef("created_at") + UNANSWERED_AFTER
    )
    rows = (
        Question.objects.filter(created_at__gte=start_of(weeks[0]), created_at__lte=now - UNANSWERED_AFTER)
        .annotate(week=TruncWeek("created_at"))
        .values_list("week")
        .annotate(asked=Count("pk"), unanswered=Count("pk", filter=~Exists(answered_in_time)))
        .order_by()
    )
    by_week = {as_date(week): (asked, unanswered) for week, asked, unanswered in rows}
    return weeks, [by_week.get(week, (0, 0))[0] for week in weeks], [by_week.get(week, (0, 0))[1] for week in weeks]


@dataclass
class QueueItem:
    name: str
    size: int
    oldest: datetime.datetime | None


def moderation_queue():
    """Open reports and content held for review: how many, and since when the oldest waits."""
    queue = [
        QueueItem(
            "Open reports",
            **Report.objects.filter(status=Report.Status.OPEN).aggregate(size=Count("pk"), oldest=Min("created_at")),
        )
    ]
    for name, model in [
        ("Held updates", Post),
        ("Held comments", Comment),
        ("Held questions", Question),
        ("Held answers", Answer),
    ]:
        queue.append(
            QueueItem(
                name,
                **model.objects.filter(status=Visibility.HELD).aggregate(size=Count("pk"), oldest=Min("created_at")),
            )
        )
    return queue


def digest_runs(limit=12):
    """The latest runs, oldest first, with sent / failed / suppressed counts."""
    runs = list(run_progress(DigestRun.objects.order_by("-created_at"))[:limit])
    return list(reversed(runs))


def review_schedule(now):
    """Published articles by how soon their medical review is due, counted in one query."""
    notice = settings.ARTICLE_REVIEW_NOTICE_DAYS
    intervals = Article.objects.review_intervals()
    published = Article.objects.published().with_review_interval()
    counts = published.aggregate(
        **{
            name: Count("pk", filter=Article.objects.review_due_q(now + datetime.timedelta(days=days), intervals))
            for name, days in [("overdue", 0), ("soon", notice), ("within_90", 90)]
        }
    )
    return [
        ("Overdue", counts["overdue"]),
        (f"Due within {notice} days", counts["soon"] - counts["overdue"]),
        (f"Due in {notice + 1}–90 days", counts["within_90"] - counts["soon"]),
    ]
