"""The community's e-mails: one function per kind."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.mail import queue_email


def send_notifications_email(*, user, notifications):
    context = {
        "user": user,
        "notifications": notifications,
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "notifications_url": settings.SITE_URL + reverse("community:notifications"),
        "preferences_url": settings.SITE_URL + reverse("accounts:settings"),
    }
    # Recorded in the outbox and sent by its Celery task once this transaction commits.
    queue_email(
        to=user.email,
        subject=" ".join(render_to_string("emails/notifications.subject.txt", context).split()),
        text=render_to_string("emails/notifications.txt", context),
        html=render_to_string("emails/notifications.html", context),
        headers={"Auto-Submitted": "auto-generated"},
        kind="notifications",
    )


def send_urgent_report_emails(*, report, to):
    """Tell moderators at once that member content may mean a risk of self-harm.

    The e-mail holds a link to the report in the admin, never the member's words or name: mail
    passes through other people's servers and lands on phones.
    """
    context = {
        "kind": report.target._meta.verbose_name,
        "report": report,
        "SITE_NAME": settings.SITE_NAME,
        "admin_url": settings.SITE_URL + reverse("admin:community_report_change", args=[report.pk]),
    }
    subject = " ".join(render_to_string("emails/urgent_report.subject.txt", context).split())
    text = render_to_string("emails/urgent_report.txt", context)
    html = render_to_string("emails/urgent_report.html", context)
    for address in to:
        queue_email(to=address, subject=subject, text=text, html=html, kind="urgent_report")
