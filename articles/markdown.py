"""Article Markdown: rendered once when an article is saved, then sanitized with an allow-list."""

import html as html_lib

import markdown
import nh3

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "figure",
    "figcaption",
    "div",
    "aside",
    "sup",
    "sub",
    "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "th": {"scope"},
    "abbr": {"title"},
}
# Callout boxes come from the admonition extension; only its classes survive.
ALLOWED_CLASSES = {
    "div": {"admonition", "warning", "danger", "note", "tip", "important"},
    "p": {"admonition-title"},
}
URL_SCHEMES = {"http", "https", "mailto"}
TABLE_OPEN = '<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>'


def render_markdown(text):
    """Return (html, toc) for an article body.

    toc is a list of {"id", "name", "children": [...]} for the ## and ### headings.
    """
    md = markdown.Markdown(
        extensions=["extra", "admonition", "sane_lists", "toc"],
        extension_configs={"toc": {"toc_depth": "2-3", "permalink": False}},
        output_format="html",
    )
    raw = md.convert(text or "")
    html = nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # Wide tables scroll sideways on phones; the wrapper makes that region reachable by keyboard.
    html = html.replace("<table>", TABLE_OPEN).replace("</table>", "</table></div>")
    return html, _toc(md.toc_tokens)


def _toc(tokens):
    # Python-Markdown gives each heading's name already escaped; the template escapes it once more.
    return [
        {"id": token["id"], "name": html_lib.unescape(token["name"]), "children": _toc(token.get("children", []))}
        for token in tokens
        if token["level"] in (2, 3)
    ]
