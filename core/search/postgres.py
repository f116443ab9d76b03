"""Full-text search on PostgreSQL: a query of ours over Wagtail's index entries, built with Django's public
full-text API. Each term is an OR of its words (and ``:*`` beginnings), the terms are ANDed; the index and the
query go through the backend's one text-search configuration, which leaves the forms of
``core.search.text`` (already stemmed per language) matching each other."""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db.models import F
from django.db.models.expressions import CombinedExpression


def tsquery(terms):
    """The ``to_tsquery`` text for ``terms`` (words hold letters and digits only: nothing to escape)."""
    clauses = []
    for term in terms:
        options = [f"'{word}'" for word in sorted(term.exact)]
        options += [f"'{prefix}':*" for prefix in sorted(term.prefixes)]
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


def _ranked(backend, terms, model):
    """``model``'s objects matching ``terms`` with their rank (weights from the fields' boosts), best first."""
    query = SearchQuery(tsquery(terms), search_type="raw", config=backend.config)
    vector = CombinedExpression(
        F("index_entries__title"), "||", F("index_entries__body"), output_field=SearchVectorField()
    )
    return (
        model._default_manager.annotate(search_vector=vector, search_rank=SearchRank(vector, query))
        .filter(search_vector=query)
        .order_by("-search_rank", "-pk")
    )


def matching_pks(backend, terms, model):
    """A subquery of the primary keys of ``model``'s objects matching ``terms`` (unordered)."""
    return _ranked(backend, terms, model).order_by().values("pk")


def ranked_pks(backend, terms, queryset, shared_ranking=None):
    """The primary keys of ``queryset``'s objects matching ``terms``, best first: one lazy query, ranked in the
    database (``shared_ranking`` is unused here)."""
    ranked = _ranked(backend, terms, queryset.model)
    return ranked.filter(pk__in=queryset.order_by().values("pk")).values_list("pk", flat=True)
