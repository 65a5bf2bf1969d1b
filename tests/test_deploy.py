import os
import runpy
import secrets
import shutil
import stat
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from config.secret_key import problem
from tests.processes import migrated_sqlite

ROOT = Path(__file__).resolve().parent.parent
SETUP = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"


def run_manage(*args, **env):
    return run(sys.executable, "manage.py", *args, **env)


def run(*command, **env):
    unset = {"DEBUG", "SECURE_HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECRET_KEY", "ALLOWED_HOSTS"}
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings")
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120)


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        SECURE_HTTPS="1",
        ALLOWED_HOSTS="kindred.example",
        SITE_URL="https://kindred.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_debug_is_off_unless_asked_for():
    result = run_manage("shell", "-c", "from django.conf import settings; print(settings.DEBUG)")
    assert result.stdout.strip().splitlines()[-1] == "False", result.stderr


PRODUCTION = [{"SECURE_HTTPS": "1"}, {"ALLOWED_HOSTS": "127.0.0.1,kindred.example"}]
REFUSED_KEYS = {
    "unset": ({}, "SECRET_KEY is not set"),
    "short": ({"SECRET_KEY": secrets.token_urlsafe(30)}, "SECRET_KEY is too short"),
    "the old development default": (
        {"SECRET_KEY": "dev-only-insecure-key-change-me-in-production-0123456789abcdef"},
        "SECRET_KEY is a published development value",
    ),
    "the compose default": ({"SECRET_KEY": "compose-only-not-secret-change-me"}, "SECRET_KEY is a published"),
    "Django's insecure prefix": (
        {"SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)},
        "SECRET_KEY is a published",
    ),
    "a phrase repeated": ({"SECRET_KEY": "change-me-" * 5}, "SECRET_KEY has too few different characters"),
    "a pattern repeated": ({"SECRET_KEY": "ThisIsMyProdKey-2026!" * 3}, "SECRET_KEY repeats a pattern"),
}


@pytest.mark.parametrize("production", PRODUCTION, ids=["SECURE_HTTPS", "ALLOWED_HOSTS"])
@pytest.mark.parametrize("key", REFUSED_KEYS.values(), ids=REFUSED_KEYS.keys())
def test_production_refuses_to_start_without_a_secret_key_of_its_own(production, key, tmp_path, monkeypatch):
    """The settings module run as a start runs it, in this process (the next test starts one)."""
    env, reason = key
    for name in ("DEBUG", "SECURE_HTTPS", "SECRET_KEY", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"VAR_DIR": str(tmp_path), **production, **env}.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        runpy.run_path(str(ROOT / "config" / "settings.py"))
    assert str(refused.value).startswith(f"Kindred will not start in production: {reason}")
    assert not (tmp_path / "secret_key").exists()


def test_a_production_process_without_a_key_exits_saying_why(tmp_path):
    result = run(sys.executable, "-c", SETUP, VAR_DIR=str(tmp_path), SECURE_HTTPS="1")
    assert result.returncode != 0
    assert "Kindred will not start in production: SECRET_KEY is not set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


KEY_MAKERS = {
    "Django's get_random_secret_key()": get_random_secret_key,
    "secrets.token_urlsafe(50)": lambda: secrets.token_urlsafe(50),
    "openssl rand -hex 32": lambda: secrets.token_hex(32),
}


@pytest.mark.parametrize("make", KEY_MAKERS.values(), ids=KEY_MAKERS.keys())
def test_random_keys_are_accepted_every_time(make):
    """Hex keys too, though their 16 digits are fewer than other random keys' different characters."""
    refused = {key: problem(key) for key in (make() for _ in range(5000)) if problem(key)}
    assert refused == {}


TYPED_KEYS = {
    "a phrase repeated": ("change-me-" * 5, "too few different characters (at least 10)"),
    "one character": ("x" * 64, "too few different characters"),
    "a pattern repeated": ("ThisIsMyProdKey-2026!" * 3, "repeats a pattern"),
    "a pattern repeated, then more": ("ThisIsMyProdKey-2026!" * 2 + "and-a-tail", "repeats a pattern"),
    "a random key twice": (secrets.token_urlsafe(20) * 2, "repeats a pattern"),
}


@pytest.mark.parametrize(("key", "reason"), TYPED_KEYS.values(), ids=TYPED_KEYS.keys())
def test_keys_a_person_typed_are_refused_saying_why(key, reason):
    assert len(key) >= 50
    assert reason in problem(key)


def test_the_deploy_check_refuses_a_published_key_before_production_does(tmp_path):
    result = run_manage("check", "--deploy", VAR_DIR=str(tmp_path), SECRET_KEY="compose-only-not-secret-change-me")
    assert result.returncode != 0
    assert "(kindred.E001) SECRET_KEY is a published development value" in result.stderr


def test_without_a_key_development_starts_on_a_random_one_kept_in_var(tmp_path):
    first = run(sys.executable, "-c", SETUP, VAR_DIR=str(tmp_path))
    assert first.returncode == 0, first.stderr
    kept = tmp_path / "secret_key"
    key = first.stdout.strip()
    assert len(key) >= 50 and kept.read_text() == key
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    # The next start (and every process beside it) signs with the same key, and that key is not
    # production's: the deploy check says so. The two start side by side (neither writes the key).
    with ThreadPoolExecutor(2) as pool:
        print_key = "from django.conf import settings; print(settings.SECRET_KEY)"
        again = pool.submit(run_manage, "shell", "-c", print_key, VAR_DIR=str(tmp_path))
        deploy = pool.submit(run_manage, "check", "--deploy", VAR_DIR=str(tmp_path))
        again, deploy = again.result(), deploy.result()
    assert again.stdout.strip().splitlines()[-1] == key, again.stderr
    assert "(kindred.E001) SECRET_KEY is not set" in deploy.stderr


def test_the_development_server_starts_without_a_key(tmp_path):
    """What `make run` does (scripts/run.sh): runserver, here on a free port, without SECRET_KEY."""
    from tests.conftest import free_port

    port = free_port()
    # make run's own defaults: SQLite and e-mail files in var/, no Redis.
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_HOST"}
    environment = {key: value for key, value in os.environ.items() if key not in unset}
    environment.update(VAR_DIR=str(tmp_path), SECURE_HTTPS="", DEBUG="")
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90  # generous: the machine may be busy; it returns on success
        while True:
            assert server.poll() is None, server.stderr.read().decode()
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "the development server did not answer"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert (tmp_path / "secret_key").exists()


def own_site(tmp_path, **env):
    """A site of its own in `tmp_path` (SQLite, no Redis), with these settings."""
    return {"VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}", "REDIS_URL": "", **env}


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory):
    """What `migrate` makes of an empty database: the sites below copy it rather than migrate each."""
    return migrated_sqlite(tmp_path_factory)


def test_demo_content_in_production_has_no_log_in_anyone_can_read_here(tmp_path, migrated_database):
    """docker-compose.yml runs seed_demo on every start: once ALLOWED_HOSTS names the real host, the
    published demo passwords (staff's and members') must open nothing (found by a review)."""
    site = own_site(tmp_path, SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="kindred.example")
    shutil.copyfile(migrated_database, tmp_path / "site.sqlite3")  # after compose's `migrate`
    result = run_manage("seed_demo", **site)
    assert result.returncode == 0, result.stdout + result.stderr
    # An unusable password opens nothing: check_password says no to it too, but only after hashing
    # the guess with production's hasher anyway (against timing attacks), most of a second each.
    check = (
        "from accounts.models import User; from accounts.demo.seed import DEMO_PASSWORD, STAFF_PASSWORD;"
        "print(User.objects.count(), sorted(u.email for u in User.objects.all() if u.is_superuser"
        " or u.has_usable_password() and (u.check_password(DEMO_PASSWORD) or u.check_password(STAFF_PASSWORD))))"
    )
    result = run_manage("shell", "-c", check, **site)
    count, known = result.stdout.strip().splitlines()[-1].split(" ", 1)
    assert int(count) > 0 and known == "[]", result.stdout + result.stderr


def test_the_images_server_keeps_no_access_log():
    """Request lines carry password-reset keys and newsletter links (found by a review)."""
    [command] = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if line.startswith("CMD ")]
    assert "gunicorn" in command and "access-log" not in command


def test_the_docker_build_context_leaves_out_local_data_and_secrets():
    patterns = {line.strip().strip("/") for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {"var", ".env", ".git", ".venv"} <= patterns


def test_var_is_for_this_user_alone(tmp_path, migrated_database):
    """The database, e-mails written to files and members' pictures (found by a review: all 0644)."""
    var = tmp_path / "var"
    site = own_site(var)
    # The site's first command makes var/; the database in it is copied there as `migrate` would
    # leave it.
    result = run_manage("sendtestemail", "someone@example.com", **site)
    assert result.returncode == 0, result.stdout + result.stderr
    shutil.copyfile(migrated_database, var / "site.sqlite3")
    result = run_manage(
        "shell",
        "-c",
        "from django.core.files.storage import default_storage as s; "
        "from django.core.files.base import ContentFile; s.save('posts/x.jpg', ContentFile(b'x'))",
        **site,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert stat.S_IMODE(var.stat().st_mode) == 0o700
    [picture] = (var / "media" / "posts").iterdir()
    assert stat.S_IMODE(picture.stat().st_mode) == 0o600
