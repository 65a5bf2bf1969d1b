"""The outbox: transactional e-mail is recorded first, then sent by a Celery task.

`queue_email` writes an OutgoingEmail row inside the caller's transaction and enqueues the send
on commit. If the request rolls back, nothing was recorded and nothing goes out; if the broker or
the worker is down, the periodic sweep (accounts.tasks.sweep_outgoing_email) sends the row once
they are back. Sending locks the row and checks it is still pending, so a task that runs twice
sends once.

Addresses the relay reported as bounced or complaining (`SuppressedAddress`) get no mail we send
on our own initiative; what the owner has just asked for (`requested=True`: password resets,
confirmation links) still goes, or they could never recover their account.
"""

import logging
import smtplib
import time
from datetime import timedelta
from email.utils import make_msgid
from functools import partial
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from .models import OutgoingEmail, SuppressedAddress

logger = logging.getLogger(__name__)

SENT, RETRY, FAILED, SKIPPED, SUPPRESSED = "sent", "retry", "failed", "skipped", "suppressed"


def message_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def render_email(name, context):
    """(subject, text, html) from templates/emails/<name>.subject.txt|.txt|.html, with the site's
    name and address; the subject on one line."""
    from django.template.loader import get_template

    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(get_template(f"emails/{name}.subject.txt").render(context).split())
    return (
        subject,
        get_template(f"emails/{name}.txt").render(context),
        get_template(f"emails/{name}.html").render(context),
    )


def queue_email(
    *, to, subject, text, html="", headers=None, from_email=None, kind="", requested=False, member=None, about=()
):
    """Record one e-mail to `to` and send it once the current transaction commits.

    `requested`: the recipient asked for it just now, so it goes even to a suppressed address.
    `member`: the account it is sent to or about (its row goes with the account, and is in its export).
    `about`: ids of other members it names; the stored copy goes when any of them is erased.
    """
    email = OutgoingEmail.objects.create(
        kind=kind[:100],
        requested=requested,
        member=member,
        to_email=to,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        subject=" ".join(subject.splitlines()).strip()[:300],
        body_text=text,
        body_html=html,
        headers=headers or {},
        message_id=make_msgid(domain=message_domain()),
    )
    if about:
        email.about.set(about)
    transaction.on_commit(partial(enqueue_outgoing_email, email.pk))
    return email


def queue_message(message, *, kind="", requested=False, member=None):
    """Queue a rendered Django EmailMessage (allauth's), one row per recipient."""
    html = ""
    text = message.body
    if getattr(message, "content_subtype", "plain") == "html":
        html, text = message.body, ""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            html = content
    headers = {name: str(value) for name, value in message.extra_headers.items() if name.lower() != "message-id"}
    return [
        queue_email(
            to=address,
            subject=message.subject,
            text=text,
            html=html,
            headers=headers,
            from_email=message.from_email,
            kind=kind,
            requested=requested,
            member=member,
        )
        for address in message.to
    ]


# After the broker refused an e-mail, requests don't try it again for this long (each try costs
# connection attempts); the outage is logged once a minute per process, not once per e-mail.
BROKER_RETRY_AFTER_SECONDS = 5
_brokers = {}  # broker URL: {"retry_at": monotonic, "logged_at": monotonic or None}


def enqueue_outgoing_email(email_id):
    from .tasks import send_outgoing_email

    now = time.monotonic()
    broker = _brokers.setdefault(send_outgoing_email.app.conf.broker_url, {"retry_at": 0.0, "logged_at": None})
    if now >= broker["retry_at"]:
        try:
            send_outgoing_email.delay(email_id)
        except Exception as exc:  # broker unreachable: the row waits for the sweep; the request must not fail
            broker["retry_at"] = now + BROKER_RETRY_AFTER_SECONDS
            if broker["logged_at"] is None or now - broker["logged_at"] >= 60:
                broker["logged_at"] = now
                logger.warning("The broker is unreachable (%r): e-mails wait for the sweep", exc)
        else:
            broker["logged_at"] = None
            return
    # No task holds it, so the sweep need not wait its grace period: the first sweep after the
    # broker's return sends it.
    OutgoingEmail.objects.filter(pk=email_id, status=OutgoingEmail.Status.PENDING).update(
        next_attempt_at=timezone.now() - timedelta(seconds=settings.MAIL_SWEEP_AFTER_SECONDS)
    )


def build_message(email, *, connection=None):
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=email.from_email,
        to=[email.to_email],
        headers={**email.headers, "Message-ID": email.message_id},
        connection=connection,
    )
    if email.body_html:
        if email.body_text:
            message.attach_alternative(email.body_html, "text/html")
        else:
            message.body, message.content_subtype = email.body_html, "html"
    return message


def is_permanent_refusal(exc):
    """A 5xx answer about this recipient or message: trying again will not help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException) and not isinstance(exc, smtplib.SMTPSenderRefused):
        return exc.smtp_code >= 500
    return False


def retry_delay(attempts):
    """Back-off between attempts: 1, 2, 4, 8 … minutes, at most an hour."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 60))


def deliver_outgoing_email(*, email_id):
    """Send one recorded e-mail if it is still pending; returns SENT, RETRY, FAILED or SKIPPED."""
    with transaction.atomic():
        email = (
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutgoingEmail.Status.PENDING)
            .first()
        )
        if email is None:  # already sent or given up, or another worker is sending it now
            return SKIPPED
        suppression = None if email.requested else SuppressedAddress.objects.active().matching(email.to_email).first()
        if suppression is not None:
            email.status = OutgoingEmail.Status.FAILED
            email.last_error = (
                f"Not sent: the address is suppressed ({suppression.get_reason_display()}, "
                f"{suppression.suppressed_at:%Y-%m-%d %H:%M} UTC)."
            )
            email.save(update_fields=["status", "last_error"])
            return SUPPRESSED
        email.attempts += 1
        try:
            build_message(email).send()
        except (smtplib.SMTPException, OSError) as exc:
            email.last_error = repr(exc)[:2000]
            if is_permanent_refusal(exc) or email.attempts >= settings.MAIL_MAX_ATTEMPTS:
                email.status = OutgoingEmail.Status.FAILED
                result = FAILED
            else:
                email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
                result = RETRY
            logger.warning("E-mail %s not sent (%s): %r", email.pk, result, exc)
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = timezone.now()
            email.last_error = ""
            result = SENT
        email.save(update_fields=["status", "attempts", "last_error", "next_attempt_at", "sent_at"])
    return result


def due_outgoing_emails(*, limit=500):
    """Pending e-mails that no task has picked up in time: claimed for another sweep window."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(
            OutgoingEmail.objects.select_for_update(skip_locked=True)
            .filter(
                status=OutgoingEmail.Status.PENDING,
                next_attempt_at__lte=now - timedelta(seconds=settings.MAIL_SWEEP_AFTER_SECONDS),
            )
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        # Not picked again until the next window, however slow the queue is.
        OutgoingEmail.objects.filter(pk__in=ids).update(next_attempt_at=now)
    return ids


def emails_to(addresses):
    """Recorded e-mails to any of `addresses`, for a member's data export and erasure."""
    lowered = {address.lower() for address in addresses}
    return OutgoingEmail.objects.annotate(to_lower=Lower("to_email")).filter(to_lower__in=lowered)


# Suppression: addresses the relay reported (accounts never imports the apps that react to it).


def suppress_address(*, email, reason, detail="", source=""):
    """Stop mailing `email` on our own initiative. An address already suppressed keeps its record."""
    with transaction.atomic():
        row = SuppressedAddress.objects.select_for_update().matching(email).first()
        if row is None:
            try:
                with transaction.atomic():
                    return SuppressedAddress.objects.create(
                        email=email, reason=reason, detail=detail[:2000], source=source[:60]
                    )
            except IntegrityError:  # the same address reported twice at once: the other one won
                return SuppressedAddress.objects.matching(email).get()
        if not row.is_active:
            row.reason, row.detail, row.source = reason, detail[:2000], source[:60]
            row.suppressed_at, row.lifted_at, row.lifted_by = timezone.now(), None, None
            row.save()
    return row


def lift_suppression(*, suppression, by=None):
    """Staff decided the address works again: it gets our mail from now on."""
    if suppression.lifted_at is None:
        suppression.lifted_at = timezone.now()
        suppression.lifted_by = by
        suppression.save(update_fields=["lifted_at", "lifted_by"])
