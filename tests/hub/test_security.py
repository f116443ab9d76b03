"""Security headers on public pages."""

import re

import pytest
from bs4 import BeautifulSoup


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "object-src 'none'" in policy
    assert re.search(r"script-src 'self' 'nonce-[\w-]+'", policy)
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_nonce_changes_with_every_request(client):
    first = client.get("/en/")["Content-Security-Policy"]
    second = client.get("/en/")["Content-Security-Policy"]
    assert first != second


@pytest.mark.django_db
def test_public_pages_have_no_inline_styles_the_policy_would_block(client):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert soup.select("[style]") == []
    assert all(tag.get("nonce") for tag in soup.select("script:not([src]), style"))
