"""Writing one language's ZIM file with libzim: each page rendered by the Hub's own views (an anonymous request
through the real URL conf and middleware), rewritten (``html``), and handed to the creator at once, so the
build holds one page at a time (and the paths of all, a few dozen bytes each, to tell which links stay inside the
archive); then the stylesheets, icons and images the pages named.

The file is written under a temporary name in the output folder and renamed over the previous pack only once it
is complete: a failure (a page that does not render, a missing file) stops the build with a message naming
what failed, and the last good pack stays where it was.
"""

import glob
import io
import itertools
import mimetypes
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from libzim.writer import Creator, Hint, Item, StringProvider
from wagtail.models import Site

from core import pagecache
from core.models import HubSettings

from . import packs
from .html import HOME_ENTRY, MEDIA_DIR, Links, entry_path, rewrite_css, rewrite_page
from .pages import listing_urls, page_urls

# ISO 639-3, as Kiwix's catalogue expects the Language metadata.
ISO_639_3 = {"en": "eng", "es": "spa", "fr": "fra", "ar": "ara"}


class ZimBuildError(Exception):
    """The build stopped; the message says which page or path, and the previous pack is untouched."""


@dataclass
class Built:
    """A finished pack: where it is, its size in bytes, how many pages it holds and how long it took."""

    path: Path
    size: int
    pages: int
    seconds: float


class Entry(Item):
    """One entry of the archive, its content already in memory (a page or a file, never more than one)."""

    def __init__(self, path, title, mimetype, content, front=False):
        super().__init__()
        self.path, self.title, self.mimetype, self.content, self.front = path, title, mimetype, content, front

    def get_path(self):
        return self.path

    def get_title(self):
        return self.title

    def get_mimetype(self):
        return self.mimetype

    def get_contentprovider(self):
        return StringProvider(self.content)

    def get_hints(self):
        return {
            Hint.FRONT_ARTICLE: self.front,
            Hint.COMPRESS: self.mimetype.startswith("text/") or "svg" in self.mimetype,
        }


def illustration():
    """The 48×48 PNG Kiwix shows for the pack: the Hub's mark (a Wikimedia-blue tile with three rising steps)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (48, 48), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, 47, 47), radius=9, fill=(51, 102, 204, 255))
    for step in range(3):
        left = 9 + step * 10
        draw.rectangle((left, 34 - step * 9, left + 8, 38), fill=(255, 255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def metadata(language):
    """The metadata Kiwix requires and shows, in ``language`` (active when this is called)."""
    hub = HubSettings.current()
    return {
        "Name": f"movement-learning-hub_{language}_all",
        "Title": _("Movement Learning Hub"),
        "Description": _("Learning pathways, skills and guides for Wikimedia volunteers"),
        "LongDescription": _(
            "The Movement Learning Hub for reading offline: the engagement levels, skills, behaviors and activities "
            "of the Learning and Leadership Development Framework, the roles and their pathways, the community "
            "guides, and the learning opportunities and mentorship programmes, as they were when this pack was "
            "built. Links to guides on other sites need a connection."
        ),
        "Language": ISO_639_3[language],
        "Creator": hub.source_project or settings.WAGTAIL_SITE_NAME,
        "Publisher": settings.WAGTAIL_SITE_NAME,
        "Date": timezone.now().date().isoformat(),
        "Flavour": "all",
        "Tags": "_category:other;wikimedia;learning;_ftindex:yes;_pictures:yes;_videos:no;_details:yes",
        "License": f"{hub.licence_name} {hub.licence_url}".strip(),
    }


def _origin():
    """The live site's origin (scheme, host and port): pages are rendered as if requested there, and links that
    leave the archive point there."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise ZimBuildError("The site is not set up (no default Site): run `make setup` first.")
    return site.root_url


def _writable(folder):
    """The output folder, created if needed; a ZimBuildError when nothing can be written there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise ZimBuildError(f"Cannot write to the output folder {folder}: {error.strerror or error}.") from error
    return folder


def _render(client, url, host, secure):
    """The HTML of the page at ``url``, as an anonymous visitor gets it; a ZimBuildError naming the page when it
    fails or answers anything but a page."""
    try:
        response = client.get(url, HTTP_HOST=host, secure=secure)
    except Exception as error:
        raise ZimBuildError(f"The page {url} failed to render: {type(error).__name__}: {error}") from error
    if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
        raise ZimBuildError(
            f"The page {url} answered {response.status_code} {response.get('Content-Type')}, not a page."
        )
    return response.content.decode(response.charset or "utf-8")


def _read_file(folder, name):
    """The bytes of a static or media file the pages name: collectstatic's output (hashed names) or the finders
    for static files, the media storage for uploads."""
    storage = default_storage if folder == MEDIA_DIR else staticfiles_storage
    try:
        if storage.exists(name):
            with storage.open(name) as handle:
                return handle.read()
    except (OSError, ValueError, NotImplementedError):
        pass
    found = finders.find(name) if folder != MEDIA_DIR else None
    if found:
        return Path(found).read_bytes()
    raise ZimBuildError(f"The file {folder}/{name} that the pages name was not found (run `make assets`).")


def _drain(pending):
    while pending:
        yield pending.pop(0)


def _add_pages(creator, language, links, origin):
    """Render, rewrite and add every page; returns how many."""
    parts = urlsplit(origin)
    client = Client(raise_request_exception=True)
    count = 0
    for url in itertools.chain(page_urls(language), _drain(links.pending)):
        path, _, query = url.partition("?")
        source = entry_path(path, sorted(parse_qsl(query)), language)
        html = _render(client, url, parts.netloc, parts.scheme == "https")
        content, title = rewrite_page(html, url, source, links)
        creator.add_item(Entry(source, title, "text/html", content.encode(), front=True))
        count += 1
    return count


def _add_files(creator, links):
    """Add each file the pages and stylesheets name, once."""
    done = set()
    while links.files - done:
        folder, name = sorted(links.files - done)[0]
        done.add((folder, name))
        content = _read_file(folder, name)
        mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        if mimetype == "text/css":
            content = rewrite_css(content.decode(), name, links).encode()
        creator.add_item(Entry(f"{folder}/{name}", "", mimetype, content))


def build(language, output_dir):
    """Write ``output_dir``/movement-learning-hub_<language>.zim; a ZimBuildError says why it could not."""
    if language not in ISO_639_3:
        raise ZimBuildError(f"Unknown language '{language}': choose one of {', '.join(ISO_639_3)}.")
    started = time.monotonic()
    folder = _writable(Path(output_dir))
    final = folder / packs.file_name(language)
    partial = folder / f".{final.name}.partial"
    # Read before rendering: a change made during the build marks the new pack out of date.
    version = packs.content_version()
    origin = _origin()
    try:
        with translation.override(language), override_settings(ALLOWED_HOSTS=[urlsplit(origin).hostname]):
            links = Links(language, origin, set(page_urls(language)), listing_urls(language), _("(needs a connection)"))
            creator = Creator(str(partial)).config_verbose(False).config_indexing(True, ISO_639_3[language])
            with creator:
                creator.set_mainpath(HOME_ENTRY)
                for key, value in metadata(language).items():
                    creator.add_metadata(key, value)
                creator.add_illustration(48, illustration())
                count = _add_pages(creator, language, links, origin)
                _add_files(creator, links)
        os.replace(partial, final)
    finally:
        # libzim's own working files (``….tmp``, ``…_fulltext.idx.tmp/``) go too when a build stops half-way.
        for leftover in folder.glob(f"{glob.escape(partial.name)}*"):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
    packs.record(final, language, version)
    # The downloads page lists the packs: its cached copies must go (a file changed, not a row).
    pagecache.bump()
    return Built(final, final.stat().st_size, count, time.monotonic() - started)
