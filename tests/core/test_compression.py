"""Compressed pages (issue #15 point 5: first visit under 100 KB): Brotli where the client accepts it, gzip
otherwise, identity for the rest, each with its own strong ETag and its own 304; the page cache stores the
compressed bodies, so a hit compresses nothing (core/pagecache/encoding.py)."""

import gzip
from unittest import mock

import brotli
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.pagecache import encoding
from tests.resources.listing_data import listing_resources  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

LISTING = "/en/resources/"
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda body: body}


def get(url, accept=None, **headers):
    """A fresh visitor's GET (no cookie), sending ``accept`` as Accept-Encoding."""
    if accept is not None:
        headers["accept-encoding"] = accept
    return Client().get(url, headers=headers)


@pytest.mark.usefixtures("listing_resources")
def test_each_encoding_gets_the_same_page_with_its_own_strong_etag():
    plain = get(LISTING)
    assert "Content-Encoding" not in plain
    bodies, etags = {}, {}
    for accept, expected in (("br, gzip", "br"), ("gzip, deflate", "gzip"), ("", None), ("br;q=0, gzip", "gzip")):
        for response in (get(LISTING, accept), get(LISTING, accept)):  # stored, then from the page cache
            assert response.get("Content-Encoding") == expected, accept
            assert response["Vary"] == "Accept-Encoding"
            assert int(response["Content-Length"]) == len(response.content)
            assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
            bodies[expected] = DECODE[expected](response.content)
            etags.setdefault(expected, set()).add(response["ETag"])
    assert bodies["br"] == bodies["gzip"] == bodies[None] == plain.content
    assert b"Alpha guide" in bodies["br"]
    assert all(len(tags) == 1 for tags in etags.values())
    assert len({tag for tags in etags.values() for tag in tags}) == 3
    assert etags["br"] == {plain["ETag"][:-1] + '-br"'}
    # Brotli beats gzip, and both shrink the page several times.
    sizes = {name: len(get(LISTING, name or "").content) for name in ("br", "gzip", None)}
    assert sizes["br"] < sizes["gzip"] < sizes[None] / 4


@pytest.mark.usefixtures("listing_resources")
def test_a_conditional_request_gets_304_per_encoding():
    br, gz = get(LISTING, "br"), get(LISTING, "gzip")
    assert get(LISTING, "br", if_none_match=br["ETag"]).status_code == 304
    assert get(LISTING, "gzip", if_none_match=gz["ETag"]).status_code == 304
    # A copy in one encoding does not validate another: the client gets the bytes it can read.
    other = get(LISTING, "gzip", if_none_match=br["ETag"])
    assert (other.status_code, other["Content-Encoding"]) == (200, "gzip")
    assert gzip.decompress(other.content).startswith(b"<!DOCTYPE html>")


@pytest.mark.usefixtures("listing_resources")
def test_a_hit_sends_the_stored_compressed_body_without_a_query_or_compressing():
    first = get(LISTING, "br")
    assert first["X-Page-Cache"] == "miss"
    with (
        mock.patch.object(encoding.brotli, "compress", side_effect=AssertionError("compressed again")),
        mock.patch.object(encoding.gzip, "compress", side_effect=AssertionError("compressed again")),
        CaptureQueriesContext(connection) as queries,
    ):
        for accept in ("br", "gzip", ""):
            response = get(LISTING, accept)
            assert response["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert get(LISTING, "br").content == first.content


@pytest.mark.usefixtures("listing_resources")
def test_a_page_sent_once_is_compressed_at_the_fastest_levels_and_a_stored_one_at_the_stored_levels(settings):
    # A stored page is compressed once for all its visitors; a page the cache does not store (here the cache is
    # off, as on a deployment without it) is compressed on every request, so it must cost little.
    first = get(LISTING)
    plain = first.content
    stored = {"br": get(LISTING, "br"), "gzip": get(LISTING, "gzip")}
    assert [first["X-Page-Cache"], *(response["X-Page-Cache"] for response in stored.values())] == [
        "miss",
        "hit",
        "hit",
    ]
    settings.PAGE_CACHE_ENABLED = False
    once = {"br": get(LISTING, "br"), "gzip": get(LISTING, "gzip")}
    assert {response["X-Page-Cache"] for response in once.values()} == {"pass"}
    for name, response in once.items():
        assert response["Content-Encoding"] == name
        assert DECODE[name](response.content) == DECODE[name](stored[name].content) == plain
    assert once["br"].content == brotli.compress(plain, mode=brotli.MODE_TEXT, quality=encoding.QUICK_BROTLI_QUALITY)
    assert stored["br"].content == brotli.compress(plain, mode=brotli.MODE_TEXT, quality=encoding.BROTLI_QUALITY)
    assert once["gzip"].content == gzip.compress(plain, compresslevel=encoding.QUICK_GZIP_LEVEL, mtime=0)
    assert stored["gzip"].content == gzip.compress(plain, compresslevel=encoding.GZIP_LEVEL, mtime=0)
    # Quicker, and still several times smaller than the page.
    assert len(stored["br"].content) < len(once["br"].content) < len(plain) / 4


def test_small_bodies_and_streams_are_left_alone(rf):
    from django.http import HttpResponse, StreamingHttpResponse

    request = rf.get("/", headers={"accept-encoding": "br, gzip"})
    small = encoding.compress_response(request, HttpResponse("<p>short</p>"))
    assert "Content-Encoding" not in small and "Vary" not in small
    stream = encoding.compress_response(request, StreamingHttpResponse(iter([b"x" * 5000])))
    assert "Content-Encoding" not in stream
    encoded = HttpResponse(gzip.compress(b"x" * 5000), headers={"Content-Encoding": "gzip"})
    assert encoding.compress_response(request, encoded).content == encoded.content
    image = encoding.compress_response(request, HttpResponse(b"x" * 5000, content_type="image/png"))
    assert "Content-Encoding" not in image


def test_a_page_with_a_nonce_is_compressed_after_its_own_nonce_is_in(db):
    # The pathway's offline file holds the request's nonce (an inline stylesheet): compressed per response.
    import re

    from bs4 import BeautifulSoup

    from pathways.factories import RoleFactory

    RoleFactory(slug="mentor")
    url = "/en/pathways/mentor/offline/"
    nonces = []
    for expected in ("miss", "hit"):
        response = get(url, "br")
        assert (response["X-Page-Cache"], response["Content-Encoding"]) == (expected, "br")
        page = BeautifulSoup(brotli.decompress(response.content), "html.parser")
        in_policy = re.search(r"'nonce-([\w+/=-]+)'", response["Content-Security-Policy"]).group(1)
        assert page.find("style")["nonce"] == in_policy
        nonces.append(in_policy)
    assert nonces[0] != nonces[1]


@pytest.mark.usefixtures("listing_resources")
def test_a_first_visit_of_the_home_page_and_the_listing_transfers_under_100_kb(home_page):
    # The pages as the page cache sends them to a browser that accepts Brotli; each stylesheet and script they
    # load, once, as production sends it: WhiteNoise serves the .br that collectstatic writes beside each file
    # (core/storage.py), here made the same way (Brotli's best quality, as WhiteNoise compresses).
    from urllib.parse import urlsplit

    from bs4 import BeautifulSoup
    from django.conf import settings
    from django.contrib.staticfiles import finders

    total, assets = 0, set()
    for url in ("/en/", LISTING):
        response = get(url, "br")
        assert response.status_code == 200
        total += len(response.content)
        page = BeautifulSoup(brotli.decompress(response.content), "html.parser")
        assets |= {link["href"] for link in page.select('link[rel~="stylesheet"][href]')}
        assets |= {script["src"] for script in page.select("script[src]")}
    assert assets, "the pages load no stylesheet or script?"
    for asset in sorted(assets):
        path = urlsplit(asset).path
        assert path.startswith(settings.STATIC_URL), asset
        found = finders.find(path[len(settings.STATIC_URL) :])
        with open(found, "rb") as file:
            total += len(brotli.compress(file.read(), quality=11))
    assert total < 100 * 1024, total
