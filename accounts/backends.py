"""Django's and allauth's authentication backends, reading the signed-in member from the cache.

Sessions name their backend; both are kept, each looking the member up through
accounts.member_cache.cached_user instead of querying the database on every request.
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from . import member_cache


class CachedUserMixin:
    def get_user(self, user_id):
        return member_cache.cached_user(user_id, lambda: super(CachedUserMixin, self).get_user(user_id))


class ModelBackend(CachedUserMixin, DjangoModelBackend):
    pass


class AuthenticationBackend(CachedUserMixin, AllauthBackend):
    pass
