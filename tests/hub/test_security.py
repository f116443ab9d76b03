"""Security headers on public pages and in the admin: the Content Security Policy (django-csp), the
Permissions-Policy (django-permissions-policy), framing and the rest."""

import re

import pytest
from bs4 import BeautifulSoup

from pathways.factories import RoleFactory
from resources.factories import ResourceIndexPageFactory, ResourcePageFactory

NONCE = re.compile(r"'nonce-([\w+/=-]+)'")


def directives(policy):
    """A policy header as ``{directive: [sources]}``."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def resource_page(home_page):
    """A page with a JSON-LD data block, which no policy governs."""
    ResourceIndexPageFactory(parent=home_page)
    return ResourcePageFactory(slug="nonce-guide")


OFFLINE = "/en/pathways/mentor/offline/"


@pytest.fixture
def offline_pathway(db):
    """A pathway's offline file: an inline stylesheet, which must carry the request's nonce."""
    return RoleFactory(slug="mentor")


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/en/")
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["script-src"][0] == "'self'"
    assert policy["style-src"][0] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_a_page_without_inline_blocks_names_no_nonce(client):
    # Nothing on the home page needs one, so the policy allows no inline script at all (and a cached copy of the
    # page carries no visitor's nonce).
    assert not NONCE.search(client.get("/en/")["Content-Security-Policy"])


def test_a_page_with_an_inline_block_gets_its_nonce_in_the_policy(client, offline_pathway):
    response = client.get(OFFLINE)
    policy = directives(response["Content-Security-Policy"])
    nonces = [NONCE.fullmatch(source).group(1) for source in policy["style-src"] if NONCE.fullmatch(source)]
    assert len(nonces) == 1
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("style")["nonce"] == nonces[0]


def test_nonce_changes_with_every_request(client, offline_pathway):
    first = NONCE.search(client.get(OFFLINE)["Content-Security-Policy"]).group(1)
    second = NONCE.search(client.get(OFFLINE)["Content-Security-Policy"]).group(1)
    assert first != second


def test_a_json_ld_data_block_needs_no_nonce(client, resource_page):
    # Browsers run no Content Security Policy check on a data block (a script whose type is not JavaScript), so
    # the resource page names no nonce and stays the same for every visitor, which shared caches need.
    response = client.get("/en/resources/nonce-guide/")
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('script[type="application/ld+json"]').get("nonce") is None
    assert not NONCE.search(response["Content-Security-Policy"])


@pytest.mark.django_db
def test_every_response_switches_off_unused_browser_features(client):
    for url in ("/en/", "/api/v1/levels/", "/healthz"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, url


@pytest.mark.django_db
def test_the_admin_gets_a_policy_it_tolerates_and_the_strict_one_as_report_only(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    enforced = directives(response["Content-Security-Policy"])
    assert enforced["object-src"] == ["'none'"]
    assert enforced["frame-ancestors"] == ["'self'"]
    assert "script-src" not in enforced  # Wagtail's own inline scripts keep working
    report_only = directives(response["Content-Security-Policy-Report-Only"])
    assert report_only["script-src"][0] == "'self'"
    assert "unsafe-inline" not in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
def test_public_pages_send_no_report_only_policy(client):
    assert "Content-Security-Policy-Report-Only" not in client.get("/en/")


@pytest.mark.django_db
def test_public_pages_have_no_inline_styles_the_policy_would_block(client):
    soup = BeautifulSoup(client.get("/en/").content, "html.parser")
    assert soup.select("[style]") == []
    # A data block (the "My pathways" JSON island) is never executed, so the policy does not apply to it; any
    # script that would run needs the nonce.
    data_blocks = soup.select('script[type="application/json"]:not([src])')
    assert all(tag.get("nonce") for tag in soup.select("script:not([src]), style") if tag not in data_blocks)
