from .services import member_address_confirmed


def member_confirmed_email(sender, request, email_address, **kwargs):
    user = email_address.user
    if email_address.email.lower() == user.email.lower():
        member_address_confirmed(user=user, page=request.path if request else "")
