"""Full-text search on PostgreSQL (and any backend that ranks in the database): the backend's own query."""


def search(backend, terms, queryset, *, order_by_relevance=True):
    """The backend's search for every word of ``terms`` as a queryset."""
    return backend.search(terms, queryset, operator="and", order_by_relevance=order_by_relevance).get_queryset()


def matching_pks(backend, terms, model):
    """A subquery of the primary keys of ``model``'s objects matching ``terms`` (unordered)."""
    return search(backend, terms, model._default_manager.all(), order_by_relevance=False).order_by().values("pk")


def ranked_pks(backend, terms, queryset, shared_ranking=None):
    """The primary keys of ``queryset``'s objects matching ``terms``, best first: one lazy query, ranked in the
    database (``shared_ranking`` is unused here)."""
    model = queryset.model
    ranked = search(backend, terms, model._default_manager.all())
    return ranked.filter(pk__in=queryset.order_by().values("pk")).values_list("pk", flat=True)
