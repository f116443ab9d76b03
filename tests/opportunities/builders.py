"""Builders of the opportunities tests: index pages and published opportunities and programmes."""

import datetime
import itertools

from opportunities.choices import EventFormat, OpportunityKind
from opportunities.models import MentorshipIndexPage, MentorshipPage, OpportunityIndexPage, OpportunityPage
from opportunities.setup import ensure_index

_numbers = itertools.count(1)


def opportunity_index():
    return ensure_index(OpportunityIndexPage)[0]


def mentorship_index():
    return ensure_index(MentorshipIndexPage)[0]


def opportunity_values(**overrides):
    """Valid field values of an online workshop on 1 March 2027, 16:00–17:30 in Madrid."""
    number = next(_numbers)
    values = {
        "title": f"Workshop {number}",
        "slug": f"workshop-{number}",
        "summary": f"A workshop number {number}.",
        "kind": OpportunityKind.WORKSHOP,
        "event_format": EventFormat.ONLINE,
        "start_date": datetime.date(2027, 3, 1),
        "start_time": datetime.time(16, 0),
        "end_date": datetime.date(2027, 3, 1),
        "end_time": datetime.time(17, 30),
        "time_zone": "Europe/Madrid",
        "online_url": "https://meet.example.org/workshop",
        "organiser_name": "Wikimedia Example",
        "organiser_url": "https://example.org/",
    }
    values.update(overrides)
    for name in ("title", "summary"):
        values.setdefault(f"{name}_en", values[name])
    return values


def publish(index, page, *, languages=(), levels=(), skills=(), roles=(), steps=()):
    """Add ``page`` under ``index``, link it, and publish it."""
    index.add_child(instance=page)
    for name, objects in (
        ("languages", languages),
        ("levels", levels),
        ("skills", skills),
        ("roles", roles),
        ("pathway_steps", steps),
    ):
        if objects:
            getattr(page, name).set(objects)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def opportunity(index=None, links=None, **overrides):
    """A published opportunity (see :func:`opportunity_values`)."""
    page = OpportunityPage(**opportunity_values(**overrides))
    page.clean()
    return publish(index or opportunity_index(), page, **(links or {}))


def programme(index=None, links=None, **overrides):
    """A published, always open mentorship programme."""
    number = next(_numbers)
    values = {
        "title": f"Programme {number}",
        "slug": f"programme-{number}",
        "summary": f"A programme number {number}.",
        "always_open": True,
        "join_url": "https://example.org/join",
        "organiser_name": "Wikimedia Example",
    }
    values.update(overrides)
    for name in ("title", "summary"):
        values.setdefault(f"{name}_en", values[name])
    page = MentorshipPage(**values)
    page.clean()
    links = dict(links or {})
    links.pop("steps", None)
    index = index or mentorship_index()
    index.add_child(instance=page)
    for name, objects in links.items():
        getattr(page, name).set(objects)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
