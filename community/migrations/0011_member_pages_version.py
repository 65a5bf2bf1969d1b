"""The version of the signed-in pages kept whole for each member (community/versions.py MEMBER_PAGES):
a sequence on PostgreSQL, a one-row table on SQLite."""

from django.db import migrations

NAME = "community_member_pages_version"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE SEQUENCE {NAME}")
        schema_editor.execute(f"SELECT nextval('{NAME}')")  # so that every later nextval moves last_value
    else:
        schema_editor.execute(f"CREATE TABLE {NAME} (value integer NOT NULL)")
        schema_editor.execute(f"INSERT INTO {NAME} (value) VALUES (1)")


def drop(apps, schema_editor):
    kind = "SEQUENCE" if schema_editor.connection.vendor == "postgresql" else "TABLE"
    schema_editor.execute(f"DROP {kind} {NAME}")


class Migration(migrations.Migration):
    dependencies = [("community", "0010_outgoing_email_about_from_notifications")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
