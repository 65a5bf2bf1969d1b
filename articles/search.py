"""Full-text search: the pieces every app's search uses, and the articles' part of it.

On PostgreSQL each searchable table has a stored `search_vector` (tsvector) that the database
keeps current (a generated column, or for articles a trigger, since an article's sources live in
another table), with a GIN index; queries use `websearch_to_tsquery` (quotes, OR, -word) with
English stemming, rank with `ts_rank` and cut snippets with `ts_headline`.

On SQLite (the embedded default) there is no tsvector: the column exists but stays NULL, and the
search falls back to a case-insensitive substring match on the same fields, newest first.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.migrations.operations import RunSQL
from django.db.models import BooleanField, ExpressionWrapper, F, Func, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

CONFIG = "english"
MAX_QUERY_LENGTH = 200
# ts_headline marks matches with START/STOP, swapped for <mark> only after the text is escaped.
# It also drops whatever looks like an HTML tag, so "<" and ">" go in as LT/GT and come back as
# "&lt;" "&gt;": a member's "<script>" shows as text. Control characters, which members do not
# type; one that slipped in would only add a stray <mark> or a "<" shown as text.
START, STOP, LT, GT = "\x02", "\x03", "\x04", "\x05"
PROTECT_TAGS = "translate(%(expressions)s, '<>', chr(4) || chr(5))"  # "<" to LT, ">" to GT
HEADLINE_OPTIONS = {"start_sel": START, "stop_sel": STOP, "max_words": 30, "min_words": 12, "max_fragments": 2}
HEADLINE_SEPARATOR = " … "


def full_text():
    """Whether this database searches with stored tsvectors (PostgreSQL) or substrings (SQLite)."""
    return connection.vendor == "postgresql"


def clean_query(raw):
    """The text to search for: NUL bytes (PostgreSQL refuses them) out, at most MAX_QUERY_LENGTH."""
    text = (raw or "").replace("\x00", " ").strip()
    return text[:MAX_QUERY_LENGTH].strip(), len(text) > MAX_QUERY_LENGTH


def websearch(query):
    return SearchQuery(query, config=CONFIG, search_type="websearch")


def rank(query):
    return SearchRank(F("search_vector"), websearch(query))


def headline(expression, query, tsquery=None):
    """ts_headline of `expression` for `query` (or an already built `tsquery`)."""
    protected = Func(expression, template=PROTECT_TAGS, output_field=TextField())
    return SearchHeadline(
        protected, tsquery or websearch(query), config=CONFIG, fragment_delimiter=HEADLINE_SEPARATOR, **HEADLINE_OPTIONS
    )


def joined(*fields):
    """The fields' text, space-separated (a literal separator: no untyped parameter for the server)."""
    return Func(*map(F, fields), template="concat_ws(' ', %(expressions)s)", output_field=TextField())


def contains_any(fields, query):
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": query})
    return condition


# Snippets


MARKDOWN_NOISE = re.compile(r"!!!\s*\w+|[#*_>`]+|\[|\]\([^)]*\)")


def marked(headline_text, markdown=False):
    """ts_headline's output as safe HTML: everything escaped, then its markers turned into <mark>."""
    text = headline_text or ""
    if markdown:
        text = MARKDOWN_NOISE.sub(" ", text)
    text = escape(" ".join(text.split()))
    for marker, html in ((START, "<mark>"), (STOP, "</mark>"), (LT, "&lt;"), (GT, "&gt;")):
        text = text.replace(marker, html)
    return mark_safe(text)  # noqa: S308 - escaped above


def substring_snippet(text, query, words=30, markdown=False):
    """SQLite's snippet: the words around the first occurrence of the query, escaped, match marked."""
    text = " ".join((MARKDOWN_NOISE.sub(" ", text) if markdown else text or "").split())
    # Matched in the text itself: a letter that lowercases to two ("İ") would shift a position
    # found in text.lower().
    found = re.search(re.escape(query), text, re.IGNORECASE)
    if found is None:
        return escape(" ".join(text.split()[:words]))
    at, stop = found.span()
    start = max(0, text.rfind(" ", 0, max(0, at - 80)) + 1)
    end = text.find(" ", stop + 120)
    end = len(text) if end < 0 else end
    before, match, after = text[start:at], text[at:stop], text[stop:end]
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return format_html("{}{}<mark>{}</mark>{}{}", prefix, before, match, after, suffix)


# Database pieces for migrations and models


class SearchVectorDeferred(models.Manager):
    """Leaves the `search_vector` column (as large as the text) out of what pages load: searches
    use it in SQL only."""

    def get_queryset(self):
        return super().get_queryset().defer("search_vector")


class PostgresOnly(Func):
    """The wrapped expression on PostgreSQL, NULL elsewhere: a generated tsvector column that
    SQLite (which has no tsvector) keeps empty, so one migration serves both databases."""

    template = "%(expressions)s"
    arity = 1

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor != "postgresql":
            return "NULL", []
        return super().as_sql(compiler, connection, **extra_context)


def weighted_vector(*weighted_fields):
    """setweight(to_tsvector('english', coalesce(field, '')), weight) || … for (field, weight) pairs."""
    vector = None
    for field, weight in weighted_fields:
        part = SearchVector(field, config=CONFIG, weight=weight)
        vector = part if vector is None else vector + part
    return PostgresOnly(vector)


class RunPostgresSQL(RunSQL):
    """RunSQL that only runs on PostgreSQL (triggers and GIN indexes SQLite has no use for)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


# The articles' part of the site search


ARTICLE_TEXT_FIELDS = ["title", "lead", "body"]
SOURCE_TEXT_FIELDS = ["title", "publisher"]


def matching_articles(queryset, query):
    """`queryset` narrowed to articles matching `query`, with a `rank` (0 on SQLite).

    Title weighs most (A), then lead (B), body (C) and sources (D).
    """
    if full_text():
        return queryset.filter(search_vector=websearch(query)).annotate(rank=rank(query))
    from .models import Source

    in_sources = Source.objects.filter(contains_any(SOURCE_TEXT_FIELDS, query)).values("article_id")
    return queryset.filter(contains_any(ARTICLE_TEXT_FIELDS, query) | Q(pk__in=in_sources)).annotate(rank=Value(0.0))


def snippet_source(fields, query):
    """What snippet() cuts from, selected with the rows: the fields' (a list) ts_headline on
    PostgreSQL (matches marked by the database), their text on SQLite."""
    if full_text():
        return headline(F(fields[0]) if len(fields) == 1 else joined(*fields), query)
    if len(fields) == 1:
        return F(fields[0])
    parts = [part for field in fields for part in (F(field), Value("\n"))]
    return Concat(*parts[:-1], output_field=TextField())


def article_snippet_source(query):
    """snippet_source() for articles: on PostgreSQL the headline of the paragraph of the lead or body
    that matches best (models.Paragraph: one paragraph parsed, not the whole article). Best: one
    that holds the whole query, else the one holding most of its words (a search's words are often
    in different paragraphs); the lead when only the title or the sources matched. On SQLite the
    lead and body."""
    if not full_text():
        return snippet_source(["lead", "body"], query)
    from .models import Paragraph

    every_word = websearch(query)
    # The same words joined by OR ("biopsi" & "result" becomes "biopsi" | "result").
    any_word = Func(every_word, template="replace(%(expressions)s::text, '&', '|')::tsquery", output_field=TextField())
    holds_a_word = Func(F("search_vector"), any_word, template="%(expressions)s", arg_joiner=" @@ ")
    best = (
        Paragraph.objects.filter(article=OuterRef("pk"))
        .alias(hit=ExpressionWrapper(holds_a_word, output_field=BooleanField()))
        .filter(hit=True)
        .order_by(
            SearchRank(F("search_vector"), every_word).desc(),
            SearchRank(F("search_vector"), any_word).desc(),
            "position",
        )
        # Marked by any of the words: a long paragraph holding only some of them has no passage
        # where all of them meet, and ts_headline would show its start with nothing marked.
        .values(headline=headline(F("text"), query, any_word))[:1]
    )
    return Coalesce(Subquery(best, output_field=TextField()), headline(F("lead"), query))


def snippet(source, query, markdown=False):
    """Safe HTML of where `query` matched, from snippet_source()'s value."""
    return marked(source, markdown) if full_text() else substring_snippet(source, query, markdown=markdown)
