"""The two index pages, created once under the site's home page (published, Curators may edit below them)."""

from wagtail.models import Site

from core.datafile.problems import DataFileError, Problem
from resources.models import ResourceIndexPage

from .models import MentorshipIndexPage, OpportunityIndexPage

INDEXES = {
    OpportunityIndexPage: {
        "slug": "opportunities",
        "title": {
            "en": "Learning opportunities",
            "es": "Oportunidades de aprendizaje",
            "fr": "Occasions d’apprendre",
            "ar": "فرص التعلّم",
        },
        "intro": {
            "en": "<p>Workshops, courses, cohorts, webinars, edit-a-thons and office hours run across the movement, "
            "linked to the levels, skills and pathways they serve.</p>",
            "es": "<p>Talleres, cursos, cohortes, seminarios web, editatones y horas de consulta de todo el "
            "movimiento, enlazados con los niveles, las habilidades y los itinerarios a los que sirven.</p>",
            "fr": "<p>Ateliers, cours, cohortes, webinaires, éditathons et permanences organisés dans tout le "
            "mouvement, reliés aux niveaux, compétences et parcours qu’ils servent.</p>",
            "ar": "<p>ورش عمل ودورات ومجموعات تعلّم وندوات عبر الإنترنت وماراثونات تحرير وساعات استشارة تُنظَّم في "
            "أنحاء الحركة، مرتبطة بالمستويات والمهارات والمسارات التي تخدمها.</p>",
        },
    },
    MentorshipIndexPage: {
        "slug": "mentorship",
        "title": {"en": "Mentorship", "es": "Mentoría", "fr": "Mentorat", "ar": "الإرشاد"},
        "intro": {
            "en": "<p>Programmes where experienced volunteers guide newer ones: find a mentor, or become one.</p>",
            "es": "<p>Programas en los que personas voluntarias con experiencia acompañan a quienes empiezan: "
            "encuentra a alguien que te mentorice, o hazlo tú.</p>",
            "fr": "<p>Des programmes où des bénévoles expérimentés accompagnent les nouveaux : trouvez un mentor, "
            "ou devenez-en un.</p>",
            "ar": "<p>برامج يرافق فيها متطوعون ذوو خبرة المتطوعين الجدد: جد مرشدًا، أو كن مرشدًا.</p>",
        },
    },
}


def site_root():
    """The default site's home page; DataFileError when the site is not set up yet."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    root = site.root_page.specific if site is not None else None
    if root is None or root._meta.label_lower != "hub.homepage":
        raise DataFileError([Problem("", "there is no home page yet: run `manage.py setup_site` first")])
    return root


def ensure_index(model):
    """The index page of ``model``, created when missing; ``(page, created)``."""
    index = model.objects.first()
    if index is not None:
        return index, False
    content = INDEXES[model]
    values = {"slug": content["slug"], "title": content["title"]["en"], "intro": content["intro"]["en"]}
    for name in ("title", "intro"):
        values.update({f"{name}_{code}": text for code, text in content[name].items()})
    index = model(live=False, **values)
    site_root().add_child(instance=index)
    index.save_revision().publish()
    # The Curators' add, edit and publish permissions, granted as on the resource index (the method reads only
    # the page it is given).
    ResourceIndexPage.grant_curators(index)
    return index, True
