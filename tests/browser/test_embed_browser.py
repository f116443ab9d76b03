"""Embeds in a real browser, framed by a page from another origin: the card renders inside the frame, an
ordinary Hub page is refused, embed-host.js fits the iframe to the card, and the card is accessible."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.browser

ROLE = "content-editor"  # a role of the shipped framework file


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the host page without logging every request to the test output."""

    def log_message(self, format, *args):
        pass


@pytest.fixture
def other_origin(tmp_path):
    """A second web server on another port of 127.0.0.1: a different origin from the live server's
    ``localhost``, as a blog or a wiki framing the Hub would be. Yields a function that publishes a page."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def publish(name, html):
        (tmp_path / name).write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}/{name}"

    yield publish
    server.shutdown()
    server.server_close()


def host_page(hub, with_script):
    script = f'<script src="{hub}/static/hub/js/embed-host.js" defer></script>' if with_script else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A blog post</title>{script}</head>
<body><h1>A blog post about mentoring</h1>
<iframe id="card" name="card" src="{hub}/es/embed/role/{ROLE}/" width="500" height="400"
        title="A pathway" data-hub-embed></iframe>
<iframe id="full" name="full" src="{hub}/es/framework/" width="500" height="400" title="The framework"></iframe>
</body></html>"""


def test_another_site_can_frame_an_embed_but_not_an_ordinary_page(live_framework, other_origin, page):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(other_origin("host.html", host_page(live_framework.url, with_script=False)))

    card = page.frame_locator("#card")
    assert card.locator("h1").inner_text() == "Editor o editora de contenido"
    assert card.locator("html").get_attribute("lang") == "es"
    assert card.locator("ol li").count() > 0

    # Chromium refuses the framework page (frame-ancestors 'self', X-Frame-Options SAMEORIGIN): no Hub content.
    page.wait_for_timeout(500)
    full = page.frame(name="full")
    assert not full.url.startswith(live_framework.url)
    assert "Movement Learning Hub" not in full.evaluate("document.documentElement.innerText")
    assert any("frame-ancestors" in text or "X-Frame-Options" in text for text in messages), messages


def test_embed_host_script_fits_the_iframe_to_the_card(live_framework, other_origin, page):
    page.goto(other_origin("host.html", host_page(live_framework.url, with_script=True)))
    page.wait_for_function("document.getElementById('card').getAttribute('height') !== '400'")
    card_height = page.frame(name="card").evaluate(
        "Math.ceil(document.querySelector('[data-hub-embed-card]').getBoundingClientRect().height)"
    )
    frame_height = page.evaluate("document.getElementById('card').clientHeight")
    assert abs(frame_height - card_height) <= 1
    # Fitted, the card needs no scrolling inside its frame.
    assert page.frame(name="card").evaluate(
        "document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1"
    )


def test_embed_host_script_ignores_messages_from_other_origins(live_framework, other_origin, page):
    page.goto(other_origin("host.html", host_page(live_framework.url, with_script=True)))
    page.wait_for_function("document.getElementById('card').getAttribute('height') !== '400'")
    fitted = page.evaluate("document.getElementById('card').getAttribute('height')")
    # The host page itself (another origin than the Hub's) pretends to be the card.
    page.evaluate("window.postMessage({type: 'hub-embed-resize', height: 50}, '*')")
    page.wait_for_timeout(200)
    assert page.evaluate("document.getElementById('card').getAttribute('height')") == fitted


@pytest.mark.parametrize("lang", ["es", "ar"])
def test_embed_card_opened_directly_is_accessible(live_framework, page, axe, console_errors, lang):
    page.on("response", lambda response: console_errors.append(response.url) if response.status >= 400 else None)
    page.goto(f"{live_framework.url}/{lang}/embed/role/{ROLE}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    axe(page)
    page.goto(f"{live_framework.url}/{lang}/embed/skill/wiki-editing-basics/")
    axe(page)
    page.goto(f"{live_framework.url}/{lang}/embed/level/fundamental/")
    axe(page)
    assert console_errors == []
