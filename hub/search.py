"""Search helpers shared by the apps: per-language index fields and the cleaning of what readers type."""

import re

from django.conf import settings
from wagtail.search import index
from wagtail.search.backends import get_search_backend

# What a reader may type is cut to this many characters before it reaches the search backend.
MAX_QUERY_LENGTH = 100

# Anything that is neither a letter, a digit nor a space: FTS5 and tsquery give some of these
# characters a meaning ("…", *, -, NEAR), and a stray quote is a syntax error in FTS5.
_NOT_WORD = re.compile(r"[^\w\s]+|_")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _NonEmptyValue:
    """Index nothing for an empty translation column instead of the word "None"."""

    def get_value(self, obj):
        """The column's value, or an empty string when the translation is missing."""
        value = super().get_value(obj)
        return "" if value is None else value

    def __eq__(self, other):
        """Equal to the plain field it stands for: Wagtail's check that a page model keeps
        ``Page.search_fields`` (wagtailsearch.W001) looks for those very fields in the list."""
        if isinstance(other, _NonEmptyValue) or not isinstance(self, type(other)):
            return self is other
        return (self.field_name, getattr(self, "boost", None), self.kwargs) == (
            other.field_name,
            getattr(other, "boost", None),
            other.kwargs,
        )

    __hash__ = object.__hash__


class TranslatedSearchField(_NonEmptyValue, index.SearchField):
    """A search field for one language column of a translated field."""


class TranslatedAutocompleteField(_NonEmptyValue, index.AutocompleteField):
    """An autocomplete field for one language column of a translated field."""


def translated_search_fields(field, **kwargs):
    """Search fields for every language column of a translated field (``description_en``…)."""
    return [TranslatedSearchField(f"{field}_{code}", **kwargs) for code in settings.MODELTRANSLATION_LANGUAGES]


def autocomplete_fields(field):
    """Autocomplete and search fields for every language column of a translated field:
    wagtail-modeltranslation does not clone these for snippets (STACK-NOTES), so a Spanish
    title would otherwise not be found in the admin."""
    fields = []
    for code in settings.MODELTRANSLATION_LANGUAGES:
        fields.append(TranslatedAutocompleteField(f"{field}_{code}"))
        fields.append(TranslatedSearchField(f"{field}_{code}"))
    return fields


def clean_text(value, max_length=MAX_QUERY_LENGTH):
    """``value`` without control characters (NUL included, which PostgreSQL refuses), spaces
    collapsed, cut to ``max_length`` characters."""
    return " ".join(_CONTROL.sub(" ", value or "").split())[:max_length]


def search_terms(query):
    """The words of a reader's query as the backend should see them: letters and digits only,
    so that no character is taken for search syntax. Empty when nothing searchable is left."""
    return " ".join(_NOT_WORD.sub(" ", clean_text(query)).split())


def search(query, queryset_or_model, *, order_by_relevance=True):
    """Wagtail search for every word of ``query`` (the backend's own ordering), without recording the
    query: Wagtail's query log writes to the database on every search."""
    return get_search_backend().search(
        search_terms(query), queryset_or_model, operator="and", order_by_relevance=order_by_relevance
    )


def _is_sqlite(backend):
    return type(backend).__module__.endswith(".sqlite.sqlite")


def _sqlite_matches(query, model):
    """(full-text matches of ``query`` as SQLiteFTSIndexEntry rows, index entries of ``model``, compiler).

    The backend joins the two in one query, and SQLite then runs the full-text match once per index
    entry of the model (the join starts from the content-type index); kept apart, each runs once."""
    from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry
    from modelsearch.utils import get_descendants_content_types_pks

    backend = get_search_backend()
    compiler = backend.query_compiler_class(model._default_manager.all(), search_terms(query), operator="and")
    match = MatchExpression(compiler.FTS_TABLE_FIELDS, compiler.build_search_query(normalize(compiler.query)))
    entries = IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(model))
    return SQLiteFTSIndexEntry.objects.filter(match), entries, compiler


def matching_pks(query, model):
    """A subquery of the primary keys of ``model``'s objects matching ``query`` (unordered), to filter on."""
    if _is_sqlite(get_search_backend()):
        matches, entries, _compiler = _sqlite_matches(query, model)
        return entries.filter(id__in=matches.values("index_entry_id")).values("object_id")
    return search(query, model._default_manager.all(), order_by_relevance=False).get_queryset().order_by().values("pk")


def ranking(query, model):
    """On SQLite, every index entry matching ``query`` (any model), best first, as a list of
    ``(content type id, object id)``: one query, which a page searching several models can share
    (pass it to :func:`ranked_pks`). None on other backends, which rank per model in the database."""
    if not _is_sqlite(get_search_backend()):
        return None
    matches, _entries, compiler = _sqlite_matches(query, model)
    return list(
        matches.annotate(score=compiler._build_rank_expression(compiler.get_search_vectors(), None))
        .order_by("score", "-index_entry_id")
        .values_list("index_entry__content_type_id", "index_entry__object_id")
    )


def ranked_pks(query, queryset, shared_ranking=None):
    """The primary keys of ``queryset``'s objects matching ``query``, best first.

    On SQLite, a list: the full-text match runs once and is ranked over its own rows (or ``shared_ranking``,
    from :func:`ranking`, is used), then filtered to ``queryset`` in Python. The backend's ordering is a
    correlated subquery that ranks every row again, and any filter joined to the full-text table makes
    SQLite run the match once per row (seconds past a few thousand resources). Other backends rank in one
    join: a lazy query in their own order."""
    model = queryset.model
    if not _is_sqlite(get_search_backend()):
        ranked = search(query, model._default_manager.all()).get_queryset()
        return ranked.filter(pk__in=queryset.order_by().values("pk")).values_list("pk", flat=True)

    from modelsearch.utils import get_descendants_content_types_pks

    ranked = shared_ranking if shared_ranking is not None else ranking(query, model)
    content_types = set(get_descendants_content_types_pks(model))
    allowed = set(queryset.filter(pk__in=matching_pks(query, model)).values_list("pk", flat=True))
    to_pk = model._meta.pk.to_python
    pks = (to_pk(object_id) for content_type, object_id in ranked if content_type in content_types)
    return [pk for pk in pks if pk in allowed]


class RankedResults:
    """``queryset``'s objects matching ``query``, best first, as a sequence Django's Paginator can slice
    and count; a slice of objects costs one query (plus the queryset's prefetches)."""

    def __init__(self, query, queryset, shared_ranking=None):
        self.queryset = queryset
        self.pks = ranked_pks(query, queryset, shared_ranking)

    def count(self):
        """How many objects match."""
        return len(self.pks) if isinstance(self.pks, list) else self.pks.order_by().count()

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        pks = list(self.pks[key])
        found = self.queryset.in_bulk(pks)
        return [found[pk] for pk in pks if pk in found]


def none_safe(fields):
    """Make the plain search and autocomplete fields of ``fields`` (e.g. ``Page.search_fields``) None-safe,
    in place, and return the list. In place, because Wagtail's check W001 looks for Page's own field objects
    in a page type's ``search_fields``; it also covers every page type at once. wagtail-modeltranslation
    clones a page's fields per language keeping their class, so the language columns are None-safe too."""
    for field in fields:
        if type(field) is index.SearchField:
            field.__class__ = TranslatedSearchField
        elif type(field) is index.AutocompleteField:
            field.__class__ = TranslatedAutocompleteField
    return fields
