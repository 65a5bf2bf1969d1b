from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone

from .images import RandomName

# Sent by UserQuerySet.update and ProfileQuerySet.update (a queryset update sends no post_save),
# with `user_ids` and the `fields` set, so that what shows a member's name, standing, picture or
# role follows (community/versions.py, articles/apps.py).
users_updated = Signal()
profiles_updated = Signal()


def update_and_tell(queryset, signal, user_field, fields):
    """QuerySet.update, then `signal` with the members whose rows it changed."""
    user_ids = list(queryset.values_list(user_field, flat=True))  # before: the update may change the filter's rows
    count = models.QuerySet.update(queryset, **fields)
    if user_ids:
        signal.send(sender=queryset.model, user_ids=user_ids, fields=set(fields))
    return count


class UserQuerySet(models.QuerySet):
    def update(self, **kwargs):
        return update_and_tell(self, users_updated, "pk", kwargs)

    def active(self):
        """Accounts that can be shown or referred to (a member page, a team, a mute)."""
        return self.filter(is_active=True)

    def members(self):
        """The people the community counts and lists: active, not suspended, not staff, and with a
        confirmed address (an unconfirmed sign-up may be a throwaway, and is no one yet)."""
        from allauth.account.models import EmailAddress  # allauth's models load after ours

        confirmed = EmailAddress.objects.filter(user=models.OuterRef("pk"), verified=True)
        return self.filter(models.Exists(confirmed), is_active=True, is_staff=False, suspended_at__isnull=True)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def member_count(self):
        """How many members there are (members(); the public pages that show it are cached: articles/cache.py)."""
        return self.members().count()


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("e-mail address", unique=True)
    display_name = models.CharField(
        max_length=60,
        blank=True,
        help_text="The name other members see. It doesn't have to be your full name.",
    )
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.TextField(blank=True, help_text="Shown to the member when they try to sign in.")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = "member"
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.display_name or self.email

    def get_full_name(self):
        return self.display_name or self.email

    def get_short_name(self):
        return self.display_name or self.email.split("@")[0]

    @property
    def is_suspended(self):
        return self.suspended_at is not None

    @property
    def public_name(self):
        """What other members see: never the e-mail address."""
        return self.display_name or "Member"


# The condition's vocabulary: admin-editable tables, seeded for lung cancer by seed_demo.


class Term(models.Model):
    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Diagnosis(Term):
    class Meta(Term.Meta):
        verbose_name_plural = "diagnoses"


class Stage(Term):
    pass


class Treatment(Term):
    pass


class Symptom(Term):
    pass


class Visibility(models.TextChoices):
    MEMBERS = "members", "Members"
    ONLY_ME = "only_me", "Only me"


class DigestFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    OFF = "off", "Off"


class NotificationEmails(models.TextChoices):
    IMMEDIATELY = "immediately", "Right away (at most one e-mail every 15 minutes)"
    DIGEST = "digest", "In my digest"
    OFF = "off", "Never"


class ProfileQuerySet(models.QuerySet):
    def update(self, **kwargs):
        return update_and_tell(self, profiles_updated, "user_id", kwargs)

    def with_details(self):
        return self.select_related("user", "diagnosis", "stage").prefetch_related("treatments", "symptoms")

    def visible_to(self, user):
        """Active members' profiles that `user` may see: not hidden by staff nor suspended, unless
        it is their own or they have staff powers."""
        from .permissions import has_staff_powers  # allauth's models load after ours

        profiles = self.filter(user__is_active=True)
        if has_staff_powers(user):
            return profiles
        return profiles.filter(models.Q(hidden_at__isnull=True, user__suspended_at__isnull=True) | models.Q(user=user))


class Profile(models.Model):
    class Role(models.TextChoices):
        LIVING_WITH = "living_with", "Living with the condition"
        CAREGIVER = "caregiver", "Caregiver"
        FAMILY_FRIEND = "family_friend", "Family member or friend"

    # Health details each carry their own visibility; role, region and "about me" are for members.
    HEALTH_DETAILS = ("diagnosis", "stage", "year_diagnosed", "treatments", "symptoms")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    avatar = models.ImageField(upload_to=RandomName("avatars"), blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, blank=True)
    diagnosis = models.ForeignKey(Diagnosis, on_delete=models.SET_NULL, null=True, blank=True)
    diagnosis_visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS)
    stage = models.ForeignKey(Stage, on_delete=models.SET_NULL, null=True, blank=True)
    stage_visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS)
    year_diagnosed = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    year_diagnosed_visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS)
    treatments = models.ManyToManyField(Treatment, blank=True)
    treatments_visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS)
    symptoms = models.ManyToManyField(Symptom, blank=True)
    symptoms_visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS)
    region = models.CharField(max_length=80, blank=True, help_text="A region or country, never an address.")
    about = models.TextField("about me", max_length=2000, blank=True)
    digest_frequency = models.CharField(
        "community digest", max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    notification_emails = models.CharField(
        "e-mail me about activity",
        max_length=12,
        choices=NotificationEmails.choices,
        default=NotificationEmails.IMMEDIATELY,
        help_text="Comments on your updates, answers to your questions, hugs, new team members.",
    )
    onboarded_at = models.DateTimeField(null=True, blank=True)
    terms_version = models.CharField(max_length=20, blank=True)
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True, help_text="Hidden by staff: other members don't see it.")
    hidden_reason = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["avatar"], name="profile_avatar_idx")]  # the picture view's lookup
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year_diagnosed__isnull=True)
                | models.Q(year_diagnosed__gte=1900, year_diagnosed__lte=2100),
                name="profile_year_diagnosed_plausible",
            ),
        ]

    def __str__(self):
        return f"Profile of {self.user}"

    def get_absolute_url(self):
        return reverse("accounts:member-detail", args=[self.user_id])

    def visible_details(self, viewer):
        """The health details `viewer` may see, as {name: value}; the owner sees everything."""
        is_owner = viewer.pk == self.user_id
        shown = {}
        for name in self.HEALTH_DETAILS:
            if is_owner or getattr(self, f"{name}_visibility") == Visibility.MEMBERS:
                value = getattr(self, name)
                if name in ("treatments", "symptoms"):
                    value = list(value.all())
                shown[name] = value
        return shown


class OutgoingEmail(models.Model):
    """One transactional e-mail, recorded before it is sent (accounts/mail.py).

    The row is the state: a task enqueued on commit sends it, and a periodic sweep sends whatever
    is still pending (broker or worker down, retries), so a rolled-back request sends nothing and
    a committed one always sends, once.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=100, blank=True, help_text="Which kind of e-mail, e.g. its template.")
    to_email = models.EmailField("to", max_length=254)
    from_email = models.CharField(max_length=254)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    message_id = models.CharField(max_length=200, help_text="Fixed when recorded, so a retry is the same message.")
    member = models.ForeignKey(
        "User",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The account it was sent to or about: the row goes with the account, whatever address it went to.",
    )
    about = models.ManyToManyField(
        "User",
        blank=True,
        related_name="+",
        help_text="Other members it names (who commented, hugged…): it goes when any of them is erased.",
    )
    requested = models.BooleanField(
        "asked for by its recipient",
        default=False,
        help_text="Password resets and confirmations: sent even to a suppressed address.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "outgoing e-mail"
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outgoing_email_due_idx"),
            models.Index(Lower("to_email"), name="outgoing_email_to_idx"),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"


class SuppressedAddressQuerySet(models.QuerySet):
    def active(self):
        return self.filter(lifted_at__isnull=True)

    def matching(self, address):
        return self.annotate(email_lower=Lower("email")).filter(email_lower=(address or "").lower())


class SuppressedAddress(models.Model):
    """An address we stop mailing on our own initiative: the relay reported it bounced or complained.

    One row per address, kept when lifted (who and when) so the history stays readable. Mail its
    owner asks for at that moment (password reset, confirming an address) still goes; digests,
    notifications and reminders do not (accounts/mail.py).
    """

    class Reason(models.TextChoices):
        BOUNCED = "bounced", "Hard bounce"
        COMPLAINED = "complained", "Spam complaint"
        SOFT_BOUNCES = "soft_bounces", "Repeated soft bounces"

    email = models.EmailField("e-mail address", max_length=254)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    detail = models.TextField(blank=True, help_text="What the relay said.")
    source = models.CharField(max_length=60, blank=True, help_text="Which relay reported it.")
    suppressed_at = models.DateTimeField(default=timezone.now)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = SuppressedAddressQuerySet.as_manager()

    class Meta:
        verbose_name = "suppressed e-mail address"
        verbose_name_plural = "suppressed e-mail addresses"
        ordering = ["-suppressed_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="suppressed_address_email_ci_unique"),
        ]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.lifted_at is None
