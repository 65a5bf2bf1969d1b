"""Plain SQL for the few small reads that every signed-in page makes.

Building an ORM query costs about five times running one this small (on the bench machine a
one-row count: 1.3 ms through the ORM, 0.23 ms as a statement), and a signed-in page makes several
before it shows anything: the session, the unread count, whether the member confirmed an address,
whom they muted. Only our own table and column names go into the text; values are parameters.
"""

from django.db import connection


def table(model):
    return connection.ops.quote_name(model._meta.db_table)


def value(sql, params):
    """The first column of the first row, or None when there is no row."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else row[0]


def column(sql, params):
    """The first column of every row."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]
