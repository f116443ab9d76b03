"""A rendered page made into an archive entry.

- Links to pages in the archive become relative paths between entries (``../skills/x``), so that the archive
  works wherever a reader mounts it (kiwix-serve's ``/content/<book>/…``, Kiwix desktop, Internet-in-a-Box).
- Links that leave the archive (guides on other sites, and the Hub's pages that need the server: search, forms,
  filtered listings, the other languages) stay absolute and are marked: a class, and words for screen readers
  ("needs a connection") in the page's language.
- Stylesheets, icons and images the page names are collected, to be added once each as entries of their own.
- Scripts, forms, frames and whatever is hidden until a script reveals it are removed: nothing needs
  JavaScript, and the pathway checklist is left as the plain ordered list of steps it is without its script.
"""

import posixpath
import re
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings

from .pages import LISTING_PARAMETERS

STATIC_DIR = "static"
MEDIA_DIR = "media"
HOME_ENTRY = "index"
# Marks a link that needs a connection (hub.css shows it; the hidden words say it).
EXTERNAL_CLASS = "hub-needs-connection"
# Schemes a reader opens without a connection to the Hub.
KEPT_SCHEMES = {"mailto", "tel", "data"}
# <link> relations kept: the rest (canonical, alternates, oEmbed discovery) describe the live site.
KEPT_LINK_RELS = {"stylesheet", "icon"}
CSS_URL = re.compile(r"""url\(\s*(?:(['"])(?P<quoted>.*?)\1|(?P<bare>[^'")\s]+))\s*\)""")


def entry_path(path, query, language):
    """The archive entry of the page at ``path`` (``/ar/framework/skills/x/``) with the listing parameters
    ``query`` (pairs): ``framework/skills/x``, ``resources/page.2``, ``index`` for the home page."""
    rest = path[len(f"/{language}/") :].strip("/") or HOME_ENTRY
    for key, value in query:
        rest += f"/{key}.{value}"
    return rest


def relative(target, source):
    """The relative URL from the entry ``source`` to the entry ``target``. It always ends with the target's own
    name: a bare ``.`` or ``..`` (to a listing from one of its pages) would open the folder ``resources/``, not the
    entry ``resources``."""
    folder = posixpath.relpath(posixpath.dirname(target) or ".", posixpath.dirname(source) or ".")
    name = posixpath.basename(target)
    return name if folder == "." else f"{folder}/{name}"


def _static_name(url, prefix):
    """The file name after ``prefix`` (the static or media URL) in ``url``, or None."""
    if prefix and url.startswith(prefix):
        return unquote(url[len(prefix) :])
    return None


class Links:
    """What the pages of one archive link to: decides each link's target and collects the files they name."""

    def __init__(self, language, origin, page_urls, listings, marker):
        self.language = language
        self.origin = origin.rstrip("/")
        self.pages = page_urls
        self.listings = listings
        self.marker = marker
        # Listing pages found by following page numbers, still to render; and every file named so far.
        self.pending = []
        self.files = set()
        self.static_prefix = urljoin(self.origin + "/", settings.STATIC_URL)
        self.media_prefix = urljoin(self.origin + "/", settings.MEDIA_URL)

    def _listing_query(self, path, query):
        """The normalised listing parameters of a link to a listing's other page, or None when the link sets a
        parameter the archive cannot answer (a filter, a search)."""
        pairs = parse_qsl(query, keep_blank_values=True)
        if path not in self.listings or not pairs or any(key not in LISTING_PARAMETERS for key, _ in pairs):
            return None
        kept = sorted((key, value) for key, value in pairs if (key, value) != ("page", "1"))
        if any(not re.fullmatch(r"[\w-]+", value) for _, value in kept):
            return None
        return kept

    def page_entry(self, path, query):
        """The entry of an internal link to ``path?query``, or None when the archive does not hold it; a listing
        page not yet seen is queued for rendering."""
        if path not in self.pages:
            return None
        if not query:
            return entry_path(path, [], self.language)
        kept = self._listing_query(path, query)
        if kept is None:
            return None
        url = f"{path}?{urlencode(kept)}" if kept else path
        if kept and url not in self.pages:
            self.pages.add(url)
            self.pending.append(url)
        return entry_path(path, kept, self.language)

    def target(self, href, page_url, source):
        """(new href, leaves the archive) for ``href`` found on the page at ``page_url`` (entry ``source``)."""
        href = href.strip()
        if not href or href.startswith("#"):
            return href, False
        absolute = urljoin(self.origin + page_url, href)
        parts = urlsplit(absolute)
        if parts.scheme in KEPT_SCHEMES:
            return href, False
        if parts.scheme not in ("http", "https"):
            return href, True
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        bare = absolute.split("#", 1)[0].split("?", 1)[0]
        for prefix, folder in ((self.static_prefix, STATIC_DIR), (self.media_prefix, MEDIA_DIR)):
            name = _static_name(bare, prefix)
            if name:
                self.files.add((folder, name))
                return relative(f"{folder}/{name}", source), False
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            return href, True
        entry = self.page_entry(parts.path, parts.query)
        if entry is None:
            return absolute, True
        return relative(entry, source) + fragment, False


def _mark(soup, anchor, marker):
    anchor["class"] = [*anchor.get("class", []), EXTERNAL_CLASS]
    hint = soup.new_tag("span", attrs={"class": "hub-visually-hidden"})
    hint.string = f" {marker}"
    anchor.append(hint)


def _strip(soup):
    """Remove what needs a script or the server to work."""
    for tag in soup.find_all(["script", "form", "iframe", "template"]):
        tag.decompose()
    # Hidden until a script reveals it, or marked in the template as needing the server (feedback, sharing).
    for tag in soup.find_all(hidden=True) + soup.find_all(attrs={"data-online-only": True}):
        tag.decompose()
    for tag in soup.find_all("noscript"):
        tag.unwrap()
    for tag in soup.find_all("link"):
        if not KEPT_LINK_RELS & set(tag.get("rel", [])):
            tag.decompose()
    for tag in soup.find_all(download=True):
        del tag["download"]


def _srcset(value, rewrite):
    parts = []
    for candidate in value.split(","):
        url, _, size = candidate.strip().partition(" ")
        parts.append(" ".join(filter(None, [rewrite(url), size])))
    return ", ".join(parts)


def rewrite_page(html, page_url, source, links):
    """(HTML of the entry ``source`` made from the page rendered at ``page_url``, its title)."""
    soup = BeautifulSoup(html, "html.parser")
    _strip(soup)

    def file_or_page(url):
        return links.target(url, page_url, source)[0]

    for tag in soup.find_all(src=True):
        tag["src"] = file_or_page(tag["src"])
    for tag in soup.find_all(srcset=True):
        tag["srcset"] = _srcset(tag["srcset"], file_or_page)
    for tag in soup.find_all("link", href=True):
        tag["href"] = file_or_page(tag["href"])
    for anchor in soup.find_all("a", href=True):
        href, leaves = links.target(anchor["href"], page_url, source)
        anchor["href"] = href
        if leaves:
            _mark(soup, anchor, links.marker)
    heading = soup.find("h1")
    title = (heading or soup.title or soup).get_text(" ", strip=True)
    return str(soup), title or source


def rewrite_css(text, name, links):
    """The stylesheet ``static/name`` with the files it names collected and root-relative URLs made relative."""
    source = f"{STATIC_DIR}/{name}"

    def replace(match):
        url = match.group("quoted") if match.group("quoted") is not None else match.group("bare")
        if url.startswith(("data:", "#")) or urlsplit(url).scheme:
            return match.group(0)
        if url.startswith("/"):
            return f'url("{links.target(url, "/", source)[0]}")'
        # A relative URL already works between entries laid out like the static files; collect its file.
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(name), url.split("?")[0].split("#")[0]))
        links.files.add((STATIC_DIR, resolved))
        return match.group(0)

    return CSS_URL.sub(replace, text)
