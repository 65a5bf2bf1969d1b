from django.contrib import admin
from django.shortcuts import render
from django.utils import timezone

from . import queries
from .charts import Chart, Series


def short_date(day):
    return f"{day:%b} {day.day}"


def insights(request):
    """Community health for staff, inside the admin (config/urls.py wraps it in admin_view)."""
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": "Community health",
        "charts": build_charts(now),
        "now": now,
    }
    return render(request, "insights/insights.html", context)


def build_charts(now):
    """Every chart of the page; a fixed number of queries, each aggregated in the database."""
    weeks, joined = queries.new_members_per_week(now)
    _, active = queries.weekly_active_members(now)
    days, per_day = queries.contributions_per_day(now)
    _, asked, unanswered = queries.unanswered_questions_per_week(now)
    queue = queries.moderation_queue()
    runs = queries.digest_runs()
    reviews = queries.review_schedule(now)
    week_labels = [f"Week of {short_date(week)}" for week in weeks]
    return [
        Chart(
            "new-members",
            "New confirmed members per week",
            "Members who joined each week and confirmed their e-mail address.",
            week_labels,
            [Series("New members", joined)],
        ),
        Chart(
            "active-members",
            "Weekly active members",
            "Members who posted, commented, asked, answered or sent a hug that week.",
            week_labels,
            [Series("Active members", active)],
            kind="line",
        ),
        Chart(
            "contributions",
            "Updates, comments and answers per day",
            f"The last {queries.DAYS} days.",
            [short_date(day) for day in days],
            [Series(name, values) for name, values in per_day.items()],
            label_header="Day",
            kind="line",
        ),
        Chart(
            "unanswered",
            "Questions without an answer after 48 hours",
            "Questions asked each week, and how many had no answer within 48 hours.",
            week_labels,
            [Series("Asked", asked), Series("No answer in 48 hours", unanswered)],
        ),
        Chart(
            "moderation",
            "Moderation queue",
            f"{sum(item.size for item in queue)} item(s) waiting."
            + (
                f" The oldest has waited since {min(item.oldest for item in queue if item.oldest):%Y-%m-%d %H:%M} UTC."
                if any(item.oldest for item in queue)
                else ""
            ),
            [item.name for item in queue],
            [Series("Waiting", [item.size for item in queue])],
            label_header="Queue",
            extra=(
                "Oldest waiting since",
                [f"{item.oldest:%Y-%m-%d %H:%M} UTC" if item.oldest else "—" for item in queue],
            ),
        ),
        Chart(
            "digests",
            "Digest runs",
            "Each run's messages sent, failed, and subscribers left out because their address is suppressed.",
            [str(run) for run in runs],
            [
                Series("Sent", [run.sent for run in runs]),
                Series("Failed", [run.failed for run in runs]),
                Series("Suppressed", [run.suppressed for run in runs]),
            ],
            label_header="Run",
        ),
        Chart(
            "reviews",
            "Articles due for medical review",
            "Published articles by when their next review is due.",
            [label for label, _ in reviews],
            [Series("Articles", [count for _, count in reviews])],
            label_header="Next review",
        ),
    ]
