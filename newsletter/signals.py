from .services import subscribe_member


def member_confirmed_email(sender, request, email_address, **kwargs):
    user = email_address.user
    if email_address.email.lower() == user.email.lower():
        subscribe_member(user=user, page=request.path if request else "")
