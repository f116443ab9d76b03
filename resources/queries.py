"""Read helpers for resource pages (being built)."""


def resource_page_context(request, page):
    """Template context for a resource page beyond its own fields."""
    return {}
