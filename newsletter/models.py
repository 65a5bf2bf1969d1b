from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone

from accounts.mail import message_domain
from accounts.models import DigestFrequency, SuppressedAddress


def address_suppressed():
    address = Lower(Coalesce(OuterRef("user__email"), OuterRef("email")))
    return Exists(SuppressedAddress.objects.active().annotate(email_lower=Lower("email")).filter(email_lower=address))


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Subscriber.Status.ACTIVE)

    def wanting(self, frequency):
        """Who asked for this frequency's digest: confirmed readers, and members through their settings."""
        readers = Q(user__isnull=True, frequency=frequency)
        members = Q(
            user__isnull=False,
            user__is_active=True,
            user__suspended_at__isnull=True,
            user__profile__digest_frequency=frequency,
        )
        return self.active().filter(readers | members)

    def suppressed(self):
        """Subscriptions whose address (a member's current one) the relay reported: see SuppressedAddress."""
        return self.filter(address_suppressed())

    def due_for(self, frequency):
        """Who gets this frequency's digest: those who want it, unless their address is suppressed."""
        return self.wanting(frequency).filter(~address_suppressed())


class Subscriber(models.Model):
    """Someone who gets the digest: a reader (double opt-in) or a member, through their account.

    A member's frequency is their profile's `digest_frequency`; a reader's is `frequency` here.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        ACTIVE = "active", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"
        BOUNCED = "bounced", "Bounced"

    email = models.EmailField("e-mail address", max_length=254, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="subscriber"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    frequency = models.CharField(
        max_length=10,
        choices=[(DigestFrequency.DAILY, "Daily"), (DigestFrequency.WEEKLY, "Weekly")],
        default=DigestFrequency.WEEKLY,
        help_text="Readers only; a member's frequency is in their e-mail settings.",
    )
    bounce_count = models.PositiveSmallIntegerField(default=0, help_text="Permanent refusals by their mail server.")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    # The consent record: when, on which page, and which wording they agreed to.
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_page = models.CharField(max_length=300, blank=True)
    consent_version = models.CharField("consent wording version", max_length=40, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="newsletter_subscriber_email_ci_unique"),
        ]
        indexes = [models.Index(fields=["status", "frequency"], name="subscriber_due_idx")]

    def __str__(self):
        return self.email

    @property
    def is_member(self):
        return self.user_id is not None

    @property
    def address(self):
        """Where to send: a member's current address, else the one they subscribed with."""
        return self.user.email if self.user_id else self.email


class DigestRun(models.Model):
    """One sending of the daily or weekly digest; its deliveries hold who has been sent what."""

    class Status(models.TextChoices):
        PREPARING = "preparing", "Preparing"
        SENDING = "sending", "Sending"
        DONE = "done", "Done"

    frequency = models.CharField(
        max_length=10, choices=[(DigestFrequency.DAILY, "Daily"), (DigestFrequency.WEEKLY, "Weekly")]
    )
    period = models.CharField(max_length=20, help_text="The day or ISO week this run covers.")
    until = models.DateTimeField(help_text="Content published up to this moment.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREPARING)
    total = models.PositiveIntegerField(default=0)
    suppressed = models.PositiveIntegerField(
        default=0, help_text="Subscribers left out because the relay reported their address."
    )
    created_at = models.DateTimeField(default=timezone.now)
    heartbeat_at = models.DateTimeField(default=timezone.now, help_text="Last time a worker claimed a batch.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["frequency", "period"], name="digest_run_once_per_period"),
        ]
        indexes = [models.Index(fields=["status"], name="digest_run_status_idx")]

    def __str__(self):
        return f"{self.get_frequency_display()} digest {self.period}"

    def get_absolute_url(self):
        return reverse("admin:newsletter_digestrun_change", args=[self.pk])


class DeliveryQuerySet(models.QuerySet):
    def claimable(self, *, run_id, now, worker=None):
        """Pending rows of the run that are due and that no live batch holds (`worker`'s own too)."""
        held = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
        if worker:
            held |= Q(claimed_by=worker)
        return self.filter(run_id=run_id, status=Delivery.Status.PENDING).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), held
        )


class Delivery(models.Model):
    """One recipient of one run: claimed by a batch, then recorded as it is sent.

    A temporary refusal (4xx) leaves the row pending with `next_attempt_at` in the future: no batch
    claims it before then, and the sweep hands it to a new batch once it is due.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Nothing new"
        FAILED = "failed", "Failed"

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    claimed_by = models.CharField(max_length=64, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True, blank=True, help_text="After a temporary refusal: not tried again before this."
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["run", "subscriber"], name="delivery_once_per_run"),
        ]
        indexes = [
            models.Index(fields=["run", "status"], name="delivery_run_status_idx"),
            models.Index(fields=["subscriber", "status"], name="delivery_subscriber_idx"),
            # What the claim and the sweep read: a run's pending rows by when they are due.
            models.Index(
                fields=["run", "next_attempt_at"], condition=Q(status="pending"), name="delivery_pending_due_idx"
            ),
        ]

    def __str__(self):
        return f"{self.run} → {self.subscriber}"

    @property
    def message_id(self):
        return self.message_id_for(self.run_id, self.subscriber_id)

    @staticmethod
    def message_id_for(run_id, subscriber_id):
        """The same for every attempt, so a resent copy is recognisably the same message."""
        return f"<digest.{run_id}.{subscriber_id}@{message_domain()}>"


class RelayEvent(models.Model):
    """An event from the mail relay already acted on (newsletter/relay.py): relays deliver an event
    again when our answer was slow or lost, and a soft bounce must count once."""

    source = models.CharField(max_length=60)
    event_id = models.CharField(max_length=200)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["source", "event_id"], name="relay_event_once")]

    def __str__(self):
        return f"{self.source} {self.event_id}"
