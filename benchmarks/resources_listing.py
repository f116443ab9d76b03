"""Time the resource listing, a filtered listing, site search and a resource page on a throwaway database.

Run from the project root:

    .venv/bin/python benchmarks/resources_listing.py --count 5000

Builds a fresh SQLite database in a temporary directory (migrate, the site's pages, the shipped framework),
generates ``--count`` resources, then requests each kind of page ``--runs`` times with Django's test client
and prints the median and 95th-percentile time and the number of SQL queries: once for a repeated request,
once for the first request after the content changed (the listing caches its facet counts per content
version, see resources/signals.py, so this is the listing's uncached cost).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["guide", "toolkit", "course", "video", "template", "case-study", "report", "learning-pattern"]
WORDS = [
    "editing",
    "wikipedia",
    "community",
    "newcomers",
    "event",
    "outreach",
    "photo",
    "commons",
    "data",
    "wikidata",
    "campaign",
    "mentor",
    "translation",
    "policy",
    "governance",
    "grant",
    "partnership",
    "library",
    "museum",
    "education",
    "workshop",
    "training",
    "research",
]


def parse_args():
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="resources to generate (default 1000)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per kind of page (default 30)")
    parser.add_argument("--keep", action="store_true", help="keep the database and print its path")
    parser.add_argument("--database", type=Path, help="measure a database an earlier --keep run built (skips building)")
    return parser.parse_args()


def setup_django(database, build=True):
    """Point Django at a SQLite file (before settings load) and, when ``build``, migrate it and load the framework."""
    os.environ["SQLITE_PATH"] = str(database)
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    if not build:
        return
    call_command("setup_site", verbosity=0)
    call_command("import_framework", str(ROOT / "framework" / "data" / "framework.yaml"), verbosity=0)


def build_resources(count, index=None, prefix="resource"):
    """``count`` live resources under ``index`` (default: a new index page), linked to levels, skills, tags and
    languages, with slugs ``{prefix}-{n}``. Pages are added one by one (treebeard paths) with search indexing
    deferred, then links are bulk-inserted and the search index is rebuilt once."""
    from django.db import transaction
    from django.db.models.signals import post_save
    from django.utils import timezone
    from modelsearch.signal_handlers import post_save_signal_handler

    from framework.models import EngagementLevel, Skill
    from hub.models import HomePage
    from resources.models import ResourceIndexPage, ResourceLanguage, ResourcePage, ResourcePageTag, ResourceTag

    rng = random.Random(4)  # noqa: S311 (repeatable test data, not secrets)
    if index is None:
        index = ResourceIndexPage(title="Resources", title_en="Resources", title_es="Recursos", slug="resources")
        HomePage.objects.get().add_child(instance=index)
    post_save.disconnect(post_save_signal_handler, sender=ResourcePage)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            for n in range(count):
                words = rng.sample(WORDS, 4)
                title = f"{words[0].title()} {words[1]} guide {n}"
                index.add_child(
                    instance=ResourcePage(
                        title=title,
                        title_en=title,
                        title_es=f"Guía {words[0]} {n}" if n % 2 else "",
                        slug=f"{prefix}-{n}",
                        summary=f"How to {words[2]} with {words[3]}.",
                        summary_en=f"How to {words[2]} with {words[3]}.",
                        summary_es=f"Cómo {words[2]} con {words[3]}." if n % 3 else "",
                        resource_type=TYPES[n % len(TYPES)],
                        live=True,
                        first_published_at=timezone.now() - timezone.timedelta(hours=n),
                        last_reviewed=timezone.localdate() - timezone.timedelta(days=rng.randrange(900)),
                    )
                )
    finally:
        post_save.connect(post_save_signal_handler, sender=ResourcePage)
    print(f"  {count} pages in {time.perf_counter() - started:.1f} s")

    ids = list(ResourcePage.objects.filter(slug__startswith=f"{prefix}-").values_list("pk", flat=True))
    levels = list(EngagementLevel.objects.values_list("pk", flat=True))
    skills = list(Skill.objects.values_list("pk", flat=True))
    languages = [
        ResourceLanguage.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [("en", "English"), ("es", "Español"), ("fr", "Français")]
    ]
    tags = [ResourceTag.objects.get_or_create(slug=f"topic-{n}", defaults={"name": f"topic {n}"})[0] for n in range(30)]
    through = ResourcePage.levels.through
    through.objects.bulk_create(
        through(resourcepage_id=pk, engagementlevel_id=level)
        for pk in ids
        for level in rng.sample(levels, rng.randint(1, 2))
    )
    through = ResourcePage.skills.through
    through.objects.bulk_create(
        through(resourcepage_id=pk, skill_id=skill) for pk in ids for skill in rng.sample(skills, rng.randint(1, 3))
    )
    through = ResourcePage.languages.through
    through.objects.bulk_create(
        through(resourcepage_id=pk, resourcelanguage_id=language.pk)
        for pk in ids
        for language in rng.sample(languages, rng.randint(1, 2))
    )
    ResourcePageTag.objects.bulk_create(
        ResourcePageTag(content_object_id=pk, tag=tag) for pk in ids for tag in rng.sample(tags, rng.randint(0, 3))
    )
    started = time.perf_counter()
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    print(f"  search index rebuilt in {time.perf_counter() - started:.1f} s")
    return ResourcePage.objects.order_by("pk")[count // 2]


def content_changed():
    """What a curator's publish does to the listing's cache: a new content version (untimed)."""
    from core.models import ContentVersion
    from resources.signals import LISTING_CONTENT

    ContentVersion.bump(LISTING_CONTENT)


def measure(client, url, runs, after_change=False):
    """(median ms, p95 ms, queries, status) over ``runs`` requests after two warm-up requests; with
    ``after_change``, each request is the first one after the content changed (nothing cached for it)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(url)
    timings = []
    for _ in range(runs):
        if after_change:
            content_changed()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    if after_change:
        content_changed()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return statistics.median(timings), p95, len(queries), response.status_code


def main():
    """Build, measure, print the table."""
    args = parse_args()
    if args.database:
        workdir = None
        setup_django(args.database, build=False)
        from resources.models import ResourcePage

        count = ResourcePage.objects.count()
        sample = ResourcePage.objects.order_by("pk")[count // 2]
        print(f"Measuring {args.database} ({count} resources)\n")
    else:
        workdir = Path(tempfile.mkdtemp(prefix="hub-bench-"))
        database = workdir / "bench.sqlite3"
        started = time.perf_counter()
        print(f"Building a database with {args.count} resources in {workdir} …")
        setup_django(database)
        sample = build_resources(args.count)
        print(f"  ready in {time.perf_counter() - started:.1f} s\n")

    # The app as a server loads it: hub/wsgi.py also takes what is loaded out of full garbage collections.
    from django.test import Client

    import hub.wsgi  # noqa: F401

    client = Client()
    cases = [
        ("listing", "/en/resources/"),
        ("listing, page 10", "/en/resources/?page=10"),
        ("listing, two facets", "/en/resources/?type=guide&type=course&level=emerging"),
        ("listing, Spanish, 3 facets, newest", "/es/resources/?type=guide&level=emerging&tag=topic-3&sort=newest"),
        ("listing, search", "/en/resources/?q=community"),
        ("site search", "/en/search/?q=community+editing"),
        ("site search, Spanish", "/es/search/?q=c%C3%B3mo"),
        ("resource page", sample.url_path.replace("/home/", "/en/", 1)),
    ]
    print(f"{'':<38} {'repeated request':^26}   {'first after a change':^26}")
    header = f"{'median ms':>9} {'p95 ms':>7} {'queries':>8}"
    print(f"{'request':<38} {header}   {header} {'status':>7}")
    print("-" * 100)
    for label, url in cases:
        median, p95, queries, status = measure(client, url, args.runs)
        cold_median, cold_p95, cold_queries, cold_status = measure(client, url, args.runs, after_change=True)
        print(
            f"{label:<38} {median:>9.1f} {p95:>7.1f} {queries:>8}   {cold_median:>9.1f} {cold_p95:>7.1f}"
            f" {cold_queries:>8} {max(status, cold_status):>7}"
        )
    if workdir is None:
        return
    if args.keep:
        print(f"\nDatabase kept at {database}")
    else:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
