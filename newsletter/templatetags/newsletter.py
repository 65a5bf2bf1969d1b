from django import template

from accounts.recaptcha import add_captcha

from ..forms import SubscribeForm
from ..services import CONSENT_TEXT

register = template.Library()


@register.inclusion_tag("newsletter/subscribe_form.html", takes_context=True)
def subscribe_form(context, place="page"):
    """The sign-up form, the same for every visitor (it sits on cached pages): no CSRF token."""
    request = context.get("request")
    form = SubscribeForm(auto_id=f"id_newsletter_{place}_%s", initial={"page": request.path if request else ""})
    add_captcha(form, action="newsletter", request=request)
    user = context.get("user")
    return {
        "form": form,
        "place": place,
        "consent_text": CONSENT_TEXT,
        "is_member": bool(user and user.is_authenticated),
    }
