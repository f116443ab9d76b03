"""A moved page, or one whose slug changed, keeps its old addresses in every language. Wagtail creates the redirects
of such a page (and of its descendants) for the addresses of the active language only, so a Spanish, French or Arabic
reader who follows an old link, or a search engine, finds nothing: the same redirects are created here for the
other languages."""

from django.conf import settings
from django.utils import translation
from wagtail.signals import page_slug_changed, post_page_move


def redirect_every_language(sender, instance, url_path_before, url_path_after, **kwargs):
    """Wagtail's own receiver, once per other language (slugs are not translated: one ``url_path`` for all)."""
    from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_page_move

    active = translation.get_language()
    for code in settings.LANGUAGE_CODES:
        if code == active:
            continue
        with translation.override(code):
            autocreate_redirects_on_page_move(
                instance=instance, url_path_before=url_path_before, url_path_after=url_path_after
            )


def redirect_every_language_on_slug_change(sender, instance, instance_before, **kwargs):
    """Wagtail's receiver for a changed slug, once per other language."""
    from wagtail.contrib.redirects.signal_handlers import autocreate_redirects_on_slug_change

    active = translation.get_language()
    for code in settings.LANGUAGE_CODES:
        if code == active:
            continue
        with translation.override(code):
            autocreate_redirects_on_slug_change(instance_before=instance_before, instance=instance)


def connect():
    """Called from ``CoreConfig.ready`` when Wagtail's redirects app is installed."""
    post_page_move.connect(redirect_every_language, dispatch_uid="core.redirects.every_language")
    page_slug_changed.connect(redirect_every_language_on_slug_change, dispatch_uid="core.redirects.slug_every_language")
