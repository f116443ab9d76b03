"""What an operator needs: password-reset mail that is really sent, and a security.txt (issue #16)."""

import re

import pytest
from django.core import mail

from core.models import HubSettings


@pytest.mark.django_db
def test_a_password_reset_from_the_admin_sends_a_mail(client, django_user_model, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    django_user_model.objects.create_user("curator", "curator@example.org", "a-long-password")
    response = client.post("/admin/password_reset/", {"email": "curator@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["curator@example.org"]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_without_a_mail_server_mail_goes_to_the_console_not_nowhere():
    from hub.settings import base

    assert base.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"


@pytest.mark.django_db
def test_security_txt_names_a_contact_an_expiry_and_the_languages(client):
    hub = HubSettings.current()
    hub.contact_email = "security@hub.example.org"
    hub.save()
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert "Contact: mailto:security@hub.example.org\n" in text
    assert re.search(r"^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", text, re.M)
    assert "Preferred-Languages: en, es, fr, ar\n" in text
    assert "Canonical: http://testserver/.well-known/security.txt\n" in text


def test_a_mail_server_from_the_environment_is_used(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from django.conf import settings as django_settings

    probe = (
        "import json; from hub.settings import base as s; print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, "
        "s.EMAIL_PORT, s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL]))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "EMAIL_HOST": "smtp.example.org",
        "EMAIL_PORT": "2525",
        "EMAIL_HOST_USER": "hub",
        "EMAIL_USE_TLS": "false",
        "DEFAULT_FROM_EMAIL": "Hub <hub@example.org>",
    }
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=django_settings.BASE_DIR, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        2525,
        "hub",
        False,
        "Hub <hub@example.org>",
    ]
