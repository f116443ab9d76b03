"""``{% memo %}``: a fragment of a page rendered once per process, content version and language (core/memo.py).

    {% load memo_tags %}
    {% memo "framework:matrix-grid" %}…{% endmemo %}
    {% memo "resources:cards" page_number query_string %}…{% endmemo %}

For the parts of a page that depend on the content alone, rendered for many visitors when the page cache did not
serve the page (docs/performance.md, "Rendering without the page cache"). The name and the values after it make
the key, with the active language and the content version: everything the fragment shows beyond the content
(a filter, a page number, the request's path) must be among those values. A fragment must not set template
variables that the rest of the page reads (on a memoised rendering nothing inside it runs).

A fragment holds no longer than any ``fresh_until`` moment said while it rendered, or before it by the page's
context (an opportunity that ends, a registration that closes).

What must never be shared is guarded, not trusted: a fragment whose rendering read the CSRF token, the CSP nonce
or the signed-in user is returned to that request and not kept, and requests that carry a session cookie
(editors) or show a preview neither read nor fill the memo (``core.memo.is_shared``), so nothing that differs
per visitor can reach another one.
"""

from django import template
from django.utils.functional import empty
from django.utils.safestring import mark_safe

from core.memo import is_shared, memoised
from core.pagecache import fresh_until
from core.pagecache.freshness import _until


def declared_freshness():
    """The earliest moment the rendering of this request has said its page holds until, so far (or None)."""
    return _until.get()


register = template.Library()


class _PerRequest:
    """Watches one rendering of a fragment for reads of what belongs to the request alone."""

    def __init__(self, request):
        self.request = request
        self.touched = False

    def render(self, nodelist, context):
        request = self.request
        token_asked = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        # django-csp makes the nonce when it is first read; a nonce made before is looked for in the text.
        nonce_before = getattr(request, "_csp_nonce", None)
        user = getattr(request, "user", None)
        user_unread = getattr(user, "_wrapped", None) is empty
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        try:
            html = nodelist.render(context)
        finally:
            token_read = bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))
            request.META["CSRF_COOKIE_NEEDS_UPDATE"] = token_asked or token_read
        nonce = getattr(request, "_csp_nonce", None)
        nonce_read = isinstance(nonce, str) and (not isinstance(nonce_before, str) or nonce in html)
        user_read = user_unread and getattr(user, "_wrapped", None) is not empty
        self.touched = token_read or nonce_read or user_read
        return mark_safe(html)  # noqa: S308 (the output of the fragment's own nodes, escaped by them)

    def keep(self, _html):
        return not self.touched


class MemoNode(template.Node):
    """The fragment between ``{% memo %}`` and ``{% endmemo %}``."""

    def __init__(self, name, keys, nodelist):
        self.name, self.keys, self.nodelist = name, keys, nodelist

    def render(self, context):
        request = context.get("request")
        if request is None or not is_shared(request):
            return self.nodelist.render(context)
        # The template being rendered is part of the key: a page's template may fill the fragment's blocks.
        template_name = getattr(getattr(context.template, "origin", None), "name", None)
        key = (template_name, *(value.resolve(context) for value in self.keys))
        watch = _PerRequest(request)
        # The fragment shows values the page's context computed before it: it holds no longer than they said.
        declared = declared_freshness()

        def compute():
            fresh_until(declared)
            return watch.render(self.nodelist, context)

        return memoised(f"fragment:{self.name.resolve(context)}", key, compute, keep=watch.keep)


@register.tag
def memo(parser, token):
    """``{% memo "name" value… %}…{% endmemo %}``: the fragment, kept per process under the content version, the
    language, the name and the values."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% memo %} needs a name.")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(parser.compile_filter(bits[1]), [parser.compile_filter(bit) for bit in bits[2:]], nodelist)
