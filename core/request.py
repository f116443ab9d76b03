"""Reading what a request asks for, in one place: page numbers and other whole numbers from the query string.

Python's ``str.isdigit()`` and ``int()`` accept far more than a reader types in an address bar (``"²"`` is a digit
to one and not to the other; ``"٣"`` and ``"①"`` are numbers to ``int()`` or ``isdigit()``), and a number with
twenty digits overflows a database's integer. Every parameter that must be a whole number goes through
:func:`whole_number`: ASCII digits only, bounded, and None for anything else, so that a view can say what it
ignored instead of failing.
"""

# A page past this is not a page any listing of the Hub has; the bound keeps every offset within a 64-bit integer.
MAX_PAGE = 1_000_000
# More digits than any bound here needs: longer text is refused before it is converted.
_MAX_DIGITS = 12


def whole_number(raw, *, minimum=0, maximum=None):
    """``raw`` (text from a query string) as an int when it is ASCII digits only and at least ``minimum``;
    a number above ``maximum`` becomes ``maximum``. None when ``raw`` is no such number."""
    if not isinstance(raw, str):
        return None
    raw = raw.strip()
    if not raw or not raw.isascii() or not raw.isdigit():
        return None
    if len(raw) > _MAX_DIGITS:
        return maximum
    number = int(raw)
    if number < minimum:
        return None
    if maximum is not None and number > maximum:
        return maximum
    return number


def page_number(raw):
    """A page number from 1 (at most :data:`MAX_PAGE`), or None when ``raw`` is not one."""
    return whole_number(raw, minimum=1, maximum=MAX_PAGE)
