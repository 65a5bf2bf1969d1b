"""PostgreSQL: prepared statements survive a migration that changes a column's type."""

import psycopg
import pytest
from django.db import NotSupportedError, connection, transaction

from accounts.models import User
from tests.conftest import skip_or_fail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def alter_display_name(length):
    """From another connection, as `migrate` would while the site keeps serving."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as other:
        other.execute(f"ALTER TABLE accounts_user ALTER COLUMN display_name TYPE varchar({length})")


def test_a_prepared_query_still_answers_after_a_column_changes_type():
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are a PostgreSQL matter: DATABASE_URL is not PostgreSQL")
    member = UserFactory(display_name="Rosa")
    names = User.objects.filter(pk=member.pk).values_list("display_name", flat=True)
    for _ in range(10):  # prepared after prepare_threshold runs
        assert list(names.all()) == ["Rosa"]
    length = User._meta.get_field("display_name").max_length
    alter_display_name(length + 1)
    try:
        assert list(names.all()) == ["Rosa"]  # refused by PostgreSQL, answered on the retry
    finally:
        alter_display_name(length)
        connection.close()  # its statements were prepared against the altered column


def test_inside_a_transaction_it_fails_once_and_the_next_transaction_answers():
    if connection.vendor != "postgresql":
        skip_or_fail("prepared statements are a PostgreSQL matter: DATABASE_URL is not PostgreSQL")
    member = UserFactory(display_name="Rosa")
    names = User.objects.filter(pk=member.pk).values_list("display_name", flat=True)
    for _ in range(10):
        list(names.all())
    length = User._meta.get_field("display_name").max_length
    alter_display_name(length + 1)
    try:
        with pytest.raises(NotSupportedError), transaction.atomic():
            list(names.all())
        with transaction.atomic():  # the rollback dropped the stale statements: fine even inside one
            assert list(names.all()) == ["Rosa"]
    finally:
        alter_display_name(length)
        connection.close()
