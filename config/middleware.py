from django.conf import settings


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
