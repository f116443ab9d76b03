"""The offline packs (issue #17): `manage.py build_zim` writes a ZIM file per language that a reader built on
libzim opens on the Hub's home page, with every kind of page, its stylesheets, no broken internal link, the
metadata Kiwix needs, a full-text index, right-to-left Arabic, and nothing that needs a script or the server.
A build that fails says which page and leaves the previous pack in place.

The packs are built once for the module, in English and Arabic, from the shipped content (tests/conftest.py)."""

import hashlib
import io
import re
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from libzim.reader import Archive
from libzim.search import Query, Searcher
from PIL import Image

pytestmark = pytest.mark.usefixtures("shipped_site")

ZIM = "movement-learning-hub_{}.zim"


@pytest.fixture(scope="module")
def packs(shipped_site, django_db_blocker, tmp_path_factory):
    """The folder with the English and Arabic packs, built once for the module."""
    folder = tmp_path_factory.mktemp("zim")
    with django_db_blocker.unblock():
        for language in ("en", "ar"):
            call_command("build_zim", "--language", language, "--output", str(folder), stdout=io.StringIO())
    return folder


def archive(packs, language):
    return Archive(str(packs / ZIM.format(language)))


def html_of(zim, path):
    return bytes(zim.get_entry_by_path(path).get_item().content).decode()


def crawl(zim):
    """Follow every link from the main page: (the HTML entries reached, the links that resolve to no entry)."""
    start = zim.main_entry.get_item().path
    seen, queue, broken = {start}, [start], []
    while queue:
        path = queue.pop()
        soup = BeautifulSoup(html_of(zim, path), "html.parser")
        for tag in soup.find_all(["a", "link", "img"]):
            url = tag.get("href") or tag.get("src")
            if not url or url.startswith("#") or urlsplit(url).scheme:
                continue
            # Resolved as a browser resolves it against the entry's address (``.`` is the folder, not an entry).
            target = unquote(urlsplit(urljoin(f"http://zim/{path}", url)).path)[1:]
            if not zim.has_entry_by_path(target):
                broken.append(f"{path} → {url}")
            elif target not in seen and zim.get_entry_by_path(target).get_item().mimetype == "text/html":
                seen.add(target)
                queue.append(target)
    return seen, broken


@pytest.fixture
def samples(db):
    """One item of each kind of page, as ``(entry path, title in English)``."""
    from framework.models import Activity, Behavior, EngagementLevel, Skill
    from opportunities.models import MentorshipPage, OpportunityPage
    from pathways.models import Role
    from resources.models import ResourcePage

    level, skill = EngagementLevel.objects.first(), Skill.objects.first()
    behavior, activity = Behavior.objects.first(), Activity.objects.first()
    role = Role.objects.first()
    resource = ResourcePage.objects.live().first()
    opportunity = OpportunityPage.objects.live().first()
    programme = MentorshipPage.objects.live().first()
    return {
        "framework": None,
        "framework/about": None,
        f"framework/{level.slug}": level.name_en,
        f"framework/skills/{skill.slug}": skill.name_en,
        f"framework/behaviors/{behavior.slug}": behavior.name_en,
        f"framework/activities/{activity.slug}": activity.name_en,
        "pathways": None,
        f"pathways/{role.slug}": role.name_en,
        "resources": None,
        f"resources/{resource.slug}": resource.title_en,
        "opportunities": None,
        f"opportunities/{opportunity.slug}": opportunity.title_en,
        "mentorship": None,
        f"mentorship/{programme.slug}": programme.title_en,
    }


def test_the_pack_opens_on_the_home_page_with_every_kind_of_page_and_the_stylesheets(packs, samples, home_page):
    zim = archive(packs, "en")
    main = zim.main_entry.get_item()
    assert main.path == "index"
    assert home_page.title_en in BeautifulSoup(bytes(main.content).decode(), "html.parser").h1.get_text()
    for path, title in samples.items():
        assert zim.has_entry_by_path(path), path
        if title:
            assert title in BeautifulSoup(html_of(zim, path), "html.parser").h1.get_text(), path
    for stylesheet in ("static/hub/css/hub.css", "static/vendor/codex/codex.style.css"):
        assert zim.get_entry_by_path(stylesheet).get_item().mimetype == "text/css"
    assert '<link href="static/hub/css/hub.css" rel="stylesheet"/>' in html_of(zim, "index")


def test_every_page_of_the_resource_listing_is_in_the_pack(packs, db):
    from resources.listing import PER_PAGE
    from resources.models import ResourcePage

    zim = archive(packs, "en")
    last = -(-ResourcePage.objects.live().public().count() // PER_PAGE)
    assert last > 1
    assert f"Page {last} of {last}" in html_of(zim, f"resources/page.{last}")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_internal_link_is_broken_and_every_page_is_reached(packs, language):
    zim = archive(packs, language)
    reached, broken = crawl(zim)
    assert broken == []
    counts = dict(item.split("=") for item in zim.get_metadata("Counter").decode().split(";"))
    assert len(reached) == int(counts["text/html"]) > 100


@pytest.mark.parametrize(("language", "iso"), [("en", "eng"), ("ar", "ara")])
def test_the_metadata_kiwix_needs_is_there(packs, language, iso):
    zim = archive(packs, language)
    keys = ("Name", "Title", "Description", "Creator", "Publisher", "Date", "Flavour", "Tags", "LongDescription")
    for key in (*keys, "License"):
        assert zim.get_metadata(key).decode().strip(), key
    assert zim.get_metadata("Language").decode() == iso
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", zim.get_metadata("Date").decode())
    assert len(zim.get_metadata("Title").decode()) <= 30
    assert len(zim.get_metadata("Description").decode()) <= 80
    assert Image.open(io.BytesIO(zim.get_metadata("Illustration_48x48@1"))).size == (48, 48)
    assert zim.has_fulltext_index and zim.has_title_index


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_full_text_index_finds_a_guide_by_a_word_of_its_body(packs, language, db):
    from resources.models import ResourcePage

    resource = ResourcePage.objects.live().exclude(**{f"summary_{language}": ""}).order_by("pk").first()
    title = getattr(resource, f"title_{language}")
    word = max((w for w in re.findall(r"\w+", getattr(resource, f"summary_{language}")) if w not in title), key=len)
    search = Searcher(archive(packs, language)).search(Query().set_query(word))
    assert f"resources/{resource.slug}" in list(search.getResults(0, search.getEstimatedMatches()))


def test_arabic_pages_are_right_to_left_with_the_rtl_stylesheet(packs, samples):
    zim = archive(packs, "ar")
    for path in ("index", *samples):
        html = html_of(zim, path)
        assert '<html dir="rtl" lang="ar">' in html, path
        assert "codex.style-rtl.css" in html
    assert zim.has_entry_by_path("static/vendor/codex/codex.style-rtl.css")


def test_nothing_needs_javascript_and_the_checklist_is_a_plain_ordered_list(packs, samples):
    zim = archive(packs, "en")
    for path in ("index", *samples):
        html = html_of(zim, path)
        assert "<script" not in html and "<form" not in html and " hidden" not in html, path
    role = BeautifulSoup(html_of(zim, next(p for p in samples if p.startswith("pathways/"))), "html.parser")
    steps = role.select("ol.pathways-steps > li")
    assert steps and all(step.h3.get_text(strip=True) for step in steps)
    assert role.find("input") is None and role.find("button") is None


@pytest.mark.parametrize(("language", "words"), [("en", "(needs a connection)"), ("ar", "(يحتاج إلى اتصال)")])
def test_a_guide_elsewhere_keeps_its_address_and_says_it_needs_a_connection(packs, language, words, db):
    from resources.models import ResourcePage

    resource = ResourcePage.objects.live().exclude(external_url_en="").order_by("pk").first()
    address = getattr(resource, f"external_url_{language}") or resource.external_url_en
    page = BeautifulSoup(html_of(archive(packs, language), f"resources/{resource.slug}"), "html.parser")
    links = page.find_all("a", href=address)
    assert links
    for link in links:
        assert "hub-needs-connection" in link["class"]
        assert link.find(class_="hub-visually-hidden").get_text(strip=True) == words


def test_a_page_that_fails_stops_the_build_names_the_page_and_keeps_the_last_pack(packs, tmp_path, monkeypatch, db):
    from framework import queries

    previous = tmp_path / ZIM.format("en")
    previous.write_bytes((packs / ZIM.format("en")).read_bytes())
    digest = hashlib.sha256(previous.read_bytes()).hexdigest()

    def broken():
        raise RuntimeError("the about page broke")

    monkeypatch.setattr(queries, "about_page", broken)
    with pytest.raises(
        CommandError, match=r"/en/framework/about/ failed to render: RuntimeError: the about page broke"
    ):
        call_command("build_zim", "--language", "en", "--output", str(tmp_path), stdout=io.StringIO())
    assert hashlib.sha256(previous.read_bytes()).hexdigest() == digest
    assert sorted(path.name for path in tmp_path.iterdir()) == [previous.name]


def test_an_unknown_language_is_refused_by_name(tmp_path):
    with pytest.raises(CommandError, match=r"Unknown language 'xx': choose one of en, es, fr, ar"):
        call_command("build_zim", "--language", "xx", "--output", str(tmp_path))
    assert list(tmp_path.iterdir()) == []


def test_an_output_folder_that_cannot_be_written_is_refused_by_name(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(CommandError, match=r"Cannot write to the output folder .*a-file/packs"):
        call_command("build_zim", "--language", "en", "--output", str(blocker / "packs"))


@pytest.fixture
def served(packs, settings):
    """The downloads page and /downloads/ read the packs built for this module."""
    settings.ZIM_ROOT = packs
    return packs


def packs_listed(client, language="en"):
    page = BeautifulSoup(client.get(f"/{language}/downloads/").content.decode(), "html.parser")
    return {item.a.get_text(strip=True): item for item in page.select("#offline-packs ~ ul li")}


def test_the_downloads_page_lists_each_pack_with_its_size_and_date(client, served, db):
    from django.template.defaultfilters import filesizeformat
    from django.utils import timezone
    from django.utils.formats import date_format
    from django.utils.translation import get_language_info

    listed = packs_listed(client)
    arabic_name = get_language_info("ar")["name_local"]
    assert set(listed) == {"English", arabic_name}
    arabic = listed[arabic_name]
    assert arabic.a["href"] == "/downloads/movement-learning-hub_ar.zim" and arabic.a["lang"] == "ar"
    size = filesizeformat((served / ZIM.format("ar")).stat().st_size)
    assert f"ZIM file, {size}; built {date_format(timezone.now(), 'DATE_FORMAT')}" in arabic.get_text()
    assert "Out of date" not in arabic.get_text()
    spanish = packs_listed(client, "es")
    assert "archivo ZIM" in spanish["English"].get_text()


def test_a_pack_downloads_whole_from_the_downloads_address(client, served, db):
    response = client.get("/downloads/movement-learning-hub_en.zim")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/x-zim"
    assert b"".join(response.streaming_content) == (served / ZIM.format("en")).read_bytes()
    assert client.get("/downloads/movement-learning-hub_es.zim").status_code == 404


def test_a_publish_after_the_build_marks_the_packs_out_of_date(client, served, db):
    from resources.models import ResourcePage

    resource = ResourcePage.objects.live().order_by("pk").first()
    resource.title_en = "A guide renamed after the pack was built"
    resource.save_revision().publish()
    listed = packs_listed(client)
    assert all(
        "Out of date: the Hub has changed since this pack was built." in item.get_text() for item in listed.values()
    )


def test_a_data_file_change_marks_the_packs_out_of_date(client, served, tmp_path, db):
    import yaml

    from tests.data_files import run_import, shipped_document

    document = shipped_document()
    document["levels"][0]["name"]["en"] = "Fundamentals, renamed"
    changed = tmp_path / "framework.yaml"
    changed.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    run_import(changed)
    assert all("Out of date" in item.get_text() for item in packs_listed(client).values())


def test_no_pack_built_yet_is_said_plainly(client, settings, tmp_path, db):
    settings.ZIM_ROOT = tmp_path
    page = client.get("/fr/downloads/").content.decode()
    assert "Aucun paquet hors ligne n’a encore été créé." in page
    assert 'href="/downloads/framework.json"' in page


def test_the_downloads_page_costs_the_same_queries_with_or_without_packs(
    client, served, settings, tmp_path, django_assert_max_num_queries, db
):
    from tests.queries import clear_caches

    for folder in (tmp_path, served):
        settings.ZIM_ROOT = folder
        clear_caches()
        with django_assert_max_num_queries(4):
            assert client.get("/en/downloads/").status_code == 200
