"""Every kind of translated content, listed once: what `manage.py translation_status` counts and what the PO
exchange (`export_po`, `import_po`, the admin download) offers to translators."""

from dataclasses import dataclass, field
from functools import cached_property

import yaml
from django.conf import settings

from core.i18n import default_language
from framework.models import Activity, Behavior, EngagementLevel, FrameworkInfo, Skill, Source
from hub.models import HomePage
from pathways.assessment_file import DATA_PATH as ASSESSMENT_FILE
from pathways.models import PathwayStep, Role
from resources.models import ResourceIndexPage, ResourcePage, ResourceTag


@dataclass
class ContentKind:
    """One kind of translated content: its label, how its objects are read (``read``, called once, on first use of
    ``objects``), and how the PO exchange names an object (``key``; None: not in the database, so not exchanged as
    PO). ``model`` is the model the objects are stored in (None: the self-assessment's file), which the translators'
    dashboard reads column by column instead (``hub/translation_dashboard.py``)."""

    label: str
    read: object
    key: object = None
    #: What the kind is, in a translator's words, for the PO comments.
    noun: str = ""
    extra: dict = field(default_factory=dict)
    model: object = None

    @cached_property
    def objects(self):
        """The objects of this kind, read in one query."""
        return list(self.read())


def _slug(obj):
    return obj.slug


def _key(obj):
    return obj.key


def _step_key(step):
    return f"{step.role.slug}/{step.key}"


def _assessment():
    return [MappingTexts(yaml.safe_load(ASSESSMENT_FILE.read_text(encoding="utf-8")))]


def _steps():
    return PathwayStep.objects.select_related("role").order_by("role__position", "role__slug", "sort_order", "key")


def content_types():
    """Every kind of translated content, each read in one query when its ``objects`` are first asked for (steps
    with their roles; the self-assessment from its data file)."""
    return [
        ContentKind("levels", EngagementLevel.objects.all, _slug, "engagement level", model=EngagementLevel),
        ContentKind("skills", Skill.objects.all, _slug, "skill", model=Skill),
        ContentKind("behaviors", Behavior.objects.all, _slug, "behavior", model=Behavior),
        ContentKind("activities", Activity.objects.all, _slug, "activity", model=Activity),
        ContentKind("sources", Source.objects.all, _key, "source cited by the framework", model=Source),
        ContentKind(
            "about (context)",
            lambda: [MappingTexts(info.data, owner=info) for info in FrameworkInfo.objects.all()],
            lambda texts: texts.owner.key,
            "section of the About page",
            model=FrameworkInfo,
        ),
        ContentKind("roles", Role.objects.all, _slug, "role", model=Role),
        ContentKind("pathway steps", _steps, _step_key, "step of a role's pathway", model=PathwayStep),
        # Read from its file: the self-assessment is not stored in the database, so it is translated in the file.
        ContentKind("self-assessment", _assessment),
        ContentKind("home page", HomePage.objects.all, _slug, "home page", model=HomePage),
        ContentKind(
            "resource index", ResourceIndexPage.objects.all, _slug, "resource listing page", model=ResourceIndexPage
        ),
        ContentKind(
            "resources", ResourcePage.objects.all, _slug, "resource (guide, course, toolkit…)", model=ResourcePage
        ),
        ContentKind(
            "tags", ResourceTag.objects.all, _slug, "tag on guides (a word or two, shown on chips)", model=ResourceTag
        ),
    ]


class MappingTexts:
    """The ``{en: …, es: …}`` mappings inside a context section, seen as translated fields (``text0_en``…);
    ``paths`` says where each one sits in the data (``text3`` → ``("items", 2, "name")``)."""

    def __init__(self, data, owner=None):
        self.owner = owner
        self.data = data
        self.translated_fields = []
        self.paths = {}
        self._values = {}
        self._collect(data, ())

    def _collect(self, node, path):
        if isinstance(node, dict):
            if isinstance(node.get(default_language()), str):
                name = f"text{len(self.translated_fields)}"
                self.translated_fields.append(name)
                self.paths[name] = path
                for code in settings.MODELTRANSLATION_LANGUAGES:
                    self._values[f"{name}_{code}"] = node.get(code) or ""
            for key, value in node.items():
                self._collect(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                self._collect(value, (*path, index))

    def mapping(self, name):
        """The ``{en: …, es: …}`` mapping that ``name`` stands for, inside ``data`` (to write a language into)."""
        node = self.data
        for step in self.paths[name]:
            node = node[step]
        return node

    def __getattr__(self, name):
        try:
            return self.__dict__["_values"][name]
        except KeyError:
            raise AttributeError(name) from None
