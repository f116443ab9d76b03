"""factory_boy factories for the resources app (tests and benchmarks)."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from core.pages import site_root

from .choices import ResourceType
from .models import ResourceIndexPage, ResourceLanguage, ResourcePage

ImageFactory = wagtail_factories.ImageFactory


class ResourceLanguageFactory(factory.django.DjangoModelFactory):
    """A language a guide is available in (``code="es"``)."""

    code = factory.Sequence(lambda n: f"x{n}")
    name = factory.LazyAttribute(lambda obj: obj.code)

    class Meta:
        model = ResourceLanguage
        django_get_or_create = ("code",)


def _home_page():
    return site_root()


class ResourceIndexPageFactory(wagtail_factories.PageFactory):
    """The resource index under the home page; the existing one when there is one (``max_count = 1``)."""

    title = "Resources"
    title_en = "Resources"
    title_es = "Recursos"
    slug = "resources"
    intro_en = "<p>Guides written by volunteers across the movement.</p>"
    intro_es = "<p>Guías escritas por personas voluntarias de todo el movimiento.</p>"
    parent = factory.LazyFunction(_home_page)

    class Meta:
        model = ResourceIndexPage

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        existing = ResourceIndexPage.objects.first()
        if existing is not None:
            return existing
        return super()._create(model_class, *args, **kwargs)


class ResourcePageFactory(wagtail_factories.PageFactory):
    """A published resource page with English and Spanish text; pass ``levels``, ``skills``, ``languages``
    (objects) and ``tags`` (names) to link them."""

    title = factory.Sequence(lambda n: f"Guide {n}")
    title_en = factory.SelfAttribute("title")
    title_es = factory.Sequence(lambda n: f"Guía {n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "A short guide in our own words."
    summary_en = factory.SelfAttribute("summary")
    summary_es = "Una guía breve, en nuestras palabras."
    resource_type = ResourceType.GUIDE
    external_url_en = factory.Sequence(lambda n: f"https://meta.wikimedia.org/wiki/Guide_{n}")
    estimated_time_en = "30 min"
    audience_en = "New editors"
    maintainer = "Wikimedia volunteers"
    last_reviewed = factory.LazyFunction(timezone.localdate)
    parent = factory.LazyFunction(lambda: ResourceIndexPageFactory())

    class Meta:
        model = ResourcePage
        skip_postgeneration_save = True

    class Params:
        # Reviewed long ago: past its review-by date.
        stale = factory.Trait(
            last_reviewed=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=800))
        )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Create the page, then save the links given as ``levels``, ``skills``, ``languages`` and ``tags``."""
        links = {key: kwargs.pop(key) for key in ("levels", "skills", "languages", "tags") if key in kwargs}
        page = super()._create(model_class, *args, **kwargs)
        if links:
            for key, values in links.items():
                if key == "tags":
                    page.tags.set(values)
                else:
                    getattr(page, key).set(values)
            # Parental relations are held in memory until the page is saved.
            page.save()
        return page
