"""The counts of readers' "Request this in my language" (issue #12): one per page and language, nothing about who
asked. The endpoint that counts is ``hub/translation_requests.py``; the status line shows the count.
"""

from .models import TranslationRequest

# The longest path kept (the model's column).
MAX_PATH = 255


def page_key(path, lang):
    """The page's name in the counts: its path without the ``/<lang>`` prefix; None for a path that is not one
    of a page in ``lang`` (another prefix, a query, too long)."""
    prefix = f"/{lang}/"
    if not isinstance(path, str) or not path.startswith(prefix) or "?" in path or "#" in path:
        return None
    key = path[len(prefix) - 1 :]
    return key if len(key) <= MAX_PATH else None


def requests_for(path, lang):
    """How many readers asked for the page at ``path`` in ``lang`` (one query; 0 when none or not a page)."""
    key = page_key(path, lang)
    if key is None:
        return 0
    row = TranslationRequest.objects.filter(path=key, language=lang).values_list("count", flat=True).first()
    return row or 0
