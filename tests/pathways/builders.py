"""Shared builders of the pathways tests: the four levels, the shipped roles, pathways of any size."""

from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory, SourceFactory
from pathways.factories import PathwayStepFactory, RoleFactory
from resources.factories import ResourcePageFactory

LEVELS = [("fundamental", "Fundamental", "Fundamental"), ("emerging", "Emerging", "Emergente")]
LEVELS += [("expanding", "Expanding", "En expansión"), ("elevated", "Elevated", "Elevado")]


def make_levels():
    """The four engagement levels, in order, with English and Spanish names."""
    return [
        EngagementLevelFactory(slug=slug, order=number, name_en=en, name_es=es)
        for number, (slug, en, es) in enumerate(LEVELS, start=1)
    ]


def build_pathways(levels, roles, steps, with_resources=True):
    """``roles`` roles (spanning level 2 to 4 for the first one, then various spans), each with ``steps`` steps
    linked to a skill, a behavior, an activity, a guide on the Hub (when ``with_resources``) and a guide elsewhere."""
    skill = SkillFactory(slug="communication", name_en="Communication", name_es="Comunicación", levels=[levels[1]])
    behavior = BehaviorFactory(slug="patience", name_en="Patience", name_es="Paciencia", levels=[levels[1]])
    activity = ActivityFactory(slug="welcome", name_en="Welcome newcomers", name_es="Dar la bienvenida")
    guide = ResourcePageFactory(title="Mentoring guide", title_es="Guía de mentoría") if with_resources else None
    built = []
    for number in range(roles):
        entry, target = (1, 3) if number == 0 else (number % 4, min(3, number % 4 + number % 2))
        role = RoleFactory(
            slug="mentor" if number == 0 else f"role-{number}",
            name_en="Mentor" if number == 0 else f"Role {number}",
            name_es="Mentor/a" if number == 0 else f"Rol {number}",
            entry_level=levels[entry],
            target_level=levels[target],
            position=number,
        )
        role.sources.set([SourceFactory(key="mentors", title_en="Mentorship on Meta-Wiki")])
        for position in range(steps):
            PathwayStepFactory(
                role=role,
                title_en=f"Step {position + 1} of {role.slug}",
                title_es=f"Paso {position + 1} de {role.slug}",
                description_en="Do the thing.",
                description_es="Haz la cosa.",
                level=levels[entry + position % (target - entry + 1)],
                sort_order=position,
                skills=[skill],
                behaviors=[behavior],
                activities=[activity],
                resources=[guide] if guide else None,
                links_en=[("link", {"title": "WikiLearn course", "url": "https://learn.wiki/course/mentor"})],
            )
        built.append(role)
    return built


# The shipped roles with their entry and target levels (framework/data/framework.yaml).
ROLES = [
    ("content-editor", "Content editor", "fundamental", "emerging"),
    ("patroller-administrator", "Patroller / administrator", "emerging", "expanding"),
    ("mentor", "Mentor", "emerging", "elevated"),
    ("trainer", "Trainer", "emerging", "elevated"),
    ("event-organizer", "Event organizer", "emerging", "expanding"),
    ("partnerships-coordinator", "Partnerships coordinator", "expanding", "elevated"),
    ("technical-contributor", "Technical contributor", "emerging", "expanding"),
    ("affiliate-board-member", "Affiliate board member", "expanding", "elevated"),
    ("committee-member", "Committee member", "expanding", "elevated"),
]


def build_levels():
    """The four levels by slug (see :func:`make_levels`)."""
    return {level.slug: level for level in make_levels()}


def build_roles(only=None):
    """The shipped roles (or just the slugs in ``only``), with the four levels; returns the roles by slug."""
    levels = build_levels()
    return {
        slug: RoleFactory(
            slug=slug, name_en=name, name_es=f"{name} (es)", entry_level=levels[entry], target_level=levels[target]
        )
        for slug, name, entry, target in ROLES
        if only is None or slug in only
    }
