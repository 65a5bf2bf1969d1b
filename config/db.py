"""PostgreSQL prepared statements that outlive a schema change.

With `prepare_threshold` set (config/settings.py), psycopg prepares a query on a connection after
a few runs. If a migration then changes the type of a column such a statement returns (a longer
CharField, say), PostgreSQL refuses the statement ("cached plan must not change result type") on
every connection that prepared it. Outside a transaction, this wrapper drops the connection's
prepared statements (`DEALLOCATE ALL`, which psycopg also takes as a reason to forget its own) and
runs the query again, so the visitor never sees it. Inside one, the transaction is already lost:
the error goes up, and the rollback that follows makes psycopg drop the prepared statements itself.
"""

from django.db import NotSupportedError

STALE_PLAN = "cached plan must not change result type"


def retry_stale_plan(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except NotSupportedError as exc:
        connection = context["connection"]
        if STALE_PLAN not in str(exc) or connection.in_atomic_block:
            raise
        with connection.cursor() as cursor:
            cursor.execute("DEALLOCATE ALL")
        return execute(sql, params, many, context)


def install(sender, connection, **kwargs):
    """connection_created: on PostgreSQL connections that prepare statements."""
    if connection.vendor != "postgresql" or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None:
        return
    if retry_stale_plan not in connection.execute_wrappers:
        connection.execute_wrappers.append(retry_stale_plan)
