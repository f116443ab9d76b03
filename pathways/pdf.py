"""A role's pathway as a PDF to print or share offline, made by WeasyPrint from a print template.

The PDF is kept in the default cache (shared by every app server) under the site-wide content version
(core/pagecache/versions.py) read before rendering, so it is rendered once per pathway, language and host until
some content changes; anonymous downloads are also answered by the page cache in front of the view.
"""

from pathlib import Path
from urllib.parse import quote, unquote

import segno
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from core.i18n import current_language
from core.models import HubSettings
from core.pagecache import keys, versions

PDF_STYLESHEET = "pathways/css/pdf.css"
CACHE_ALIAS = "default"
# Rendered PDFs are kept until the content version changes; this only bounds an entry nobody asks for again.
CACHE_TIMEOUT = 7 * 24 * 60 * 60
# The only files WeasyPrint may read while rendering: the system's fonts (declared in pdf.css).
FONT_DIRECTORIES = (Path("/usr/share/fonts"),)


def _qr_svg(url, label):
    """The QR code of ``url`` as inline SVG (no file to fetch), its title ``label``."""
    code = segno.make(url, error="m")
    return code.svg_inline(scale=3, border=2, title=label)


def _fonts_only_fetcher():
    """WeasyPrint's fetcher, limited to the system's font files: the template links to guides, and nothing a
    curator writes may make the server read another address or file. Built on first use: WeasyPrint (and Pango
    behind it) is imported only when a PDF is made, so the site starts without them."""
    from weasyprint import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("file://"):
                path = Path(unquote(url.removeprefix("file://"))).resolve()
                if any(path.is_relative_to(directory) for directory in FONT_DIRECTORIES):
                    return super().fetch(path.as_uri(), headers)
            raise ValueError(f"The pathway PDF reads no file or address other than fonts: {url}")

    return FontsOnly(allowed_protocols=("file",))


def render(context, qr_label):
    """The PDF's bytes for a pathway's ``context`` (the offline file's: role, steps with absolute addresses,
    ``page_url``), with the licence and attribution of the site settings, the date and a QR code."""
    from weasyprint import HTML

    with open(finders.find(PDF_STYLESHEET), encoding="utf-8") as stylesheet:
        styles = stylesheet.read()
    settings = HubSettings.current()
    lang = current_language()
    context = {
        **context,
        # Our own stylesheet file and segno's SVG: nothing in them comes from a reader.
        "styles": mark_safe(styles),  # noqa: S308
        "qr_code": mark_safe(_qr_svg(context["page_url"], qr_label)),  # noqa: S308
        "made_on": timezone.localdate(),
        "hub_settings": settings,
        "attribution": settings.attribution_in(lang),
        # The language the attribution is written in: English when curators gave none in the reader's.
        "attribution_lang": lang if getattr(settings, f"attribution_{lang}", None) else "en",
    }
    html = render_to_string("pathways/role_pdf.html", context)
    return HTML(string=html, base_url=context["page_url"], url_fetcher=_fonts_only_fetcher()).write_pdf()


def disposition(name, slug, lang):
    """An attachment named after the role in the reader's language (RFC 6266 ``filename*``), with a plain ASCII
    name for clients that read only ``filename``."""
    readable = f"{name} ({lang}).pdf".replace("/", "-")
    return f"attachment; filename=\"pathway-{slug}-{lang}.pdf\"; filename*=UTF-8''{quote(readable)}"


def cached(request, build):
    """What ``build()`` returns for ``request``'s address (the role's name and the PDF's bytes): from the default
    cache when the content has not changed since it was made, else built and stored under the version read
    before it ran (a change made meanwhile leaves it under a dead version)."""
    cache = caches[CACHE_ALIAS]
    version = versions.current()
    key = None
    if version is not None:
        key = "pdf:" + version + ":" + keys.cache_key(request.scheme, request.get_host(), request.path, "")
        made = cache.get(key)
        if made is not None:
            return made
    made = build()
    if key is not None:
        cache.set(key, made, CACHE_TIMEOUT)
    return made
