from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.shortcuts import render


class AdminSelectionMiddleware:
    """Answer 400 to an admin action whose selected rows are not all ids.

    The admin's checkboxes send the ids of the rows an action applies to, and every model in our
    admin has a numeric key; Django's admin passes what it gets to the database, so a hand-made
    value ("abc") failed there with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path.startswith("/admin/"):
            selected = request.POST.getlist(ACTION_CHECKBOX_NAME)
            if not all(choice.isascii() and choice.isdigit() for choice in selected):
                return render(request, "400.html", status=400)
        return self.get_response(request)


class RejectNullCharacterMiddleware:
    """Answer 400 to an address whose path or query string holds a NUL character (%00).

    No page of ours takes one, and PostgreSQL refuses NUL in text: any lookup that passed it on (a
    filter parameter, a picture's name, an admin list filter) would fail with a 500. Form fields
    already refuse it themselves (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return render(request, "400.html", status=400)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Send our Content-Security-Policy on every page, the admin's included.

    Django's admin runs under the same strict policy (`script-src 'self'`, no inline style): its
    scripts are files, its data travel in data- attributes and JSON blocks, and it sets styles
    through the DOM, which a policy allows. Member text is shown there to staff, so an injected
    script must not run there either. The admin never loads reCAPTCHA, so it gets no third party.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith("/admin/")
        response.setdefault("Content-Security-Policy", content_security_policy(third_parties=not is_admin))
        return response


def content_security_policy(third_parties=True):
    # reCAPTCHA, when keys are set, is the one third party a page may load from.
    extra = " https://www.google.com https://www.gstatic.com" if third_parties and settings.RECAPTCHA_ENABLED else ""
    return settings.CONTENT_SECURITY_POLICY.format(recaptcha=extra)
