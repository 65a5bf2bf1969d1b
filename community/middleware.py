class OwnActionsMiddleware:
    """Show Edit/Delete on the signed-in member's own things and Report on everyone else's.

    Templates render both, marked with the author's id (data-owner, shown; data-other, hidden
    until here), so the same HTML, cached feed fragments included, serves every member.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        ):
            mine = f'data-owner="{user.pk}"'
            response.content = (
                response.content.decode()
                .replace(f"{mine} hidden>", f"{mine}>")
                .replace(f'data-other="{user.pk}">', f'data-other="{user.pk}" hidden>')
                .encode()
            )
        return response
