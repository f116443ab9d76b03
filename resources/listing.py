"""The resource listing: facets, sorting and pagination from GET parameters (being built)."""


def listing_context(request, index_page):
    """Template context for the listing page."""
    return {}
