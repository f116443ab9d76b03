"""Full-text search on SQLite (FTS5, through Wagtail's database backend).

The backend joins the full-text table to the index entries in one query, and SQLite then runs the match once per
index entry of the model (the join starts from the content-type index); kept apart, each runs once. Ranking uses
FTS5's own ``bm25()`` (lower is better), in SQL of ours rather than the backend's private rank builder.
"""

from django.db.models import CharField, FloatField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from modelsearch.utils import get_descendants_content_types_pks

# modelsearch's SQLite modules look their models up when imported, which needs the app registry ready (and an
# SQLite database): they are imported inside the functions below, which run only on that backend.


def is_backend(backend):
    """True for Wagtail's database backend running on SQLite."""
    return type(backend).__module__.endswith(".sqlite.sqlite")


def fts_query(terms):
    """The FTS5 query text for ``terms``: each term an OR of quoted words and ``"…"*`` beginnings, all ANDed
    (words hold letters and digits only: nothing to escape)."""
    clauses = []
    for term in terms:
        options = [f'"{word}"' for word in sorted(term.exact)]
        options += [f'"{prefix}"*' for prefix in sorted(term.prefixes)]
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses)


def _matches(backend, terms, model):
    """(full-text matches of ``terms`` as SQLiteFTSIndexEntry rows, index entries of ``model``)."""
    from modelsearch.backends.database.sqlite.query import MatchExpression
    from modelsearch.backends.database.sqlite.sqlite import IndexEntry, SQLiteFTSIndexEntry

    match = MatchExpression(backend.query_compiler_class.FTS_TABLE_FIELDS, Value(fts_query(terms)))
    entries = IndexEntry.objects.filter(content_type_id__in=get_descendants_content_types_pks(model))
    return SQLiteFTSIndexEntry.objects.filter(match), entries


def matching_pks(backend, terms, model):
    """A subquery of the primary keys of ``model``'s objects matching ``terms`` (unordered)."""
    matches, entries = _matches(backend, terms, model)
    return entries.filter(id__in=matches.values("index_entry_id")).values("object_id")


def ranking(backend, terms, model, within=None):
    """Every index entry matching ``terms`` (any model), best first, as ``[(content type id, object id), ...]``;
    ``within``: only the entries of that queryset's objects."""
    from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry

    matches, _entries = _matches(backend, terms, model)
    if within is not None:
        # An uncorrelated IN: SQLite builds the set once and still runs the match once. The index keeps object
        # ids as text.
        kept = within.order_by().annotate(hub_object_id=Cast("pk", CharField())).values("hub_object_id")
        matches = matches.filter(
            index_entry__content_type_id__in=get_descendants_content_types_pks(model), index_entry__object_id__in=kept
        )
    score = RawSQL(f"bm25({SQLiteFTSIndexEntry._meta.db_table})", (), output_field=FloatField())  # noqa: S611
    return list(
        matches.annotate(score=score)
        .order_by("score", "-index_entry_id")
        .values_list("index_entry__content_type_id", "index_entry__object_id")
    )


def ranked_pks(backend, terms, queryset, shared_ranking=None):
    """The primary keys of ``queryset``'s objects matching ``terms``, best first, as a list: the match runs once
    and is ranked over its own rows, restricted to ``queryset`` in the same statement when it is filtered (or
    ``shared_ranking`` is used, then filtered to ``queryset`` in a second one). The
    backend's ordering is a correlated subquery that ranks every row again, and any filter joined to the
    full-text table makes SQLite run the match once per row (seconds past a few thousand resources)."""
    model = queryset.model
    content_types = set(get_descendants_content_types_pks(model))
    to_pk = model._meta.pk.to_python
    if shared_ranking is None and queryset.query.has_filters():
        # Ranked and restricted to ``queryset`` in one statement (a listing's filters: one query, not two).
        ranked = ranking(backend, terms, model, within=queryset)
        return [to_pk(object_id) for content_type, object_id in ranked if content_type in content_types]
    ranked = shared_ranking if shared_ranking is not None else ranking(backend, terms, model)
    pks = [to_pk(object_id) for content_type, object_id in ranked if content_type in content_types]
    if not pks or not queryset.query.has_filters():
        # Nothing of this model matched, or every object of it is wanted: no query to restrict the matches.
        return pks
    allowed = set(queryset.filter(pk__in=matching_pks(backend, terms, model)).values_list("pk", flat=True))
    return [pk for pk in pks if pk in allowed]
