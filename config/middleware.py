from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send our Content-Security-Policy on every page but the admin's own (which inlines styles)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.setdefault("Content-Security-Policy", content_security_policy())
        return response


def content_security_policy():
    # reCAPTCHA, when keys are set, is the one third party a page may load from.
    extra = " https://www.google.com https://www.gstatic.com" if settings.RECAPTCHA_ENABLED else ""
    return settings.CONTENT_SECURITY_POLICY.format(recaptcha=extra)
