from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.cache import cache
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

MEMBER_COUNT_KEY = "accounts:member-count"


class UserQuerySet(models.QuerySet):
    def members(self):
        return self.filter(is_active=True)


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
        """How many people have joined; cached briefly because every public page shows it."""
        count = cache.get(MEMBER_COUNT_KEY)
        if count is None:
            count = self.members().count()
            cache.set(MEMBER_COUNT_KEY, count, settings.MEMBER_COUNT_CACHE_SECONDS)
        return count


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
