"""Member text: escaped, then linkified with rel="nofollow ugc noopener", line breaks kept."""

from django.utils.html import linebreaks, urlize
from django.utils.safestring import mark_safe


def render_member_text(text):
    # urlize escapes everything that is not a link it made itself, and only makes http(s),
    # www. and e-mail links: "javascript:" or Markdown-looking links stay plain text.
    html = urlize(text or "", trim_url_limit=60, nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc noopener" target="_blank"')
    return mark_safe(linebreaks(html, autoescape=False))  # noqa: S308 - built from escaped text above
