"""Page panels (core/panels.py): a higher app adds a block to a lower floor's page through a named slot, and no
template of a lower floor loads a tag library of a higher one (the layers of pyproject.toml, for templates)."""

import re
import shutil
import tomllib
from pathlib import Path

import pytest
from django.template import engines
from django.template.loader import render_to_string

from core.panels import panels, register_panel, unregister_panel

ROOT = Path(__file__).resolve().parents[2]
LAYERS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"][0][
    "layers"
]
# Bottom floor first: an app's floor is its index.
FLOORS = {app: floor for floor, app in enumerate(reversed(LAYERS))}
CHECKED = ("framework", "resources", "pathways")
LOAD = re.compile(r"{%\s*load\s+(.*?)\s*%}")


def library_apps():
    """``{library name: the app of ours that defines it}`` for every tag library of the template engine."""
    libraries = engines["django"].engine.libraries
    return {name: path.split(".")[0] for name, path in libraries.items() if path.split(".")[0] in FLOORS}


def loaded_libraries(text):
    """The library names a template's ``{% load %}`` tags name (``{% load a b %}``, ``{% load x from lib %}``)."""
    for arguments in LOAD.findall(text):
        words = arguments.split()
        yield from [words[-1]] if "from" in words else words


def upward_loads(templates):
    """``(template, library, app)`` for each library a template of ``templates/<app>/`` loads from a higher floor
    (or that no app defines: it cannot be placed on a floor)."""
    apps = library_apps()
    known = set(engines["django"].engine.libraries)
    found = []
    for app in CHECKED:
        for path in sorted((templates / app).rglob("*.html")):
            for library in loaded_libraries(path.read_text(encoding="utf-8")):
                owner = apps.get(library)
                if library not in known or (owner is not None and FLOORS[owner] > FLOORS[app]):
                    found.append((str(path.relative_to(templates)), library, owner))
    return found


def test_no_template_of_a_lower_floor_loads_a_higher_apps_library():
    assert upward_loads(ROOT / "templates") == []


@pytest.mark.parametrize(
    ("template", "planted", "owner"),
    [
        ("framework/level.html", "{% load opportunity_tags %}", None),
        ("framework/item.html", "{% load i18n embed_tags %}", "embeds"),
        ("resources/resource_page.html", "{% load feedback_tags %}", "pathways"),
        ("pathways/role.html", "{% load embed_share from embed_tags %}", "embeds"),
    ],
)
def test_a_planted_upward_load_is_found(tmp_path, template, planted, owner):
    for app in CHECKED:
        shutil.copytree(ROOT / "templates" / app, tmp_path / app)
    path = tmp_path / template
    path.write_text(path.read_text(encoding="utf-8") + planted + "\n", encoding="utf-8")
    library = planted.split()[-2]
    assert upward_loads(tmp_path) == [(template, library, owner)]


def test_a_templates_own_and_lower_libraries_are_allowed(tmp_path):
    (tmp_path / "pathways").mkdir()
    (tmp_path / "pathways" / "x.html").write_text("{% load i18n hub_tags feedback_tags wagtailcore_tags %}")
    for app in ("framework", "resources"):
        (tmp_path / app).mkdir()
    assert upward_loads(tmp_path) == []


# --- The registry ----------------------------------------------------------------------------------------


@pytest.fixture
def panel_templates(tmp_path, settings):
    """Two panel templates in a template directory of their own (the engines reload with the setting)."""
    (tmp_path / "panels_test").mkdir()
    (tmp_path / "panels_test" / "first.html").write_text("<p>first {{ name }}{{ hidden }}</p>")
    (tmp_path / "panels_test" / "second.html").write_text("<p>second {{ name }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    (tmp_path / "page.html").write_text('{% load hub_tags %}[{% page_panels "test-slot" obj %}]')
    yield
    for name in ("first", "second", "nothing"):
        unregister_panel("test-slot", name)


def test_a_slot_renders_its_panels_in_order_for_the_object(panel_templates, rf):
    register_panel("test-slot", "second", "panels_test/second.html", lambda request, obj: {"name": obj}, order=20)
    register_panel("test-slot", "first", "panels_test/first.html", lambda request, obj: {"name": obj}, order=10)
    register_panel("test-slot", "nothing", "panels_test/second.html", lambda request, obj: None, order=5)
    html = render_to_string("page.html", {"obj": "<b>", "hidden": "page variable"}, request=rf.get("/"))
    # Escaped, without the page's own variables, and nothing for a panel whose function says there is nothing.
    assert html == "[<p>first &lt;b&gt;</p><p>second &lt;b&gt;</p>]"
    assert [panel.name for panel in panels("test-slot")] == ["nothing", "first", "second"]


def test_registering_a_panel_again_replaces_it_and_an_empty_slot_renders_nothing(panel_templates, rf):
    assert render_to_string("page.html", {"obj": "x"}, request=rf.get("/")) == "[]"
    register_panel("test-slot", "first", "panels_test/first.html", lambda request, obj: {"name": "old"})
    register_panel("test-slot", "first", "panels_test/first.html", lambda request, obj: {"name": "new"})
    assert render_to_string("page.html", {"obj": "x"}, request=rf.get("/")) == "[<p>first new</p>]"


def test_the_opportunities_and_pathways_panels_sit_on_the_lower_floors_slots():
    names = {slot: [panel.name for panel in panels(slot)] for slot in ("level", "skill", "role", "home", "resource")}
    assert names == {
        "level": ["coming_up", "mentorship"],
        "skill": ["coming_up"],
        "role": ["coming_up", "mentorship"],
        "home": ["this_month"],
        "resource": ["feedback"],
    }
