"""The content the embed tests share: one object of each embeddable kind, at a chosen size."""

from framework.factories import ActivityFactory, BehaviorFactory, EngagementLevelFactory, SkillFactory
from framework.models import Activity, Behavior, EngagementLevel, Skill
from opportunities.models import MentorshipPage, OpportunityPage
from pathways.factories import PathwayStepFactory, RoleFactory
from pathways.models import Role
from resources.factories import ResourcePageFactory
from resources.models import ResourcePage
from tests.opportunities.builders import opportunity, programme


def build_world(size=2):
    """Two levels, ``size`` skills and activities at the first, an activity building ``size`` skills, a behavior at
    ``size + 1`` levels, a role with ``size`` steps and a guide: one object of each embeddable kind (by kind)."""
    emerging = EngagementLevelFactory(
        slug="emerging",
        order=2,
        name_en="Emerging",
        name_es="Emergente",
        short_description_en="Taking first steps.",
        short_description_es="Dando los primeros pasos.",
    )
    expanding = EngagementLevelFactory(slug="expanding", order=3, name_en="Expanding", name_es="En expansión")
    communication = SkillFactory(
        slug="communication",
        name_en="Communication",
        name_es="Comunicación",
        description_en="Talking with people.",
        description_es="Hablar con la gente.",
        levels=[emerging, expanding],
        position=0,
    )
    welcome = ActivityFactory(
        slug="welcome",
        name_en="Welcome newcomers",
        name_es="Dar la bienvenida",
        description_en="Greet the people who just arrived.",
        description_es="Saludar a quienes acaban de llegar.",
        levels=[emerging],
        skills=[communication],
        position=0,
    )
    listens = BehaviorFactory(
        slug="listens-first",
        name_en="Listens first",
        name_es="Escucha primero",
        description_en="Hears people out before answering.",
        description_es="Escucha a las personas antes de responder.",
        levels=[emerging, expanding],
        position=0,
    )
    for number in range(1, size):
        skill = SkillFactory(slug=f"skill-{number}", levels=[emerging], position=number)
        ActivityFactory(slug=f"activity-{number}", levels=[emerging], skills=[skill], position=number)
        # The activity's and the behavior's cards list more as the world grows, like the other kinds' cards.
        welcome.skills.add(skill)
        listens.levels.add(EngagementLevelFactory(slug=f"stage-{number}"))
    mentor = RoleFactory(
        slug="mentor",
        name_en="Mentor",
        name_es="Mentor/a",
        summary_en="Helps newcomers.",
        summary_es="Ayuda a quienes llegan.",
        entry_level=emerging,
        target_level=expanding,
    )
    for number in range(size):
        PathwayStepFactory(
            role=mentor,
            title_en=f"Step {number + 1}",
            title_es=f"Paso {number + 1}",
            level=emerging,
            sort_order=number,
        )
    guide = ResourcePageFactory(
        slug="mentoring-guide",
        title="Mentoring guide",
        title_es="Guía de mentoría",
        summary="How to mentor.",
        summary_es="Cómo acompañar.",
        external_url_en="https://meta.wikimedia.org/wiki/Mentoring",
        levels=[emerging],
    )
    return {
        "level": emerging,
        "skill": communication,
        "behavior": listens,
        "activity": welcome,
        "role": mentor,
        "resource": guide,
        "opportunity": opportunity(slug="mentoring-clinic", title="Mentoring clinic", links={"levels": [emerging]}),
        "mentorship": programme(slug="newcomer-mentors", title="Newcomer mentors", links={"levels": [emerging]}),
    }


def clear_world():
    """Delete what :func:`build_world` made, so that it can build again at another size."""
    Role.objects.all().delete()
    Activity.objects.all().delete()
    Behavior.objects.all().delete()
    Skill.objects.all().delete()
    for page in ResourcePage.objects.all():
        page.delete()
    for model in (OpportunityPage, MentorshipPage):
        for page in model.objects.all():
            page.delete()
    EngagementLevel.objects.all().delete()
