"""The site search behind one box: articles for everyone; for signed-in members also the updates,
comments, questions and answers they may see (the same `visible_to` rules as the pages that show
them: nothing hidden or held unless it is their own, nothing by members they muted, nothing under
an update or question they cannot open). Member profiles are never searched.

One query ranks the matches of every kind together (a UNION ALL of each table's matches, each
served by its GIN index on PostgreSQL) and returns one page of keys; then one query per kind on
the page loads those rows with their snippets, so the cost does not grow with the number of
matches shown. The page after the last is an empty page, not an error; there is no total count
(it would cost as much again as the search itself).
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import CharField, F, Value

from articles.models import Article
from articles.search import (
    articles_with_snippets,
    contains_any,
    full_text,
    headline,
    joined,
    marked,
    matching_articles,
    rank,
    substring_snippet,
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
    offset = (page - 1) * PAGE_SIZE
    keys = list(ranked(user, query)[offset : offset + PAGE_SIZE + 1])
    return _load(keys[:PAGE_SIZE], query), len(keys) > PAGE_SIZE


def ranked(user, query):
    """(rank, kind, pk, date) of everything `user` may see that matches `query`, best first."""
    parts = [_keys(matching_articles(Article.objects.published(), query), "article", "published_at")]
    if user.is_authenticated:
        posts = Post.objects.visible_to(user)
        questions = Question.objects.visible_to(user)
        comments = Comment.objects.visible_to(user)
        muted = muted_ids(user)
        answers = Answer.objects.visible_to(user).under_visible("question", user, muted)
        # Comments on updates and on articles are separate parts: an OR of the two conditions
        # would make PostgreSQL read every visible update for each search instead of joining.
        on_posts = comments.filter(post__isnull=False).under_visible("post", user, muted)
        on_articles = comments.filter(article__in=Article.objects.published().values("pk"))
        parts += [
            _keys(_matching(posts, query, ["text"]), "update", "created_at"),
            _keys(_matching(questions, query, ["title", "details"]), "question", "created_at"),
            _keys(_matching(answers, query, ["text"]), "answer", "created_at"),
            _keys(_matching(on_posts, query, ["text"]), "comment", "created_at"),
            _keys(_matching(on_articles, query, ["text"]), "comment", "created_at"),
        ]
    return parts[0].union(*parts[1:], all=True).order_by("-rank", "-when", "kind", "-key")


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
    ids = {}
    for _rank, kind, pk, _when in keys:
        ids.setdefault(kind, []).append(pk)
    found = {}
    if "article" in ids:
        for pk, article in articles_with_snippets(ids["article"], query).items():
            found["article", pk] = Result(
                "article", article.title, article.get_absolute_url(), article.snippet, article.published_at
            )
    if "update" in ids:
        for post in _with_snippets(
            Post.objects.filter(pk__in=ids["update"]).only("text", "status", "created_at", "author__display_name"),
            query,
            "text",
        ):
            found["update", post.pk] = _member_result(post, "update", f"Update by {post.author.public_name}")
    if "question" in ids:
        rows = Question.objects.filter(pk__in=ids["question"]).only(
            "title", "details", "status", "created_at", "author__display_name"
        )
        for question in _with_snippets(rows, query, "details", also="title"):
            found["question", question.pk] = _member_result(question, "question", question.title)
    if "answer" in ids:
        rows = Answer.objects.filter(pk__in=ids["answer"]).only(
            "text", "status", "created_at", "question__title", "author__display_name"
        )
        for answer in _with_snippets(rows.select_related("question"), query, "text"):
            found["answer", answer.pk] = _member_result(answer, "answer", f"Answer to “{answer.question.title}”")
    if "comment" in ids:
        rows = Comment.objects.filter(pk__in=ids["comment"]).only(
            "text", "status", "created_at", "post_id", "article__slug", "article__title", "author__display_name"
        )
        for comment in _with_snippets(rows.select_related("article"), query, "text"):
            on = f"“{comment.article.title}”" if comment.article_id else "an update"
            found["comment", comment.pk] = _member_result(
                comment, "comment", f"Comment by {comment.author.public_name} on {on}"
            )
    return [found[kind, pk] for _rank, kind, pk, _when in keys if (kind, pk) in found]


def _with_snippets(queryset, query, field, also=None):
    """The rows, each with .snippet: ts_headline on PostgreSQL, the text around the match on SQLite."""
    queryset = queryset.select_related("author")
    if full_text():
        text = F(field) if also is None else joined(also, field)
        rows = list(queryset.annotate(headline=headline(text, query)))
        for row in rows:
            row.snippet = marked(row.headline)
        return rows
    rows = list(queryset)
    for row in rows:
        text = getattr(row, field) if also is None else f"{getattr(row, also)}\n{getattr(row, field)}"
        row.snippet = substring_snippet(text, query)
    return rows


def _member_result(thing, kind, title):
    return Result(
        kind, title, thing.get_absolute_url(), thing.snippet, thing.created_at, thing.author.public_name, thing.status
    )
