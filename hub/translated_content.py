"""Every kind of translated content, listed once: what `manage.py translation_status` counts and what the PO
exchange (`export_po`, `import_po`, the admin download) offers to translators."""

from dataclasses import dataclass, field

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
    """One kind of translated content: its label, its objects as read, and how the PO exchange names an object
    (``key``; None: not in the database, so not exchanged as PO)."""

    label: str
    objects: list
    key: object = None
    #: What the kind is, in a translator's words, for the PO comments.
    noun: str = ""
    extra: dict = field(default_factory=dict)


def _slug(obj):
    return obj.slug


def _key(obj):
    return obj.key


def _step_key(step):
    return f"{step.role.slug}/{step.key}"


def content_types():
    """Every kind of translated content, each read in one query (steps with their roles; the self-assessment
    from its data file)."""
    return [
        ContentKind("levels", list(EngagementLevel.objects.all()), _slug, "engagement level"),
        ContentKind("skills", list(Skill.objects.all()), _slug, "skill"),
        ContentKind("behaviors", list(Behavior.objects.all()), _slug, "behavior"),
        ContentKind("activities", list(Activity.objects.all()), _slug, "activity"),
        ContentKind("sources", list(Source.objects.all()), _key, "source cited by the framework"),
        ContentKind(
            "about (context)",
            [MappingTexts(info.data, owner=info) for info in FrameworkInfo.objects.all()],
            lambda texts: texts.owner.key,
            "section of the About page",
        ),
        ContentKind("roles", list(Role.objects.all()), _slug, "role"),
        ContentKind(
            "pathway steps",
            list(
                PathwayStep.objects.select_related("role").order_by("role__position", "role__slug", "sort_order", "key")
            ),
            _step_key,
            "step of a role's pathway",
        ),
        # Read from its file: the self-assessment is not stored in the database, so it is translated in the file.
        ContentKind("self-assessment", [MappingTexts(yaml.safe_load(ASSESSMENT_FILE.read_text(encoding="utf-8")))]),
        ContentKind("home page", list(HomePage.objects.all()), _slug, "home page"),
        ContentKind("resource index", list(ResourceIndexPage.objects.all()), _slug, "resource listing page"),
        ContentKind("resources", list(ResourcePage.objects.all()), _slug, "resource (guide, course, toolkit…)"),
        ContentKind("tags", list(ResourceTag.objects.all()), _slug, "tag on guides (a word or two, shown on chips)"),
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
