"""SECRET_KEY signs sessions, password resets and newsletter links: a known key lets anyone forge them.

Production (config/settings.py decides what that is) refuses to start without a key of its own, and
`manage.py check --deploy` reports a key that would be refused. Outside production a random key is
made on first run and kept in var/, so `make run` and the tests need none and no key is in the code.
"""

import os
import secrets

from django.core import checks

# Keys that have been published (the old defaults of config/settings.py and docker-compose.yml).
PUBLISHED = {
    "dev-only-insecure-key-change-me-in-production-0123456789abcdef",
    "compose-only-not-secret-change-me",
}
HOW_TO_FIX = "Set SECRET_KEY to a long random value: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
# A key typed by a person ("change-me-" five times) is long enough but guessable. Random keys have far
# more different characters: Django's get_random_secret_key() and secrets.token_urlsafe(50) at least
# 23 and 30 in 200,000 tries, and hex keys (openssl rand -hex 32), whose 16 digits cap them at 16,
# at least 11: hence 10, not 16. The same 10 characters twice happens to a random hex key about once
# in 10^9, to the other two far more rarely.
FEWEST_DIFFERENT = 10
REPEATED = 10


def problem(key):
    """Why `key` cannot be production's secret, or "" when it can."""
    if not key:
        return "SECRET_KEY is not set."
    if key in PUBLISHED or key.startswith("django-insecure"):
        return "SECRET_KEY is a published development value."
    if len(key) < 50:
        return "SECRET_KEY is too short (at least 50 characters)."
    if len(set(key)) < FEWEST_DIFFERENT:
        return f"SECRET_KEY has too few different characters (at least {FEWEST_DIFFERENT}): it looks typed, not random."
    if repeats(key):
        return f"SECRET_KEY repeats a pattern (the same {REPEATED} characters twice): it looks typed, not random."
    return ""


def repeats(key):
    stretches = [key[start : start + REPEATED] for start in range(len(key) - REPEATED + 1)]
    return len(set(stretches)) < len(stretches)


def development_key(path):
    """The key kept at `path` (mode 0600), made at random on first run."""
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50))
    try:
        # Linking fails when another process (the autoreloader, a worker) got there first: use theirs.
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return path.read_text().strip()


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key(app_configs, **kwargs):
    from django.conf import settings

    found = problem(settings.SECRET_KEY)
    if getattr(settings, "DEVELOPMENT_SECRET_KEY", None) == settings.SECRET_KEY:
        found = "SECRET_KEY is not set (this one was made for development and is kept in var/)."
    if not found:
        return []
    return [checks.Error(found, hint=HOW_TO_FIX, id="kindred.E001")]
