"""PostgreSQL: a serving process keeps answering after a migration changes a column's type.

No statements are prepared on the server (they would be refused after such a change)."""

import psycopg
import pytest
from django.db import connection

from accounts.models import User
from tests.conftest import skip_or_fail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def alter_display_name(length):
    """From another connection, as `migrate` would while the site keeps serving."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute(f"ALTER TABLE accounts_user ALTER COLUMN display_name TYPE varchar({length})")


def test_a_repeated_query_still_answers_after_a_column_changes_type():
    if connection.vendor != "postgresql":
        skip_or_fail("a PostgreSQL matter: DATABASE_URL is not PostgreSQL")
    member = UserFactory(display_name="Rosa")
    names = User.objects.filter(pk=member.pk).values_list("display_name", flat=True)
    for _ in range(10):  # what psycopg would prepare, were it asked to
        assert list(names.all()) == ["Rosa"]
    length = User._meta.get_field("display_name").max_length
    alter_display_name(length + 1)
    try:
        assert list(names.all()) == ["Rosa"]
    finally:
        alter_display_name(length)
        connection.close()
