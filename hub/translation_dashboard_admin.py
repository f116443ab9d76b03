"""The translators' dashboard in the Wagtail admin (issue #12, point 2): Reports → Translations (the table of
languages and content types), its drill-down lists, their CSV exports, and the admin home's panel of the user's
languages. What is counted and how is in ``hub/translation_dashboard.py``.

The admin's own URL wrapper lets in whoever may use the admin (``wagtailadmin.access_admin``), which a member of
the Translators group has; nothing here writes."""

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.users.models import UserProfile

from core.request import clean_text, page_number
from hub import translation_dashboard as data

ITEMS_PER_PAGE = 100


def user_languages(user):
    """The languages a user translates into: their admin language when it is one of them, else all."""
    # Read, never created: a GET of the admin home writes nothing (UserProfile.get_for_user would create one).
    try:
        preferred = (user.wagtail_userprofile.preferred_language or "").split("-")[0]
    except UserProfile.DoesNotExist:
        preferred = ""
    return [preferred] if preferred in data.languages() else data.languages()


class _DashboardView(WagtailAdminTemplateMixin, TemplateView):
    """What the table and the drill-down share: the ``lang`` and ``kind`` filters, read and checked."""

    header_icon = "doc-full"

    def read_filters(self, request):
        """``(languages, kinds, problems)`` from the query string; a value that names nothing is reported in
        ``problems`` and ignored."""
        problems = []
        lang = clean_text(request.GET.get("lang", ""), 16)
        kind_slug = clean_text(request.GET.get("kind", ""), 64)
        self.lang = self.kind = None
        if lang:
            if lang in data.languages():
                self.lang = lang
            else:
                problems.append(
                    gettext("There is no language “%(value)s” to translate into: showing every language.")
                    % {"value": lang}
                )
        if kind_slug:
            self.kind = data.kind_for(kind_slug)
            if self.kind is None:
                problems.append(
                    gettext("There is no content type “%(value)s”: showing every content type.") % {"value": kind_slug}
                )
        return problems

    def filter_context(self):
        return {
            "languages": [(code, data.language_name(code)) for code in data.languages()],
            "kinds": data.kinds(),
            "selected_lang": self.lang or "",
            "selected_kind": self.kind.slug if self.kind else "",
            "table_url": reverse("hub_translation_dashboard"),
            "items_url": reverse("hub_translation_items"),
            "po_url": reverse("hub_po_export"),
        }

    def answer(self, request, context, problems):
        status = 400 if problems else 200
        return self.render_to_response({**self.get_context_data(), **context, "problems": problems}, status=status)


class DashboardView(_DashboardView):
    """The table: each language and content type, with its complete, outdated, missing and unreviewed fields."""

    template_name = "hub/admin/translation_dashboard.html"
    page_title = _("Translations")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        problems = self.read_filters(request)
        selected_languages = [self.lang] if self.lang else data.languages()
        selected_kinds = [self.kind] if self.kind else data.kinds()
        rows = data.table(selected_kinds, selected_languages)
        if request.GET.get("format") == "csv":
            return data.table_csv(rows, selected_languages)
        items_url = reverse("hub_translation_items")
        tables = [
            {
                "code": code,
                "name": data.language_name(code),
                "rows": [(kind, cells[code], f"{items_url}?lang={code}&kind={kind.slug}") for kind, cells in rows[:-1]],
                "total": rows[-1][1][code],
                "url": f"{items_url}?lang={code}",
            }
            for code in selected_languages
        ]
        csv_query = request.GET.copy()
        csv_query["format"] = "csv"
        return self.answer(
            request,
            {**self.filter_context(), "tables": tables, "csv_url": "?" + csv_query.urlencode()},
            problems,
        )


class ItemsView(_DashboardView):
    """A drill-down: the objects of one content type (or all) in one language, untranslated and most-requested
    first, each linking to its edit form opened on that language."""

    template_name = "hub/admin/translation_items.html"
    page_title = _("Translations to do")

    def get_breadcrumbs_items(self):
        dashboard = {"url": reverse("hub_translation_dashboard"), "label": DashboardView.page_title}
        return [*self.breadcrumbs_items, dashboard, {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        problems = self.read_filters(request)
        lang = self.lang or user_languages(request.user)[0]
        self.lang = lang
        selected_kinds = [self.kind] if self.kind else data.kinds()
        items = data.drill_down(selected_kinds, lang)
        if request.GET.get("format") == "csv":
            return data.drill_down_csv(items, lang, self.kind.slug if self.kind else "")
        page = Paginator(items, ITEMS_PER_PAGE).get_page(page_number(request.GET.get("p", "")) or 1)
        base_query = request.GET.copy()
        base_query["lang"] = lang
        base_query.pop("p", None)
        csv_query = base_query.copy()
        csv_query["format"] = "csv"
        rows = [(item, self._fields(item)) for item in page.object_list]
        context = {
            **self.filter_context(),
            "page_obj": page,
            "rows": rows,
            "language_name": data.language_name(lang),
            "kind_title": self.kind.title if self.kind else "",
            "page_query": base_query.urlencode(),
            "csv_url": "?" + csv_query.urlencode(),
        }
        return self.answer(request, context, problems)

    @staticmethod
    def _fields(item):
        """The names of its missing, outdated and unreviewed fields, as the edit form labels them."""
        model = item.kind.source.model
        return {
            name: [data.field_label(model, field) for field in getattr(item.state, name)]
            for name in ("missing", "outdated", "unreviewed")
        }


class TranslationsPanel(Component):
    """The admin home's panel: for each of the user's languages, how complete the content is, and how many fields
    are outdated or missing, with links to the drill-downs."""

    name = "translations"
    order = 110
    template_name = "hub/admin/translation_panel.html"

    def __init__(self, codes):
        self.codes = codes

    def get_context_data(self, parent_context):
        totals = data.language_totals(self.codes)
        items_url = reverse("hub_translation_items")
        return {
            "languages": [
                {
                    "code": code,
                    "name": data.language_name(code),
                    "cell": totals[code],
                    "url": f"{items_url}?lang={code}",
                }
                for code in self.codes
            ],
            "dashboard_url": reverse("hub_translation_dashboard"),
        }
