import pytest

from tests.factories import UserFactory, verify_email


@pytest.fixture
def alice(db):
    """A verified member who posts."""
    return verify_email(UserFactory(display_name="Alice", email="alice@example.com"))


@pytest.fixture
def bob(db):
    """Another verified member."""
    return verify_email(UserFactory(display_name="Bob", email="bob@example.com"))


@pytest.fixture
def alice_client(client, alice):
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(alice, bob):
    from django.test import Client

    other = Client()
    other.force_login(bob)
    return other
