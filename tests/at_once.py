"""Two requests at once (a double click, two tabs), each on its own connection to PostgreSQL."""

import contextlib
import threading

from django.db import connections


def at_once(monkeypatch, model, action, times=2):
    """Run `action` in `times` threads at once, each waiting, once it has looked for a `model` row
    with `.first()`, until the others have looked too: without a lock all find the same thing. With
    one, the others wait for the first to finish instead, and the first goes on once the wait gives
    up (the barrier breaks). Returns the errors the actions raised."""
    all_looked = threading.Barrier(times, timeout=2)
    queryset = type(model.objects.all())
    look = queryset.first

    def look_then_wait(rows):
        found = look(rows)
        if rows.model is model:
            with contextlib.suppress(threading.BrokenBarrierError):
                all_looked.wait()
        return found

    monkeypatch.setattr(queryset, "first", look_then_wait)
    return [error for _, error in together(**{f"request {n}": action for n in range(times)})]


def together(**works):
    """Run each of `works` (name: callable) at once, in a thread of that name on its own database
    connection; returns (name, error) for each that raised."""
    errors = []

    def run(name, work):
        try:
            work()
        except Exception as error:  # noqa: BLE001 - returned to the test
            errors.append((name, error))
        finally:
            connections.close_all()

    threads = [threading.Thread(name=name, target=run, args=(name, work)) for name, work in works.items()]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def while_a_transaction_is_held(hold, then):
    """Run `hold` in a transaction kept open, and `then` in another; let the first commit only once the
    second waits for one of its row locks (PostgreSQL), so `then` goes on after that commit. What a
    count takes from before the wait, not after, shows here. Returns the errors either raised."""
    from django.db import connection, transaction

    from tests.processes import wait_for

    holding, release = threading.Event(), threading.Event()

    def held():
        with transaction.atomic():
            hold()
            holding.set()
            release.wait(60)

    def after():
        holding.wait(60)
        then()

    def release_once_waiting():
        holding.wait(60)

        def waiting():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
                return cursor.fetchone()[0] > 0

        try:
            wait_for(waiting, 60, "the second transaction to wait for the first's lock")
        finally:
            release.set()

    return together(hold=held, then=after, release=release_once_waiting)
