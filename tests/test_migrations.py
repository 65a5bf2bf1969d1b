"""Migrations apply to a database that already holds content, as a deployed site's does."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)

# The last migration of each app in the release before this one.
RELEASED = [("articles", "0001_initial"), ("community", "0002_post_image_size"), ("accounts", "0004_outgoing_email")]


def test_the_search_and_review_migrations_apply_to_articles_and_posts_already_there():
    if connection.vendor != "postgresql":
        skip_or_fail("the search columns' SQL runs on PostgreSQL only: DATABASE_URL is not PostgreSQL")
    executor = MigrationExecutor(connection)
    executor.migrate(RELEASED)
    apps = executor.loader.project_state(RELEASED).apps
    Expert, Article, Source = (apps.get_model("articles", name) for name in ("Expert", "Article", "Source"))
    User, Post = apps.get_model("accounts", "User"), apps.get_model("community", "Post")
    expert = Expert.objects.create(name="Ada", slug="ada", credentials="M.D.")
    article = Article.objects.create(title="Fractures and bones", slug="bones", body="A fracture heals.", author=expert)
    Source.objects.create(article=article, position=1, title="A bone study")
    Post.objects.create(author=User.objects.create(email="m@example.com"), text="A walk by the river")
    try:
        call_command("migrate", verbosity=0)  # everything after the release, on rows that exist
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM articles_article WHERE search_vector @@ to_tsquery('english', 'bone')")
            assert cursor.fetchone()[0] == 1  # title and source words of an existing article are found
            cursor.execute("SELECT text FROM articles_paragraph WHERE search_vector @@ to_tsquery('english', 'heal')")
            assert cursor.fetchall() == [("A fracture heals.",)]  # its paragraphs, for the snippets
            cursor.execute("SELECT count(*) FROM community_post WHERE search_vector @@ to_tsquery('english', 'river')")
            assert cursor.fetchone()[0] == 1
    finally:
        call_command("migrate", verbosity=0)


def test_outbox_rows_of_existing_notifications_name_their_actor_after_the_migration():
    """Stored notification e-mails sent before OutgoingEmail.about existed name their actor too, so
    they go with the actor's account (community migration 0010)."""
    before = [("accounts", "0007_outgoing_email_member"), ("community", "0009_reports_outlive_deleted_content")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    User, OutgoingEmail = (apps.get_model("accounts", name) for name in ("User", "OutgoingEmail"))
    Notification = apps.get_model("community", "Notification")
    alice, bob = (User.objects.create(email=f"{name}@example.com") for name in ("alice", "bob"))
    email = OutgoingEmail.objects.create(to_email=bob.email, subject="Alice hugged your update", member=bob)
    Notification.objects.create(recipient=bob, actor=alice, kind="hug", email=email)
    try:
        call_command("migrate", verbosity=0)
        from accounts.models import OutgoingEmail as Current

        assert list(Current.objects.get(pk=email.pk).about.values_list("pk", flat=True)) == [alice.pk]
    finally:
        call_command("migrate", verbosity=0)
