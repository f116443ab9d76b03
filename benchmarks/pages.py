"""The page types the benchmarks measure, one address each (``None``: the first demo guide, found after the
build): `load.py` under load, `render_times.py` one rendering at a time."""

PAGES = [
    ("home", "/en/"),
    ("framework matrix", "/es/framework/"),
    ("level", "/ar/framework/emerging/"),
    ("skill", "/en/framework/skills/event-organizing/"),
    ("resources listing", "/en/resources/"),
    ("listing, 2 filters", "/es/resources/?type=guide&level=emerging"),
    ("resource page", None),  # the first demo guide, found after the build
    ("roles", "/fr/pathways/"),
    ("pathway", "/en/pathways/mentor/"),
    ("search", "/en/search/?q=wiki"),
    ("opportunities", "/en/opportunities/"),
    ("API levels", "/api/v1/levels/"),
]
