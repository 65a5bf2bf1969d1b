"""The community's e-mails: one function per kind."""

from django.conf import settings
from django.urls import reverse

from accounts.mail import queue_email, render_email


def send_notifications_email(*, user, notifications):
    subject, text, html = render_email(
        "notifications",
        {
            "user": user,
            "notifications": notifications,
            "notifications_url": settings.SITE_URL + reverse("community:notifications"),
            "preferences_url": settings.SITE_URL + reverse("accounts:settings"),
        },
    )
    # Recorded in the outbox and sent by its Celery task once this transaction commits.
    return queue_email(
        to=user.email,
        subject=subject,
        text=text,
        html=html,
        headers={"Auto-Submitted": "auto-generated"},
        kind="notifications",
        member=user,
        about={n.actor_id for n in notifications if n.actor_id and n.actor_id != user.pk},
    )


def send_urgent_report_emails(*, report, to):
    """Tell moderators at once that member content may mean a risk of self-harm.

    The e-mail holds a link to the report in the admin, never the member's words or name: mail
    passes through other people's servers and lands on phones.
    """
    subject, text, html = render_email(
        "urgent_report",
        {
            "kind": report.target._meta.verbose_name,
            "report": report,
            "admin_url": settings.SITE_URL + reverse("admin:community_report_change", args=[report.pk]),
        },
    )
    for address in to:
        queue_email(to=address, subject=subject, text=text, html=html, kind="urgent_report")
