"""Kindred settings: one file, read from the environment, with embedded defaults.

Without any environment variable the site runs on SQLite, a local-memory cache, Celery on an
embedded filesystem broker under var/celery/ (scripts/run.sh starts its worker and beat) and
e-mail written to files under var/mail/. Every variable is listed in .env.example.
"""

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config import secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
SECURE_HTTPS = env_bool("SECURE_HTTPS")
# Served over HTTPS or to any host but this machine: production, which refuses development defaults.
PRODUCTION = SECURE_HTTPS or any(host not in {"127.0.0.1", "localhost", "[::1]"} for host in ALLOWED_HOSTS)
SECRET_KEY = env("SECRET_KEY")
# Outside production, a random key made once and kept in var/ (config/secret_key.py).
DEVELOPMENT_SECRET_KEY = "" if SECRET_KEY or PRODUCTION else secret_key.development_key(VAR_DIR / "secret_key")
SECRET_KEY = SECRET_KEY or DEVELOPMENT_SECRET_KEY
if PRODUCTION and secret_key.problem(SECRET_KEY):
    raise ImproperlyConfigured(
        f"Kindred will not start in production: {secret_key.problem(SECRET_KEY)} {secret_key.HOW_TO_FIX}."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute address of the site, for canonical links, feeds and e-mails.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env("SITE_NAME", "Kindred")
# The condition this community is about; vocabulary, not code.
CONDITION_NAME = env("CONDITION_NAME", "lung cancer")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "django_recaptcha",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "anymail",
    "accounts",
    "articles",
    "community",
    "newsletter",
    "insights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.RejectNullCharacterMiddleware",
    "config.middleware.AdminSelectionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
]

ROOT_URLCONF = "config.urls"
# Widgets render through TEMPLATES, so templates/ can hold our own widget templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                "community.context_processors.notifications",
                "community.context_processors.crisis_support",
            ],
            "builtins": [
                "django.contrib.humanize.templatetags.humanize",
                "community.templatetags.community",
                "config.layout",
            ],
        },
    },
]

# Database: SQLite file unless DATABASE_URL names another (PostgreSQL in CI and production).
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kindred.sqlite3'}"),
        # Persistent connections: opening one per request costs more than the page itself.
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
# var/ holds the database, e-mails written to files and members' pictures: for this user only.
with contextlib.suppress(OSError):  # not ours (a volume mounted by someone else): leave it be
    if VAR_DIR.is_dir():
        VAR_DIR.chmod(0o700)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set. Redis fails open (config/cache.py): an outage makes
# pages slower, never unavailable, and rate limits let everyone through (/healthz still reports it).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kindred",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: Redis as the broker when REDIS_URL is set; without it an embedded broker that needs no
# server, Kombu's filesystem transport (messages are files under var/celery/), so `make run` runs
# a real worker and beat, on their schedule, as production does. It was chosen over the SQLAlchemy
# transport because it needs no extra dependency and does not share the SQLite file's write lock
# with the site; results are never stored (no result backend). Tests run tasks in-process
# (tests/conftest.py) unless they start a real worker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER")
if CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_QUEUE_DIR = VAR_DIR / "celery" / "queue"
    CELERY_QUEUE_DIR.mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "celery" / "control").mkdir(exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_QUEUE_DIR),
        "data_folder_out": str(CELERY_QUEUE_DIR),
        "control_folder": str(VAR_DIR / "celery" / "control"),
        # The worker looks for new messages 10 times a second (Kombu's default: once), so an e-mail
        # queued by a page is written within a moment; listing a small folder costs next to nothing.
        "polling_interval": 0.1,
    }
else:
    # A task not acknowledged this long (its worker died) is delivered again.
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker or beat whose broker went away keeps trying to reconnect however long it takes (Celery
# gives up after 100 tries by default, about 45 minutes, and the worker exits).
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"

# E-mail: files under var/mail/ unless an SMTP host is configured.
EMAIL_HOST = env("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
# Sending through an ESP's API instead of SMTP is a backend away, e.g.
# EMAIL_BACKEND=anymail.backends.amazon_ses.EmailBackend (its keys go in ANYMAIL below).
if env("EMAIL_BACKEND"):
    EMAIL_BACKEND = env("EMAIL_BACKEND")
# The relay's bounce and complaint webhooks (newsletter/relay.py, under /anymail/), served only once
# ANYMAIL_WEBHOOK_SECRET ("user:password", basic auth in the URL you give the relay) is set; Mailgun's
# also needs its HTTP webhook signing key. Empty values are left out so anymail's defaults apply.
ANYMAIL = {
    name: value
    for name, value in {
        "WEBHOOK_SECRET": env("ANYMAIL_WEBHOOK_SECRET"),
        "MAILGUN_WEBHOOK_SIGNING_KEY": env("MAILGUN_WEBHOOK_SIGNING_KEY"),
        "MAILGUN_API_KEY": env("MAILGUN_API_KEY"),
        "MAILGUN_SENDER_DOMAIN": env("MAILGUN_SENDER_DOMAIN"),
        "AMAZON_SES_AUTO_CONFIRM_SNS_SUBSCRIPTIONS": env_bool("AMAZON_SES_AUTO_CONFIRM_SNS_SUBSCRIPTIONS", True),
    }.items()
    if value != ""
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kindred <hello@kindred.example>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Accounts (django-allauth): e-mail is the login.
AUTH_USER_MODEL = "accounts.User"
# Sessions in the database only: a session holds the hash that signs the member in, and no secret
# goes into the cache.
SESSION_ENGINE = "accounts.sessions"  # Django's database sessions, read with plain SQL
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm", "login": "accounts.forms.LoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# Mandatory at sign-up, which is what lets allauth hide whether an address is known; signing in
# before verifying is allowed by accounts.forms.LoginForm, and posting waits for verification.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Confirming signs the member in when the link is opened in the browser they joined from (allauth
# keeps the pending sign-up in that session only, so a stolen link cannot sign anyone in); opened
# elsewhere, the link confirms and the log-in page follows, which then leads on to onboarding.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
# Tell members by e-mail when their password, address or two-factor settings change.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "10/h/ip,3/h/key",
}
# Behind a load balancer, set to the number of proxies whose X-Forwarded-For may be trusted.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Tracking "last seen" costs a write per request; sessions are still listed with IP, device and start.
USERSESSIONS_TRACK_ACTIVITY = False

# reCAPTCHA v3: on only when both keys are set. Verification waits at most 3 seconds.
RECAPTCHA_PUBLIC_KEY = env("RECAPTCHA_PUBLIC_KEY")
RECAPTCHA_PRIVATE_KEY = env("RECAPTCHA_PRIVATE_KEY")
RECAPTCHA_ENABLED = bool(RECAPTCHA_PUBLIC_KEY and RECAPTCHA_PRIVATE_KEY)
RECAPTCHA_REQUIRED_SCORE = float(env("RECAPTCHA_REQUIRED_SCORE", "0.5"))
RECAPTCHA_VERIFY_REQUEST_TIMEOUT = 3
SILENCED_SYSTEM_CHECKS = ["django_recaptcha.recaptcha_test_key_error"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Serve straight from the source folders, so no collectstatic step is needed to run or test.
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", VAR_DIR / "media"))
# Django serves public uploads (article pictures, expert portraits) unless a web server does.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Members' pictures always go through a view that checks who asks; behind nginx, name an `internal`
# location here (e.g. /protected-media/) and the view hands the file to nginx with X-Accel-Redirect.
MEDIA_ACCEL_REDIRECT_PREFIX = env("MEDIA_ACCEL_REDIRECT_PREFIX")
FORMS_URLFIELD_ASSUME_HTTPS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# How long the rendered public pages stay cached (seconds); keys change when content does.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

# Security headers. HSTS and secure cookies only when served over HTTPS (production).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# {recaptcha} becomes Google's hosts when reCAPTCHA is on (config/middleware.py), nothing otherwise.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'{recaptcha}; "
    "frame-src 'self'{recaptcha}; font-src 'self'; connect-src 'self'{recaptcha}; "
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# Community. New members (first 7 days) get the tighter posting limits: (count, seconds).
COMMUNITY_HOLD_FIRST_POST = env_bool("COMMUNITY_HOLD_FIRST_POST")
COMMUNITY_RATE_LIMITS = {
    "post": {"new": (2, 60), "member": (10, 60)},
    "comment": {"new": (10, 3600), "member": (60, 3600)},
    # Each of these can reach another member (a notification, an e-mail) or the moderators' queue.
    "hug": {"new": (60, 3600), "member": (300, 3600)},
    "team": {"new": (20, 3600), "member": (100, 3600)},
    "report": {"new": (5, 3600), "member": (20, 3600)},
}
# Urgent reports (possible risk of self-harm) are e-mailed at once to these addresses and to active
# staff in this group; with neither, to every active superuser.
MODERATOR_EMAILS = env_list("MODERATOR_EMAILS")
MODERATORS_GROUP = env("MODERATORS_GROUP", "Moderators")


# Newsletter and digests
from celery.schedules import crontab  # noqa: E402


def clock(value):
    hour, minute = value.split(":")
    return {"hour": int(hour), "minute": int(minute)}


# One queue name per deployment (tests give their worker its own).
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", "celery")
# A broker that is down must not hold a request for long: the outbox sweep sends later.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Transactional e-mail (accounts/mail.py): tries before giving up; how long a recorded e-mail may
# wait for its task before the periodic sweep sends it.
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 6)
MAIL_SWEEP_AFTER_SECONDS = env_int("MAIL_SWEEP_AFTER_SECONDS", 60)
# How often beat runs that sweep: mail held while the broker was down goes out this long after it
# is back (plus the worker's reconnection).
MAIL_SWEEP_SECONDS = env_int("MAIL_SWEEP_SECONDS", 15)
# Digests go out at these times (UTC); the weekly one on this day.
NEWSLETTER_DAILY_AT = env("NEWSLETTER_DAILY_AT", "07:00")
NEWSLETTER_WEEKLY_AT = env("NEWSLETTER_WEEKLY_AT", "07:30")
NEWSLETTER_WEEKLY_DAY = env("NEWSLETTER_WEEKLY_DAY", "mon")
# Recipients per batch task (one SMTP connection each), and how long a batch's claim lasts before
# another worker may take its unsent recipients (a live batch renews it every third of that).
NEWSLETTER_BATCH_SIZE = env_int("NEWSLETTER_BATCH_SIZE", 200)
NEWSLETTER_CLAIM_SECONDS = env_int("NEWSLETTER_CLAIM_SECONDS", 45)
# A run no batch has touched for this long is resumed by the sweep, which beat runs this often:
# rows whose task was lost (a broker restart) go out again within a minute.
NEWSLETTER_STALL_SECONDS = env_int("NEWSLETTER_STALL_SECONDS", 25)
NEWSLETTER_SWEEP_SECONDS = env_int("NEWSLETTER_SWEEP_SECONDS", 15)
# A temporary refusal (4xx) waits before the next try: these delays in turn (seconds; the last one
# repeats), until the waits would add up to more than NEWSLETTER_RETRY_FOR_SECONDS, then it fails.
NEWSLETTER_RETRY_DELAYS = [int(delay) for delay in env_list("NEWSLETTER_RETRY_DELAYS", "60,300,900,3600")]
NEWSLETTER_RETRY_FOR_SECONDS = env_int("NEWSLETTER_RETRY_FOR_SECONDS", 86400)
# Permanent refusals (5xx) after which an address is marked bounced and no longer sent to.
NEWSLETTER_BOUNCE_LIMIT = env_int("NEWSLETTER_BOUNCE_LIMIT", 3)
# Sign-ups allowed per hour from one IP address (REMOTE_ADDR) and per day for one e-mail address.
NEWSLETTER_RATE_PER_IP = env_int("NEWSLETTER_RATE_PER_IP", 10)
NEWSLETTER_RATE_PER_ADDRESS = env_int("NEWSLETTER_RATE_PER_ADDRESS", 3)
# How long links in e-mails work: the confirmation link, and unsubscribe/preferences links.
NEWSLETTER_CONFIRM_DAYS = env_int("NEWSLETTER_CONFIRM_DAYS", 7)
NEWSLETTER_LINK_DAYS = env_int("NEWSLETTER_LINK_DAYS", 365)
# The mailbox for List-Unsubscribe's mailto (your ESP or a rule must act on it).
NEWSLETTER_UNSUBSCRIBE_MAILTO = env(
    "NEWSLETTER_UNSUBSCRIBE_MAILTO", "unsubscribe@" + DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >")
)
# Articles' medical review schedule: an article is due for review this many months after its last
# review (a topic may set a shorter or longer interval); reminders cover what falls due within
# ARTICLE_REVIEW_NOTICE_DAYS, and go out weekly to each reviewer and to the editors.
ARTICLE_REVIEW_MONTHS = env_int("ARTICLE_REVIEW_MONTHS", 12)
ARTICLE_REVIEW_NOTICE_DAYS = env_int("ARTICLE_REVIEW_NOTICE_DAYS", 30)
ARTICLE_REVIEW_REMINDER_DAY = env("ARTICLE_REVIEW_REMINDER_DAY", "mon")
ARTICLE_REVIEW_REMINDER_AT = env("ARTICLE_REVIEW_REMINDER_AT", "08:00")
EDITORS_EMAILS = env_list("EDITORS_EMAILS")
# To see the daily digest work without waiting for the morning (development, tests): beat starts
# it every this many seconds instead; a day's run still goes out once. 0: at NEWSLETTER_DAILY_AT.
NEWSLETTER_DAILY_EVERY_SECONDS = env_int("NEWSLETTER_DAILY_EVERY_SECONDS", 0)
CELERY_BEAT_SCHEDULE = {
    "review-reminders": {
        "task": "articles.tasks.send_review_reminders",
        "schedule": crontab(day_of_week=ARTICLE_REVIEW_REMINDER_DAY, **clock(ARTICLE_REVIEW_REMINDER_AT)),
    },
    "daily-digest": {
        "task": "newsletter.tasks.start_digest",
        "schedule": float(NEWSLETTER_DAILY_EVERY_SECONDS) or crontab(**clock(NEWSLETTER_DAILY_AT)),
        "args": ("daily",),
    },
    "weekly-digest": {
        "task": "newsletter.tasks.start_digest",
        "schedule": crontab(day_of_week=NEWSLETTER_WEEKLY_DAY, **clock(NEWSLETTER_WEEKLY_AT)),
        "args": ("weekly",),
    },
    "sweep-digests": {"task": "newsletter.tasks.sweep_digest_runs", "schedule": float(NEWSLETTER_SWEEP_SECONDS)},
    "sweep-outgoing-email": {"task": "accounts.tasks.sweep_outgoing_email", "schedule": float(MAIL_SWEEP_SECONDS)},
    # Folded notification e-mails whose 15 minutes are up, and any a lost task missed.
    "sweep-notification-emails": {"task": "community.tasks.sweep_notification_emails", "schedule": 120.0},
}
