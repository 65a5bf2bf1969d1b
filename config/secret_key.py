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


def problem(key):
    """Why `key` cannot be production's secret, or "" when it can."""
    if not key:
        return "SECRET_KEY is not set."
    if key in PUBLISHED or key.startswith("django-insecure"):
        return "SECRET_KEY is a published development value."
    if len(key) < 50 or len(set(key)) < 5:
        return "SECRET_KEY is too short (at least 50 characters, 5 of them different)."
    return ""


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
