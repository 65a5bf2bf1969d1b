"""When something happened, as people say it: "just now", "5 minutes ago", "3 hours ago", then a date.

Pages rendered for one request show the relative words straight away. Cached fragments (the feed's
updates, community/fragments.py) must not: "5 minutes ago" cached for an hour would be false, so
they carry the date alone, and static/js/time.js turns every `<time data-relative>` into the same
words in the browser (and keeps them true while the page stays open). Pages kept whole for a
member (community/pages.py) say every time again from its `<time datetime>` when they are served
(words_for), so the feed shows the words without JavaScript too.
"""

import datetime
import functools

from django.utils import timezone
from django.utils.html import format_html


def relative_time(value, now):
    """The words for `value` seen at `now` (both aware datetimes)."""
    seconds = (now - value).total_seconds()
    if seconds < 60:
        return "just now"  # also a clock a few seconds ahead of ours
    if seconds < 3600:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    if seconds < 86400:
        hours = int(seconds // 3600)
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    return calendar_date(value, now)


def calendar_date(value, now):
    """ "12 March" this year, "12 March 2025" in another."""
    return _date_words(timezone.localtime(value), timezone.localtime(now).year)


def _date_words(local, this_year):
    text = f"{local.day} {local:%B}"
    return text if local.year == this_year else f"{text} {local.year}"


def words_for(iso, now, this_year):
    """relative_time for the ISO moment a <time datetime> carries; `this_year`: now's, in local time.
    Pages kept whole say their times again on every request (community/pages.py): the date of a
    moment over a day old is looked up, not formatted each time."""
    value = datetime.datetime.fromisoformat(iso)
    if (now - value).total_seconds() < 86400:
        return relative_time(value, now)
    return _calendar_date(iso, this_year)


@functools.lru_cache(maxsize=10_000)
def _calendar_date(iso, this_year):
    return _date_words(timezone.localtime(datetime.datetime.fromisoformat(iso)), this_year)


def time_element(value, *, now=None, relative=True):
    """`<time datetime="ISO">`: relative words, or (for cached HTML) the date alone."""
    if not isinstance(value, datetime.datetime):
        return ""
    now = now or timezone.now()
    text = relative_time(value, now) if relative else calendar_date(value, now)
    full = timezone.localtime(value)
    return format_html(
        '<time datetime="{}" title="{}" data-relative>{}</time>',
        value.isoformat(),
        f"{full.day} {full:%B %Y, %H:%M}",
        text,
    )
