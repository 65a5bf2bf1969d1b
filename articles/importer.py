"""Articles from Markdown files with front matter: the demo content (`demo/`) and staff imports.

A file is a block of front matter between two `---` lines, then the Markdown body. The front
matter is a small, strict subset of YAML that we parse ourselves (no dependency):

    ---
    title: Getting a Lung Cancer Diagnosis: What Your Tests Mean
    slug: understanding-your-lung-cancer-diagnosis
    status: published
    topics:
      - diagnosis
    author: rosalind-achterberg
    reviewer: Elena Marchetti-Vogel
    published: 2026-03-14
    reviewed: 30 days ago
    lead: One or two sentences.
    hero_image: hero.jpg
    hero_alt: What the picture shows.
    hero_caption: A caption.
    hero_credit: Illustration: Kindred
    sources:
      - title: Lung Cancer
        publisher: National Cancer Institute
        url: https://www.cancer.gov/types/lung
        year: 2024
    ---

Every value is one line of text, everything after the first `: ` (surrounding double quotes are
dropped). A key with nothing after it starts a list: items are `  - value`, or `  - key: value`
followed by `    key: value` lines for a list of records. Lines starting with `#` are comments.
Anything else is an error naming the line, never a guess.

Importing creates the article, or updates the one with the same slug, in one transaction: a file
that fails validation changes nothing. `status`, `published`, `reviewed` and `hero_image`, when
left out, keep an existing article's values (a new article is a draft without a picture), so
re-importing a corrected text never unpublishes or rewinds an article. Importing an unchanged
file writes nothing.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DatabaseError, transaction
from django.utils import timezone

from accounts.images import process_image

from .models import Article, Expert, Source, Topic

KEY = re.compile(r"[a-z][a-z0-9_]*")
RELATIVE_DATE = re.compile(r"(\d{1,5}) days? ago")
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M")
DATE_HELP = 'write YYYY-MM-DD, "YYYY-MM-DD HH:MM" or "N days ago"'
MAX_FILE_BYTES = 1024 * 1024

ARTICLE_KEYS = {
    "title",
    "slug",
    "status",
    "topics",
    "author",
    "reviewer",
    "published",
    "reviewed",
    "lead",
    "hero_image",
    "hero_alt",
    "hero_caption",
    "hero_credit",
    "sources",
}
SOURCE_KEYS = {"title", "publisher", "url", "year"}
# Model field names as the file calls them, for validation messages.
FILE_NAMES = {"published_at": "published", "reviewed_at": "reviewed", "body": "the Markdown body"}


class ImportFailed(Exception):
    """A file that cannot be imported; the message says which file and why, for people."""

    def __init__(self, path, problems):
        self.path = path
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(f"{path}: " + "; ".join(self.problems))


@dataclass
class Result:
    article: Article
    action: str  # "created", "updated" or "unchanged"


# Reading files.


def parse_front_matter(text):
    """Split `text` into (front matter dict, Markdown body); raise ValueError naming the line."""
    lines = text.removeprefix("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        raise ValueError('line 1: the file must start with a line "---", then the front matter, then "---"')
    end = next((number for number in range(1, len(lines)) if lines[number].rstrip() == "---"), None)
    if end is None:
        raise ValueError('the front matter never ends: add a line "---" after it')
    meta, items, record = {}, None, None
    for index in range(1, end):
        line, where = lines[index].rstrip(), f"line {index + 1}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "\t" in line:
            raise ValueError(f"{where}: use spaces, not tabs")
        if not line.startswith(" "):
            key, value = _key_value(line, where)
            if key in meta:
                raise ValueError(f"{where}: {key!r} is given twice")
            if value is None:
                items = meta[key] = []
            else:
                meta[key], items = value, None
            record = None
        elif items is None:
            raise ValueError(f'{where}: an indented line must belong to a list (a line "key:" with nothing after it)')
        elif line.startswith("  - "):
            item = line[4:].strip()
            key_match = KEY.match(item)
            if key_match and item[key_match.end() :].startswith(":"):
                key, value = _key_value(item, where)
                record = {key: value or ""}
                item = record
            else:
                record = None
                item = _unquote(item)
            if items and type(items[0]) is not type(item):
                raise ValueError(f"{where}: a list mixes plain values and records")
            items.append(item)
        elif line.startswith("    ") and not line.startswith("     ") and record is not None:
            key, value = _key_value(line[4:], where)
            if key in record:
                raise ValueError(f"{where}: {key!r} is given twice in this list item")
            record[key] = value or ""
        else:
            raise ValueError(f'{where}: expected "  - item" or, inside a list item, "    key: value"')
    body = "\n".join(lines[end + 1 :]).strip("\n")
    return meta, body + "\n" if body else ""


def _key_value(line, where):
    key, colon, value = line.partition(":")
    if not colon or not KEY.fullmatch(key) or (value and not value.startswith(" ")):
        raise ValueError(f'{where}: expected "key: value" (lower-case key, a colon, a space), got {line.strip()!r}')
    value = value.strip()
    return key, (_unquote(value) if value else None)


def _unquote(value):
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def read_document(path):
    """Parse the file at `path`; raise ImportFailed for what cannot be read or parsed."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFailed(path, "the file is larger than 1 MB; is it really an article?")
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ImportFailed(path, "the file is not UTF-8 text") from exc
    except OSError as exc:
        raise ImportFailed(path, f"cannot read the file ({exc.strerror})") from exc
    if "\x00" in text:
        raise ImportFailed(path, "the file holds a NUL character; is it really a text file?")
    try:
        return parse_front_matter(text)
    except ValueError as exc:
        raise ImportFailed(path, f"malformed front matter, {exc}") from exc


def slug_of(path):
    """The slug the file at `path` would import as, or None if it cannot be read."""
    try:
        meta, _body = read_document(path)
    except ImportFailed:
        return None
    return slug_from(meta, path)


def slug_from(meta, path):
    """The article's slug: the front matter's, else the file's name."""
    slug = meta.get("slug")
    return slug.strip() if isinstance(slug, str) and slug.strip() else Path(path).stem


def read_image(path, value, problems, key):
    """A cleaned JPEG (the upload pipeline: verified, metadata removed) from a file beside `path`."""
    image_path = Path(path).parent / value
    try:
        with image_path.open("rb") as handle:
            return process_image(File(handle, name=image_path.name))
    except OSError:
        problems.append(f"{key}: no picture file {str(image_path)!r}")
    except ValidationError as exc:
        problems.append(f"{key}: {' '.join(exc.messages)}")
    return None


def image_differs(field_file, content):
    """Whether storing `content` would change the picture `field_file` holds."""
    if not field_file:
        return True
    try:
        with field_file.storage.open(field_file.name, "rb") as stored:
            return stored.read() != content.read()
    except OSError:
        return True
    finally:
        content.seek(0)


# Articles.


def import_article(path, *, now=None):
    """Create or update the article described by the file at `path`; raise ImportFailed."""
    path = Path(path)
    now = now or timezone.now()
    meta, body = read_document(path)
    problems = []
    unknown = sorted(set(meta) - ARTICLE_KEYS)
    if unknown:
        problems.append(f"unknown field {', '.join(unknown)} (allowed: {', '.join(sorted(ARTICLE_KEYS))})")
    text = {key: _text(meta, key, problems) for key in ARTICLE_KEYS - {"topics", "sources"}}
    for key in ("title", "author", "lead"):
        if not text[key]:
            problems.append(f"{key} is missing")
    longest_lead = Article._meta.get_field("lead").max_length
    if len(text["lead"]) > longest_lead:
        problems.append(f"lead is {len(text['lead'])} characters long; at most {longest_lead}")
    if not body.strip():
        problems.append("the Markdown body after the front matter is empty")
    slug = slug_from(text, path)

    author = _expert(text["author"], "author", problems) if text["author"] else None
    reviewer = _expert(text["reviewer"], "reviewer", problems) if text["reviewer"] else None
    topics = [_topic(value, problems) for value in _list(meta, "topics", str, problems)]
    sources = [
        _source(number, record, problems) for number, record in enumerate(_list(meta, "sources", dict, problems), 1)
    ]
    published_at = _when(text["published"], "published", now, problems)
    reviewed_at = _when(text["reviewed"], "reviewed", now, problems)
    status = text["status"]
    if status and status not in Article.Status.values:
        problems.append(f"status {status!r} is not one of {', '.join(Article.Status.values)}")
    hero = read_image(path, text["hero_image"], problems, "hero_image") if text["hero_image"] else None
    if problems:
        raise ImportFailed(path, problems)

    article = Article.objects.filter(slug=slug).first() or Article(slug=slug, status=Article.Status.DRAFT)
    before = None if article.pk is None else _snapshot(article, list(article.topics.all()), article.sources.all())
    article.title, article.lead, article.body = text["title"], text["lead"], body
    article.author, article.reviewer = author, reviewer
    article.hero_alt, article.hero_caption, article.hero_credit = (
        text["hero_alt"],
        text["hero_caption"],
        text["hero_credit"],
    )
    if status:
        article.status = status
    # A relative date ("400 days ago", as demo content gives) is read when the article is created,
    # not again: importing a corrected file months later must not record a review that did not happen.
    if text["published"] and not (article.published_at and RELATIVE_DATE.fullmatch(text["published"])):
        article.published_at = published_at
    if text["reviewed"] and not (article.reviewed_at and RELATIVE_DATE.fullmatch(text["reviewed"])):
        article.reviewed_at = reviewed_at
    if article.status == Article.Status.PUBLISHED and not article.published_at:
        article.published_at = now
    try:
        # Lengths, the slug's form, a reviewer other than the author, what publishing needs.
        article.full_clean(exclude=["hero_image", "topics"])
    except ValidationError as exc:
        raise ImportFailed(path, _messages(exc)) from exc

    hero_changed = hero is not None and image_differs(article.hero_image, hero)
    if before == _snapshot(article, topics, sources) and not hero_changed:
        return Result(article, "unchanged")
    action = "updated" if article.pk else "created"
    try:
        with transaction.atomic():
            if hero_changed:
                article.hero_image.save(f"{slug}.jpg", hero, save=False)
            article.save()
            article.topics.set(topics)
            # QuerySet.delete sends each row's signals; the article's save above already retired the
            # cached pages, and the database's trigger keeps its search vector current.
            article.sources.all().delete()
            for source in sources:
                source.article = article
            Source.objects.bulk_create(sources)
    except DatabaseError as exc:
        raise ImportFailed(path, f"the database refused the article ({exc})") from exc
    return Result(article, action)


def _text(meta, key, problems):
    value = meta.get(key, "")
    if isinstance(value, list):
        problems.append(f"{key} must be a single line of text, not a list")
        return ""
    return value


def _list(meta, key, kind, problems):
    value = meta.get(key, [])
    if isinstance(value, str):
        value = [value] if kind is str else None
    if value is None or any(not isinstance(item, kind) for item in value):
        shape = '"  - slug" lines' if kind is str else 'records: "  - title: ..." then "    url: ..." lines'
        problems.append(f"{key} must be a list of {shape}")
        return []
    return value


def _expert(value, role, problems):
    expert = Expert.objects.filter(slug=value).first()
    if expert:
        return expert
    named = list(Expert.objects.filter(name__iexact=value)[:2])
    if len(named) == 1:
        return named[0]
    if named:
        problems.append(f"{role} {value!r}: several experts have this name; give the slug instead")
    else:
        problems.append(f"{role} {value!r}: no expert has this slug or name (add the expert in the admin first)")
    return None


def _topic(value, problems):
    topic = Topic.objects.filter(slug=value).first() or Topic.objects.filter(name__iexact=value).first()
    if topic is None:
        known = ", ".join(Topic.objects.values_list("slug", flat=True)) or "none yet"
        problems.append(f"topic {value!r} does not exist (known topics: {known})")
    return topic


def _source(number, record, problems):
    where = f"sources, item {number}"
    unknown = sorted(set(record) - SOURCE_KEYS)
    if unknown:
        problems.append(f"{where}: unknown field {', '.join(unknown)} (allowed: {', '.join(sorted(SOURCE_KEYS))})")
    year = record.get("year") or None
    if year is not None:
        if not year.isdigit():
            problems.append(f"{where}: year {year!r} is not a year")
            year = None
        else:
            year = int(year)
    source = Source(
        position=number,
        title=record.get("title", ""),
        publisher=record.get("publisher", ""),
        url=record.get("url", ""),
        year=year,
    )
    try:
        source.full_clean(exclude=["article"])
    except ValidationError as exc:
        problems.extend(f"{where}: {message}" for message in _messages(exc))
    return source


def _when(value, key, now, problems):
    """An aware datetime from a date, a date and time (in the site's time zone), or "N days ago"."""
    if not value:
        return None
    relative = RELATIVE_DATE.fullmatch(value)
    if relative:
        # Midnight of that day, so importing the same file twice in a day changes nothing.
        day = timezone.localdate(now) - datetime.timedelta(days=int(relative[1]))
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
    for date_format in DATE_FORMATS:
        try:
            return timezone.make_aware(datetime.datetime.strptime(value, date_format))
        except ValueError:
            continue
    problems.append(f"{key}: {value!r} is not a date; {DATE_HELP}")
    return None


def _snapshot(article, topics, sources):
    fields = ("title", "lead", "body", "author_id", "reviewer_id", "status", "published_at", "reviewed_at")
    return (
        tuple(getattr(article, name) for name in fields),
        (article.hero_alt, article.hero_caption, article.hero_credit),
        sorted(topic.pk for topic in topics),
        [(source.position, source.title, source.publisher, source.url, source.year) for source in sources],
    )


def _messages(exc):
    if not hasattr(exc, "error_dict"):
        return exc.messages
    return [
        message if field == "__all__" else f"{FILE_NAMES.get(field, field)}: {message}"
        for field, messages in exc.message_dict.items()
        for message in messages
    ]
