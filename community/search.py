"""The site search behind one box: articles for everyone; for signed-in members also the updates,
comments, questions and answers they may see (the same `visible_to` rules as the pages that show
them: nothing hidden or held unless it is their own, nothing by members they muted, nothing under
an update or question they cannot open). Member profiles are never searched.

One query ranks the matches of every kind together (a UNION ALL of each table's matches, each
served by its GIN index on PostgreSQL) and returns one page of keys; then one query per kind on
the page loads those rows with their snippets, so the cost does not grow with the number of
matches shown. An article's snippet is cut from its best-matching paragraph (articles.Paragraph).
The ORM builds each of these statements once per process (accounts/sql.py: Statement), not on
every search: building the six-part UNION took longer than running it. The page after the last
is an empty page, not an error; there is no total count (it would cost as much again as the
search itself).
"""

import functools
from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, F, Value
from django.utils import timezone

from accounts.models import User
from accounts.permissions import has_staff_powers
from accounts.sql import Statement
from articles.models import Article
from articles.search import (
    article_snippet_source,
    contains_any,
    full_text,
    matching_articles,
    rank,
    snippet,
    snippet_source,
    websearch,
)

from .models import Answer, Comment, Post, Question, Visibility
from .services import muted_ids

PAGE_SIZE = 10
MAX_PAGE = 100


@dataclass
class Result:
    kind: str  # "article", "question", "update", "answer", "comment"
    title: str
    url: str
    snippet: str  # safe HTML: escaped text with <mark>ed matches
    when: datetime | None
    author: str = ""
    status: str = Visibility.VISIBLE


def search_site(user, query, page=1):
    """One page of results (at most PAGE_SIZE, best first) and whether there is a next page."""
    keys = ranked(user, query, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    return _load(keys[:PAGE_SIZE], query), len(keys) > PAGE_SIZE


def ranked(user, query, *, limit, offset=0):
    """(rank, kind, pk, date) of everything `user` may see that matches `query`, best first.

    On PostgreSQL the statement is built once per process (accounts/sql.py: Statement) and run with
    this member's values; staff with their powers see everything, another statement, built each time.
    """
    values = {"query": query, "now": timezone.now()}
    if user.is_authenticated:
        values.update(user=user, muted=muted_ids(user))
    if not full_text() or has_staff_powers(user):
        return list(ranked_queryset(**values)[offset : offset + limit])
    return RANKED.rows(" LIMIT %s OFFSET %s", [limit, offset], **values)


def ranked_queryset(query, now, user=None, muted=None):
    """What ranked() runs, as a queryset: articles for everyone, members' content for members."""
    articles = Article.objects.published(now)
    parts = [_keys(matching_articles(articles, query), "article", "published_at")]
    if user is not None:
        posts = Post.objects.visible_to(user, muted)
        questions = Question.objects.visible_to(user, muted)
        comments = Comment.objects.visible_to(user, muted)
        answers = Answer.objects.visible_to(user).under_visible("question", user, muted)
        # Comments on updates and on articles are separate parts: an OR of the two conditions
        # would make PostgreSQL read every visible update for each search instead of joining.
        on_posts = comments.filter(post__isnull=False).under_visible("post", user, muted)
        on_articles = comments.filter(article__in=articles.values("pk"))
        parts += [
            _keys(_matching(posts, query, ["text"]), "update", "created_at"),
            _keys(_matching(questions, query, ["title", "details"]), "question", "created_at"),
            _keys(_matching(answers, query, ["text"]), "answer", "created_at"),
            _keys(_matching(on_posts, query, ["text"]), "comment", "created_at"),
            _keys(_matching(on_articles, query, ["text"]), "comment", "created_at"),
        ]
    return parts[0].union(*parts[1:], all=True).order_by("-rank", "-when", "kind", "-key")


RANKED = Statement(ranked_queryset)


def _matching(queryset, query, fields):
    if full_text():
        return queryset.filter(search_vector=websearch(query)).annotate(rank=rank(query))
    return queryset.filter(contains_any(fields, query)).annotate(rank=Value(0.0))


def _keys(queryset, kind, date_field):
    # Every part annotates in the same order, so the UNION's columns line up.
    return (
        queryset.order_by()
        .annotate(kind=Value(kind, output_field=CharField()), key=F("pk"), when=F(date_field))
        .values_list("rank", "kind", "key", "when")
    )


def _load(keys, query):
    """The Results for these keys, in their order: one statement per kind on the page (each built
    once per process, accounts/sql.py), each row with its snippet."""
    ids = {}
    for _rank, kind, pk, _when in keys:
        ids.setdefault(kind, []).append(pk)
    found = {}
    for kind, pks in ids.items():
        load, result = LOADS[kind]
        for row in load.rows(ids=pks, query=query):
            found[kind, row[0]] = result(*row, query=query)
    return [found[kind, pk] for _rank, kind, pk, _when in keys if (kind, pk) in found]


def _rows(model, *columns, source):
    """A Statement of (pk, *columns, snippet source) for the rows with these ids; `source(query)` is
    the snippet's expression (articles/search.py: ts_headline on PostgreSQL, the text on SQLite)."""

    def build(ids, query):
        return model.objects.filter(pk__in=ids).values_list("pk", *columns, source(query))

    return Statement(build)


def _text(*fields):
    return functools.partial(snippet_source, list(fields))


def _article(_pk, title, slug, published_at, source, *, query):
    url = Article(slug=slug).get_absolute_url()
    return Result("article", title, url, snippet(source, query, markdown=True), published_at)


def _update(pk, status, created_at, author, source, *, query):
    author = User(display_name=author).public_name
    url = Post(pk=pk).get_absolute_url()
    return Result("update", f"Update by {author}", url, snippet(source, query), created_at, author, status)


def _question(pk, title, status, created_at, author, source, *, query):
    author = User(display_name=author).public_name
    url = Question(pk=pk).get_absolute_url()
    return Result("question", title, url, snippet(source, query), created_at, author, status)


def _answer(pk, question_id, question_title, status, created_at, author, source, *, query):
    author = User(display_name=author).public_name
    url = Answer(pk=pk, question_id=question_id).get_absolute_url()
    return Result("answer", f"Answer to “{question_title}”", url, snippet(source, query), created_at, author, status)


def _comment(pk, post_id, article_slug, article_title, status, created_at, author, source, *, query):
    author = User(display_name=author).public_name
    url = Comment(pk=pk, post_id=post_id, article=Article(slug=article_slug) if post_id is None else None)
    on = "an update" if post_id else f"“{article_title}”"
    title = f"Comment by {author} on {on}"
    return Result("comment", title, url.get_absolute_url(), snippet(source, query), created_at, author, status)


MEMBER = ("status", "created_at", "author__display_name")
LOADS = {
    "article": (_rows(Article, "title", "slug", "published_at", source=article_snippet_source), _article),
    "update": (_rows(Post, *MEMBER, source=_text("text")), _update),
    "question": (_rows(Question, "title", *MEMBER, source=_text("title", "details")), _question),
    "answer": (_rows(Answer, "question_id", "question__title", *MEMBER, source=_text("text")), _answer),
    "comment": (
        _rows(Comment, "post_id", "article__slug", "article__title", *MEMBER, source=_text("text")),
        _comment,
    ),
}
