import pytest

from tests.factories import PASSWORD, UserFactory, verify_email

pytestmark = pytest.mark.django_db


def attempt(client, email, password, forwarded=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return client.post("/accounts/login/", {"login": email, "password": password}, **headers)


def test_repeated_wrong_passwords_lock_the_account_even_for_the_right_one(client):
    user = verify_email(UserFactory(email="target@example.com"))
    for _ in range(5):
        assert attempt(client, user.email, "wrong password").status_code == 200
    response = attempt(client, user.email, PASSWORD)
    assert response.status_code == 200  # no redirect: not signed in
    assert "Too many failed login attempts" in response.content.decode()


def test_a_forged_x_forwarded_for_does_not_reset_the_limit(client):
    """Each attempt claims another client address; the limit per real address still holds."""
    users = [verify_email(UserFactory()) for _ in range(12)]
    statuses = []
    for number, user in enumerate(users):
        response = attempt(client, user.email, "wrong password", forwarded=f"203.0.113.{number}")
        statuses.append("Too many failed login attempts" in response.content.decode())
    assert statuses[:10] == [False] * 10
    assert all(statuses[10:])
