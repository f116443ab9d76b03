"""Admin logins are throttled with django-axes: after a handful of wrong passwords for one user from one address,
even the right password is refused until the cool-off has passed (issue #16)."""

import datetime

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

LOGIN_URL = "/admin/login/"
PASSWORD = "a-long-and-right-password"


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser("curator", "curator@example.org", PASSWORD)


def sign_in(client, password, address="198.51.100.4"):
    """Post Wagtail's login form; returns the response."""
    return client.post(LOGIN_URL, {"username": "curator", "password": password}, REMOTE_ADDR=address)


def signed_in(client):
    return client.get("/admin/").status_code == 200


def fail_ten_times(client, address="198.51.100.4"):
    for _attempt in range(10):
        assert sign_in(client, "wrong", address).status_code in (200, 429)


@pytest.mark.django_db
def test_the_right_password_is_refused_after_ten_wrong_ones_until_the_cool_off_ends(client, curator):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        fail_ten_times(client)
        locked = sign_in(client, PASSWORD)
        assert locked.status_code == 429
        assert "Too many failed sign-in attempts" in locked.content.decode()
        assert not signed_in(client)

        clock.shift(settings.AXES_COOLOFF_TIME - datetime.timedelta(minutes=1))
        assert sign_in(client, PASSWORD).status_code == 429

        clock.shift(datetime.timedelta(minutes=2))
        assert sign_in(client, PASSWORD).status_code == 302
        assert signed_in(client)


@pytest.mark.django_db
def test_a_few_wrong_passwords_do_not_lock_anyone_out(client, curator):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "wrong").status_code == 200
    assert sign_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lock_out_is_per_address(client, curator):
    fail_ten_times(client, "198.51.100.4")
    assert sign_in(client, PASSWORD, "198.51.100.4").status_code == 429
    assert sign_in(client, PASSWORD, "203.0.113.8").status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_buys_no_fresh_attempts(client, curator):
    fail_ten_times(client)
    response = client.post(
        LOGIN_URL,
        {"username": "curator", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.4",
        HTTP_X_FORWARDED_FOR="203.0.113.99",
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_reset_command_lifts_a_lock_out(client, curator):
    fail_ten_times(client)
    call_command("axes_reset_username", "curator", verbosity=0)
    assert sign_in(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_administrators_see_the_attempts_in_the_admin(client, admin_client, curator):
    fail_ten_times(client)
    assert AccessAttempt.objects.filter(username="curator").exists()
    assert AccessFailureLog.objects.filter(username="curator", locked_out=True).exists()
    listing = admin_client.get("/admin/accessattempt/")
    assert listing.status_code == 200
    assert "198.51.100.4" in listing.content.decode()
    assert admin_client.get("/admin/accessfailurelog/").status_code == 200
    assert admin_client.get("/admin/accessattempt/new/").status_code in (302, 403)
