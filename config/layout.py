"""Template tags of the site's layout (templates/base.html), loaded as builtins (settings.TEMPLATES)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The main navigation's links (includes/main_nav.html), rendered once a page: the header shows
    them twice, in a row on wide screens and inside the menu on narrow ones."""
    state = context.render_context
    if "main_nav" not in state:
        state["main_nav"] = context.template.engine.get_template("includes/main_nav.html").render(context)
    return state["main_nav"]
