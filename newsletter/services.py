"""Subscriptions and digest runs: every write with side effects, as `verb_noun(*, ...)` functions."""

import contextlib
import logging
import smtplib
import time
from datetime import UTC, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.mail import is_permanent_refusal, lift_suppression, suppress_address
from accounts.models import DigestFrequency, Profile, SuppressedAddress
from accounts.services import get_profile, primary_address_confirmed

from . import digest, emails
from .models import Delivery, DigestRun, Subscriber

logger = logging.getLogger(__name__)

# The wording a reader agrees to; a new wording gets a new version, kept with each consent.
CONSENT_VERSION = "newsletter-2026-11"
CONSENT_TEXT = (
    "New medically reviewed articles by e-mail, weekly unless you choose daily. "
    "Every e-mail has a link to unsubscribe at once."
)
MEMBER_SIGNUP_CONSENT = "member-signup-2026-11"
MEMBER_SETTINGS_CONSENT = "member-settings-2026-11"
PREFERENCES_CONSENT = "preferences-2026-11"

PREPARE_CHUNK = 2000  # deliveries recorded per statement while preparing a run
PERIOD = {DigestFrequency.DAILY: timedelta(days=1), DigestFrequency.WEEKLY: timedelta(days=7)}
# However long ago someone's last digest was, a digest covers at most this much.
LONGEST_LOOKBACK = timedelta(days=31)


def _record_consent(subscriber, *, page, version):
    subscriber.consent_at = timezone.now()
    subscriber.consent_page = (page or "")[:300]
    subscriber.consent_version = version


# Readers: double opt-in, unsubscribe, preferences.


def subscribe_reader(*, email, page):
    """Record a sign-up and send the confirmation link.

    The caller shows the same answer whatever happens here, so nobody learns whether an address
    is subscribed; an address that already is gets no e-mail at all.
    """
    email = email.strip()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            subscriber, _ = Subscriber.objects.get_or_create(email=email)
        if subscriber.status == Subscriber.Status.ACTIVE:
            return subscriber
        subscriber.status = Subscriber.Status.PENDING
        _record_consent(subscriber, page=page, version=CONSENT_VERSION)
        subscriber.save()
        emails.send_confirmation_email(subscriber=subscriber)
    return subscriber


def confirm_subscription(*, subscriber):
    """True when the subscription is (now) active; False when the link no longer applies."""
    if subscriber.status == Subscriber.Status.ACTIVE:
        return True
    if subscriber.status != Subscriber.Status.PENDING:
        return False
    with transaction.atomic():
        subscriber.status = Subscriber.Status.ACTIVE
        subscriber.confirmed_at = timezone.now()
        subscriber.bounce_count = 0
        subscriber.save(update_fields=["status", "confirmed_at", "bounce_count"])
        if subscriber.user_id:
            profile = get_profile(subscriber.user)
            if profile.digest_frequency == DigestFrequency.OFF:
                profile.digest_frequency = DigestFrequency.WEEKLY
                profile.save(update_fields=["digest_frequency", "updated_at"])
    return True


def unsubscribe_subscriber(*, subscriber):
    with transaction.atomic():
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.UNSUBSCRIBED
            subscriber.unsubscribed_at = timezone.now()
            subscriber.save(update_fields=["status", "unsubscribed_at"])
        if subscriber.user_id:
            Profile.objects.filter(user_id=subscriber.user_id).update(digest_frequency=DigestFrequency.OFF)


def change_digest_frequency(*, subscriber, frequency, page=""):
    """From the preferences page: daily, weekly, or off (which unsubscribes)."""
    if frequency == DigestFrequency.OFF:
        unsubscribe_subscriber(subscriber=subscriber)
        return
    with transaction.atomic():
        if subscriber.status != Subscriber.Status.ACTIVE:
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.bounce_count = 0
            subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
            _record_consent(subscriber, page=page, version=PREFERENCES_CONSENT)
        if subscriber.user_id:
            Profile.objects.filter(user_id=subscriber.user_id).update(digest_frequency=frequency)
        else:
            subscriber.frequency = frequency
        subscriber.save()
        _lift_on_request(subscriber.address, by=subscriber.user)  # after the save: it resets the count


def _lift_on_request(address, *, by=None):
    """The owner of a suppressed address asked for the digest again, from a page only they reach
    (their settings, or a link we mailed them): they have shown the address works and that they
    want our mail, so it gets mail again, its bounce count afresh, as when staff lift it."""
    suppression = SuppressedAddress.objects.active().matching(address).first()
    if suppression is not None:
        lift_address_suppression(suppression=suppression, by=by)


def digest_frequency_of(subscriber):
    if subscriber.status != Subscriber.Status.ACTIVE:
        return DigestFrequency.OFF
    if subscriber.user_id:
        return get_profile(subscriber.user).digest_frequency
    return subscriber.frequency


# Members: subscribers through their account.


def subscribe_member(*, user, page="", version=MEMBER_SIGNUP_CONSENT):
    """Make the member a subscriber (once their address is confirmed); their profile says how often."""
    verified = primary_address_confirmed(user)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(user=user).first()
        if subscriber is None:
            if not verified:
                # Anyone can sign up with someone else's address: until it is confirmed there is
                # nothing to record (the profile keeps their choice, and confirming subscribes them,
                # signals.py), and a reader's subscription at that address stays the reader's.
                return None
            subscriber = Subscriber.objects.select_for_update().filter(
                email__iexact=user.email, user__isnull=True
            ).first() or Subscriber(email=user.email)
        subscriber.user = user
        if verified:
            if subscriber.status != Subscriber.Status.ACTIVE:
                subscriber.confirmed_at = timezone.now()
            subscriber.status = Subscriber.Status.ACTIVE
            subscriber.bounce_count = 0
            _lift_on_request(user.email, by=user)
        elif subscriber.status != Subscriber.Status.ACTIVE:
            subscriber.status = Subscriber.Status.PENDING
        _record_consent(subscriber, page=page, version=version)
        subscriber.save()
    return subscriber


def member_address_confirmed(*, user, page=""):
    """The member confirmed their primary address. At sign-up that subscribes them; later (they
    changed address) their subscription follows the new address, subscribed or not as it was, and
    a reader's subscription they had at the new address gives way to it (one digest, not two)."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(user=user).first()
        if subscriber is None:
            return subscribe_member(user=user, page=page)
        if subscriber.email.lower() != user.email.lower():
            Subscriber.objects.filter(email__iexact=user.email, user__isnull=True).delete()
            subscriber.email = user.email
            subscriber.save(update_fields=["email"])
    return subscriber


def save_email_preferences(*, user, digest_frequency, notification_emails, page=""):
    with transaction.atomic():
        profile = get_profile(user)
        profile.digest_frequency = digest_frequency
        profile.notification_emails = notification_emails
        profile.save(update_fields=["digest_frequency", "notification_emails", "updated_at"])
        subscriber = Subscriber.objects.filter(user=user).first()
        if digest_frequency == DigestFrequency.OFF:
            if subscriber:
                unsubscribe_subscriber(subscriber=subscriber)
        else:
            subscribe_member(user=user, page=page, version=MEMBER_SETTINGS_CONSENT)


def erase_subscriptions(*, addresses, user=None):
    """Remove the subscription rows (and their deliveries) of a member or of these addresses."""
    query = Q(email_lower__in={address.lower() for address in addresses})
    if user is not None:
        query |= Q(user=user)
    Subscriber.objects.annotate(email_lower=Lower("email")).filter(query).delete()


# Digest runs: start, prepare, send in batches, resume.


def period_of(frequency, moment):
    if frequency == DigestFrequency.WEEKLY:
        year, week, _ = moment.isocalendar()
        return f"{year}-W{week:02d}"
    return moment.date().isoformat()


def start_digest_run(*, frequency, period=None, now=None):
    """The run for this period, created once; its preparation is enqueued on commit.

    Starting the same period again returns the existing run: a finished run sends nothing more.
    """
    from .tasks import prepare_digest_run as prepare_task

    if frequency not in PERIOD:
        raise ValueError(f"Unknown digest frequency {frequency!r}: use daily or weekly.")
    now = now or timezone.now()
    with transaction.atomic():
        run, created = DigestRun.objects.get_or_create(
            frequency=frequency, period=period or period_of(frequency, now), defaults={"until": now}
        )
        if created:
            # robust: with the broker down the run is still recorded, and the sweep prepares it.
            transaction.on_commit(lambda: prepare_task.delay(run.pk), robust=True)
    return run, created


def missed_digests(*, now=None):
    """The digests whose run for the current period beat should have started and did not: their
    time in this period has passed and there is no run, because the broker (or beat itself) was
    down at that minute and beat does not try again. The sweep starts them (tasks.sweep_digest_runs),
    so an outage delays a digest and never loses it.

    Only a site that sent the previous period's digest catches up: a new site, or one that stopped
    sending, starts at the scheduled time rather than the moment it comes up. A schedule given in
    seconds (NEWSLETTER_DAILY_EVERY_SECONDS, for development) needs no catching up.
    """
    from celery.schedules import crontab

    now = (now or timezone.now()).astimezone(UTC)
    missed = []
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        schedule = entry["schedule"]
        if entry["task"] != "newsletter.tasks.start_digest" or not isinstance(schedule, crontab):
            continue
        frequency = entry["args"][0]
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        if frequency == DigestFrequency.WEEKLY:
            start -= timedelta(days=now.weekday())  # the ISO week's Monday, as period_of counts
        # The first time the schedule fires in this period (Celery's own reckoning, as beat's).
        last, delta, _now = schedule.remaining_delta(start - timedelta(minutes=1), tz=UTC)
        if last + delta > now:
            continue
        previous = period_of(frequency, start - timedelta(days=1))
        periods = DigestRun.objects.filter(frequency=frequency, period__in=[period_of(frequency, now), previous])
        if set(periods.values_list("period", flat=True)) == {previous}:
            missed.append(frequency)
    return missed


def prepare_digest_run(*, run_id):
    """Record one pending delivery per recipient (safe to repeat); returns how many batches to send."""
    run = DigestRun.objects.get(pk=run_id)
    if run.status == DigestRun.Status.PREPARING:
        recipients = Subscriber.objects.due_for(run.frequency).order_by("pk").values_list("pk", flat=True)
        chunk = []
        for subscriber_id in recipients.iterator(chunk_size=PREPARE_CHUNK):
            chunk.append(Delivery(run_id=run.pk, subscriber_id=subscriber_id))
            if len(chunk) == PREPARE_CHUNK:
                Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
                chunk = []
                # Alive: a long list is not taken for a lost task by the sweep, and prepared twice.
                DigestRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
        if chunk:
            Delivery.objects.bulk_create(chunk, ignore_conflicts=True)
        DigestRun.objects.filter(pk=run.pk, status=DigestRun.Status.PREPARING).update(
            status=DigestRun.Status.SENDING,
            total=Delivery.objects.filter(run=run).count(),
            suppressed=Subscriber.objects.wanting(run.frequency).suppressed().count(),
            heartbeat_at=timezone.now(),
        )
    pending = Delivery.objects.filter(run_id=run_id, status=Delivery.Status.PENDING).count()
    if not pending:
        finish_digest_run(run_id=run_id)
    return -(-pending // settings.NEWSLETTER_BATCH_SIZE)


def finish_digest_run(*, run_id):
    if not Delivery.objects.filter(run_id=run_id, status=Delivery.Status.PENDING).exists():
        DigestRun.objects.filter(pk=run_id).exclude(status=DigestRun.Status.DONE).update(
            status=DigestRun.Status.DONE, finished_at=timezone.now()
        )


def claim_deliveries(*, run_id, worker, limit, now=None):
    """Up to `limit` due pending deliveries nobody else holds, now held by `worker` for a while.

    SKIP LOCKED lets parallel batches take different rows; a claim that outlives its worker (killed)
    expires after NEWSLETTER_CLAIM_SECONDS, and the same task redelivered (same `worker`) resumes it.
    Rows waiting after a temporary refusal are not due yet and stay where they are.
    """
    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Delivery.objects.claimable(run_id=run_id, now=now, worker=worker)
            .select_for_update(skip_locked=True)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        if ids:
            Delivery.objects.filter(pk__in=ids).update(
                claimed_by=worker, claimed_until=now + timedelta(seconds=settings.NEWSLETTER_CLAIM_SECONDS)
            )
            DigestRun.objects.filter(pk=run_id).update(heartbeat_at=now)
    return ids


# A batch renews its claim (and the run's heartbeat) this often, so a claim can be short: a dead
# worker's rows go to another within NEWSLETTER_CLAIM_SECONDS, a live one keeps its rows.
CLAIM_RENEWAL_EVERY = 50


def renewal_interval():
    return settings.NEWSLETTER_CLAIM_SECONDS / 3


def renew_claim(*, run_id, delivery_ids, worker):
    now = timezone.now()
    Delivery.objects.filter(pk__in=delivery_ids, status=Delivery.Status.PENDING, claimed_by=worker).update(
        claimed_until=now + timedelta(seconds=settings.NEWSLETTER_CLAIM_SECONDS)
    )
    DigestRun.objects.filter(pk=run_id).update(heartbeat_at=now)


def load_recipients(*, run, delivery_ids):
    """The batch's deliveries with what composing needs, in a fixed number of queries.

    Deliveries and their subscribers are read separately, each by primary key: joined, SQLite's
    planner (with statistics taken before the subscribers arrived) scanned every subscriber per batch.
    """
    deliveries = list(
        Delivery.objects.filter(pk__in=delivery_ids).order_by("pk").values_list("pk", "subscriber_id", "attempts")
    )
    subscriber_ids = [subscriber_id for _, subscriber_id, _ in deliveries]
    subscribers = Subscriber.objects.filter(pk__in=subscriber_ids).select_related("user").in_bulk()
    last_sent = dict(
        Delivery.objects.filter(subscriber_id__in=subscriber_ids, status=Delivery.Status.SENT)
        .exclude(run_id=run.pk)
        .values_list("subscriber_id")
        .annotate(last=Max("run__until"))
    )
    default_since = run.until - PERIOD[run.frequency]
    oldest = run.until - LONGEST_LOOKBACK
    recipients = []
    for delivery_id, subscriber_id, attempts in deliveries:
        subscriber = subscribers[subscriber_id]
        user = subscriber.user
        recipients.append(
            digest.Recipient(
                delivery_id=delivery_id,
                subscriber_id=subscriber_id,
                email=subscriber.address,
                user_id=subscriber.user_id,
                name=(user.display_name if user else ""),
                since=max(last_sent.get(subscriber_id) or default_since, oldest),
                message_id=Delivery.message_id_for(run.pk, subscriber_id),
                attempts=attempts,
            )
        )
    return recipients


def send_digest_batch(*, run_id, worker):
    """Claim a batch, send it over one SMTP connection, record each delivery as it goes.

    Returns (sent, retry_later). A connection-level failure releases the batch and raises, so the
    task retries it; a recipient's permanent refusal (5xx) fails that delivery and counts a bounce.
    """
    run = DigestRun.objects.filter(pk=run_id).first()
    if run is None or run.status == DigestRun.Status.DONE:
        return 0, 0
    ids = claim_deliveries(run_id=run_id, worker=worker, limit=settings.NEWSLETTER_BATCH_SIZE)
    if not ids:
        finish_digest_run(run_id=run_id)
        return 0, 0
    sent = retry_later = 0
    skipped = []
    smtp = None
    renderer = emails.DigestRenderer(frequency=run.frequency)
    renewed_at = time.monotonic()
    try:
        relaxed_commits(True)
        recipients = load_recipients(run=run, delivery_ids=ids)
        contents = digest.compose(recipients, until=run.until)
        for handled, recipient in enumerate(recipients, 1):
            # A slow server must not let the claim lapse mid-batch.
            if handled % CLAIM_RENEWAL_EVERY == 0 or time.monotonic() - renewed_at >= renewal_interval():
                renew_claim(run_id=run_id, delivery_ids=ids, worker=worker)
                renewed_at = time.monotonic()
            sections = contents[recipient.delivery_id]
            if not sections:
                skipped.append(recipient.delivery_id)
                continue
            if smtp is None:
                smtp = get_connection(fail_silently=False)
                smtp.open()
            message = renderer.message(recipient=recipient, sections=sections, connection=smtp)
            try:
                smtp.send_messages([message])
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
                if is_permanent_refusal(exc):
                    record_refusal(delivery_id=recipient.delivery_id, subscriber_id=recipient.subscriber_id, exc=exc)
                else:
                    retry_later += record_temporary_failure(recipient=recipient, exc=exc)
                if getattr(smtp.connection, "sock", None) is None:  # a 421 closes the connection
                    with contextlib.suppress(smtplib.SMTPException, OSError):
                        smtp.close()
                    smtp = None
                continue
            record_sent(delivery_id=recipient.delivery_id)
            sent += 1
    finally:
        if skipped:
            Delivery.objects.filter(pk__in=skipped, status=Delivery.Status.PENDING).update(
                status=Delivery.Status.SKIPPED, claimed_until=None
            )
        # Whatever this batch did not get to goes back to the pool at once.
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING, claimed_by=worker).update(
            claimed_until=None, claimed_by=""
        )
        relaxed_commits(False)
        if smtp is not None:
            with contextlib.suppress(smtplib.SMTPException, OSError):  # a broken connection is closed anyway
                smtp.close()
    finish_digest_run(run_id=run_id)
    return sent, retry_later


def relaxed_commits(on):
    """While a batch sends, don't wait for the disk at each delivery's commit.

    Each "sent" mark is still committed at once and seen by every other worker; only a crash of
    the database server or machine itself could lose the last fraction of a second of them (those
    few recipients would get the digest again). A killed worker loses nothing. On SQLite (the
    development default) the same trade: synchronous=OFF for the batch, FULL again after.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET synchronous_commit TO %s" % ("off" if on else "DEFAULT"))
        elif connection.vendor == "sqlite" and not connection.in_atomic_block:  # SQLite refuses it inside one
            cursor.execute("PRAGMA synchronous = %s" % ("OFF" if on else "FULL"))


# Plain SQL: the ORM's compile step would cost more than the statement itself, once per message.
RECORD_SENT_SQL = "UPDATE newsletter_delivery SET status = %s, sent_at = %s, claimed_until = NULL WHERE id = %s"


def record_sent(*, delivery_id):
    """One UPDATE per message sent, committed at once: the record a resumed run relies on."""
    with connection.cursor() as cursor:
        cursor.execute(RECORD_SENT_SQL, [Delivery.Status.SENT, timezone.now(), delivery_id])


def record_refusal(*, delivery_id, subscriber_id, exc):
    """A permanent refusal: the delivery failed; at NEWSLETTER_BOUNCE_LIMIT the address is bounced."""
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.FAILED, error=repr(exc)[:2000], attempts=F("attempts") + 1, claimed_until=None
        )
        Subscriber.objects.filter(pk=subscriber_id).update(bounce_count=F("bounce_count") + 1)
        bounced = Subscriber.objects.filter(
            pk=subscriber_id, bounce_count__gte=settings.NEWSLETTER_BOUNCE_LIMIT, status=Subscriber.Status.ACTIVE
        ).update(status=Subscriber.Status.BOUNCED)
    logger.info("Digest refused for subscriber %s: %r", subscriber_id, exc)
    if bounced:  # as a relay's report would: no notifications either, and staff see why and when
        subscriber = Subscriber.objects.select_related("user").get(pk=subscriber_id)
        detail = f"Refused {settings.NEWSLETTER_BOUNCE_LIMIT} times while sending the digest, last: {exc!r}"
        reason = SuppressedAddress.Reason.BOUNCED
        suppress_address(email=subscriber.address, reason=reason, detail=detail, source="SMTP")


def retry_delay(attempts):
    """The wait after the `attempts`-th temporary refusal: 1, 5, 15 minutes, then an hour each."""
    delays = settings.NEWSLETTER_RETRY_DELAYS
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def record_temporary_failure(*, recipient, exc, now=None):
    """A 4xx: the row waits a growing delay, then any batch may try it again; others go on meanwhile.

    Once the waits add up to NEWSLETTER_RETRY_FOR_SECONDS (a day) the delivery fails, and says why.
    Returns 1 if it will be tried again, 0 if it gave up.
    """
    now = now or timezone.now()
    attempts = recipient.attempts + 1
    waited = sum((retry_delay(n) for n in range(1, attempts)), timedelta())
    gave_up = waited + retry_delay(attempts) > timedelta(seconds=settings.NEWSLETTER_RETRY_FOR_SECONDS)
    if gave_up:
        error = f"Gave up after {attempts} temporary refusals over {waited}; the last: {exc!r}"
    else:
        error = f"Temporary refusal {attempts}, trying again after {retry_delay(attempts)}: {exc!r}"
    Delivery.objects.filter(pk=recipient.delivery_id).update(
        attempts=attempts,
        error=error[:2000],
        status=Delivery.Status.FAILED if gave_up else Delivery.Status.PENDING,
        next_attempt_at=None if gave_up else now + retry_delay(attempts),
        claimed_until=None,
        claimed_by="",
    )
    logger.info("Digest delivery %s refused for now: %s", recipient.delivery_id, error)
    return 0 if gave_up else 1


def stalled_digest_runs(*, now=None):
    """Runs a worker should be working on but nobody is: their task was lost with the broker's
    queue, their worker was killed, or rows that waited after a temporary refusal are now due.

    A run is quiet when no batch claimed or renewed for NEWSLETTER_STALL_SECONDS (live batches do
    every NEWSLETTER_CLAIM_SECONDS / 3). Returns [(run_id, what)] where what is "prepare" or the
    number of batches to enqueue.
    """
    now = now or timezone.now()
    quiet = now - timedelta(seconds=settings.NEWSLETTER_STALL_SECONDS)
    found = []
    for run in DigestRun.objects.exclude(status=DigestRun.Status.DONE).filter(heartbeat_at__lt=quiet):
        if run.status == DigestRun.Status.PREPARING:
            found.append((run.pk, "prepare"))
            continue
        claimable = Delivery.objects.claimable(run_id=run.pk, now=now).count()
        if claimable:
            found.append((run.pk, -(-claimable // settings.NEWSLETTER_BATCH_SIZE)))
        else:
            finish_digest_run(run_id=run.pk)
    # Not found again until another quiet period has passed, however long the queue is.
    DigestRun.objects.filter(pk__in=[run_id for run_id, _ in found]).update(heartbeat_at=now)
    return found


def run_progress(queryset):
    """Runs with sent / failed / skipped / pending counts, in one query."""
    return queryset.annotate(
        sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
        failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
        skipped=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SKIPPED)),
        pending=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.PENDING)),
    )


# Bounces and complaints the relay reports later (newsletter/relay.py).

COMPLAINT, HARD, SOFT = "complaint", "hard", "soft"


def subscribers_at(email):
    """Subscriptions that mail `email`: a reader's own address, or a member's current one."""
    address = email.lower()
    return Subscriber.objects.annotate(email_lower=Lower("email"), user_email_lower=Lower("user__email")).filter(
        Q(user__isnull=True, email_lower=address) | Q(user__isnull=False, user_email_lower=address)
    )


def record_relay_event(*, email, outcome, detail="", source=""):
    """A hard bounce or a complaint suppresses the address at once; a soft bounce counts toward
    NEWSLETTER_BOUNCE_LIMIT on its subscription, as refusals while sending do, and suppresses at
    the limit. Returns the suppression, or None.
    """
    if outcome == COMPLAINT:
        reason = SuppressedAddress.Reason.COMPLAINED
    elif outcome == HARD:
        reason = SuppressedAddress.Reason.BOUNCED
    else:
        with transaction.atomic():
            subscribers = subscribers_at(email)
            Subscriber.objects.filter(pk__in=subscribers.values("pk")).update(bounce_count=F("bounce_count") + 1)
            at_limit = subscribers.filter(bounce_count__gte=settings.NEWSLETTER_BOUNCE_LIMIT).exists()
        if not at_limit:
            logger.info("Soft bounce reported by %s: %s", source, detail)
            return None
        reason = SuppressedAddress.Reason.SOFT_BOUNCES
    logger.info("Suppressing an address (%s reported by %s): %s", reason, source, detail)
    return suppress_address(email=email, reason=reason, detail=detail, source=source)


def lift_address_suppression(*, suppression, by=None):
    """Staff lift a suppression: the address gets mail again (a subscription that bounced is active
    again), its bounce count starts afresh."""
    with transaction.atomic():
        lift_suppression(suppression=suppression, by=by)
        at_address = Subscriber.objects.filter(pk__in=subscribers_at(suppression.email).values("pk"))
        at_address.update(bounce_count=0)
        at_address.filter(status=Subscriber.Status.BOUNCED).update(status=Subscriber.Status.ACTIVE)
