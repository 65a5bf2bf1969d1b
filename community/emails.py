"""The community's e-mails: one function per kind."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse


def send_notifications_email(*, user, notifications):
    context = {
        "user": user,
        "notifications": notifications,
        "SITE_URL": settings.SITE_URL,
        "SITE_NAME": settings.SITE_NAME,
        "notifications_url": settings.SITE_URL + reverse("community:notifications"),
        "preferences_url": settings.SITE_URL + reverse("accounts:settings"),
    }
    subject = " ".join(render_to_string("emails/notifications.subject.txt", context).split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/notifications.txt", context),
        to=[user.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
    message.attach_alternative(render_to_string("emails/notifications.html", context), "text/html")
    message.send()
