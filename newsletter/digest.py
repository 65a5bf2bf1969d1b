"""What goes in a digest: a list of section builders, each asked once per batch.

A builder has `load(recipients, *, until)`, called once per batch with every recipient in it (so
its queries do not grow with the batch), and `build(recipient, loaded)`, called per recipient,
returning a Section or None. A recipient whose builders all return None gets no e-mail.

The community's sections (the most hugged updates, new answers to the member's questions,
questions waiting for an answer, unread notifications for members who chose "in my digest") are
in community_sections.py: the newsletter reads the community, never the other way round. Both build
from sections.py's Item and Section, so imports go one way: digest -> community_sections -> sections.

Members-only builders return None when `recipient.user_id` is None. Item URLs are site paths;
the e-mail makes them absolute with SITE_URL.
"""

from dataclasses import dataclass
from datetime import datetime

from articles.models import Article

from .community_sections import COMMUNITY_BUILDERS
from .sections import Item, Section

MAX_ITEMS = 10


@dataclass
class Recipient:
    delivery_id: int | None
    subscriber_id: int | None
    email: str
    user_id: int | None  # None for readers who subscribed without an account
    name: str
    since: datetime  # their last digest (or the period's start): only newer things are "new"
    message_id: str = ""
    attempts: int = 0


class NewArticles:
    """Articles published since the recipient's last digest: for everyone."""

    def load(self, recipients, *, until):
        oldest = min(recipient.since for recipient in recipients)
        articles = (
            Article.objects.published()
            .filter(published_at__gt=oldest, published_at__lte=until)
            .select_related("author")
            .only("title", "slug", "lead", "published_at", "author__name", "author__credentials")
            .order_by("-published_at", "-id")[:200]
        )
        # Items once per batch; each recipient gets those newer than their last digest.
        return [
            (
                article.published_at,
                Item(
                    title=article.title,
                    path=article.get_absolute_url(),
                    text=article.lead,
                    meta=article.author.display_name,
                ),
            )
            for article in articles
        ]

    def build(self, recipient, articles):
        items = [item for published_at, item in articles if published_at > recipient.since][:MAX_ITEMS]
        if not items:
            return None
        return Section(
            key="articles", title="New articles", items=items, more_path="/resources/", more_label="All articles"
        )


SECTION_BUILDERS = [NewArticles(), *COMMUNITY_BUILDERS]


def compose(recipients, *, until):
    """{delivery_id: [Section, …]} for a batch; an empty list means nothing new for them."""
    contents = {recipient.delivery_id: [] for recipient in recipients}
    if not recipients:
        return contents
    for builder in SECTION_BUILDERS:
        loaded = builder.load(recipients, until=until)
        for recipient in recipients:
            section = builder.build(recipient, loaded)
            if section is not None:
                contents[recipient.delivery_id].append(section)
    return contents
