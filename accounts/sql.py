"""Plain SQL for the few small reads that every signed-in page makes.

Building an ORM query costs about five times running one this small (on the bench machine a
one-row count: 1.3 ms through the ORM, 0.23 ms as a statement), and a signed-in page makes several
before it shows anything: the session, the unread count, whether the member confirmed an address,
whom they muted. Only our own table and column names go into the text; values are parameters.
"""

import zlib
from datetime import UTC, datetime, timedelta

from django.core.exceptions import EmptyResultSet
from django.db import connection, models
from django.db.models.query import get_related_populators


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


# Statements the ORM builds once per process


class Statement:
    """A queryset's SQL, built by the ORM once per process for each shape, run with each call's values.

    Building a query of many parts through the ORM (the search's six-part UNION) costs several
    milliseconds of Python on every request, while its SQL text is the same every time but for the
    values in its parameters. `build(**values)` returns the queryset. It is built and compiled
    twice, with two different sets of stand-ins for `values` (a model instance stands in by its
    primary key; a list by one stand-in per item, and its length is part of the shape). The two SQL
    texts must be the same, and the parameters may differ only where a stand-in went in: those
    places are filled with each call's own values. Anything else that differs (a value `build`
    took from elsewhere, such as the clock) raises at the first call instead of being reused. The
    stand-in queries are never run.

    A value must not decide the query's form (only a list's length may): a stand-in model instance
    has nothing but its key, so a branch on anything else (staff powers, say) belongs in the
    caller, before the statement is chosen, as community/search.py ranked() does.
    """

    def __init__(self, build):
        self.build = build
        self.compiled = {}  # shape -> (sql, [Constant or (name, index)], the first build's compiler)

    def sql(self, **values):
        """The statement and its parameters for these values."""
        sql, params, _compiler = self._prepared(values)
        return sql, params

    def _prepared(self, values):
        """The statement, its parameters and the compiler of its first build, for these values."""
        shape = tuple(sorted((name, len(value) if isinstance(value, list) else None) for name, value in values.items()))
        if shape not in self.compiled:
            self.compiled[shape] = self._compile(values)
        sql, slots, compiler = self.compiled[shape]
        params = [slot.value if isinstance(slot, Constant) else _parameter(values, *slot) for slot in slots]
        return sql, params, compiler

    def rows(self, suffix="", suffix_params=(), **values):
        """The statement's rows, with `suffix` (e.g. LIMIT %s OFFSET %s) after it."""
        try:
            sql, params = self.sql(**values)
        except EmptyResultSet:  # the ORM's answer to `pk__in=[]`: no rows, without asking
            return []
        with connection.cursor() as cursor:
            cursor.execute(sql + suffix, [*params, *suffix_params])
            return cursor.fetchall()

    def objects(self, **values):
        """The statement's rows as model instances, with the rows of their select_related relations
        attached: what iterating the queryset gives, read by the ORM's own row reader (the one of
        django.db.models.query.ModelIterable) from the compiler of the first stand-in build."""
        try:
            sql, params, compiler = self._prepared(values)
        except EmptyResultSet:
            return []
        if compiler.query.values_select:
            raise TypeError(f"{self.build.__qualname__}: objects() reads model instances, not values()")
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        info, select = compiler.klass_info, compiler.select
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        names = [column[0].target.attname for column in select[start:end]]
        related = get_related_populators(info, select, connection.alias)
        found = []
        for row in compiler.results_iter([rows]):
            thing = info["model"].from_db(connection.alias, names, row[start:end])
            for populator in related:
                populator.populate(row, thing)
            for name, position in compiler.annotation_col_map.items():
                setattr(thing, name, row[position])
            found.append(thing)
        return found

    def _compile(self, values):
        sides = [{name: _stand_in(name, value, side) for name, value in values.items()} for side in (1, 2)]
        compilers = [self.build(**given).query.get_compiler(connection=connection) for given in sides]
        (sql, first), (other_sql, second) = (compiler.as_sql() for compiler in compilers)
        if sql != other_sql:
            raise ValueError(f"{self.build.__qualname__}: its SQL text changes with the values given")
        places = {
            (name, index): (_parameter(sides[0], name, index), _parameter(sides[1], name, index))
            for name, value in values.items()
            for index in (range(len(value)) if isinstance(value, list) else [None])
        }
        return sql, [_slot(one, two, places) for one, two in zip(first, second, strict=True)], compilers[0]


class Constant:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def _parameter(values, name, index):
    """The value as the ORM passes it to the database (a datetime is a string on SQLite)."""
    value = values[name] if index is None else values[name][index]
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def _stand_in(name, value, side):
    """A value no real one equals, distinct for every name, item and side (ids are never negative)."""
    seed = side * 10**12 + zlib.crc32(name.encode()) * 1000
    if isinstance(value, list):
        return [-(seed + index) for index in range(len(value))]
    if isinstance(value, models.Model):
        return value._meta.model(pk=-seed)
    if isinstance(value, datetime):
        return datetime(1900 + side, 1, 1, tzinfo=UTC) + timedelta(seconds=seed % 10**9)
    if isinstance(value, str):
        return f"\x1fstand-in {side} for {name}"
    if isinstance(value, int) and not isinstance(value, bool):
        return -seed
    raise TypeError(f"{name}={value!r} has no stand-in: a value that changes the SQL text belongs in build itself")


def _slot(first, second, places):
    """What fills one parameter: (name, index) of a value where a stand-in went in, else a Constant."""
    for place, (one, two) in places.items():
        if (type(first), first) == (type(one), one) and (type(second), second) == (type(two), two):
            return place
        if (type(first), first) == (type(one), one) or (type(second), second) == (type(two), two):
            raise ValueError(f"a parameter is a stand-in for {place[0]} in one build only")
    if (type(first), first) != (type(second), second):
        raise ValueError(f"a parameter changes with something not given: {first!r} / {second!r}")
    return Constant(first)
