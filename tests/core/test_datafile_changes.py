"""Properties of the data-file engine's change log and manifest (``core.datafile``), over generated documents:
a value that goes is always a removal, an added value never is, and the manifest checksum ignores layout and key
order but no change of content."""

import copy
import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from core.datafile import manifest
from core.datafile.changes import compare, is_empty

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
SCALAR = st.one_of(TEXT, st.integers(-5, 5), st.booleans())
DOCUMENT = st.recursive(
    SCALAR,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)),
    max_leaves=20,
)
SECTIONS = st.dictionaries(st.from_regex(r"[a-z]{3,8}", fullmatch=True), DOCUMENT, min_size=1, max_size=4)


def leaf_paths(value, path=()):
    """Every non-empty scalar in ``value`` with the keys leading to it."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaf_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaf_paths(item, (*path, index))
    elif not is_empty(value):
        yield path


def without(value, path):
    """A copy of ``value`` with the item at ``path`` taken out."""
    value = copy.deepcopy(value)
    target = value
    for key in path[:-1]:
        target = target[key]
    del target[path[-1]]
    return value


@given(DOCUMENT)
def test_a_snapshot_compared_with_itself_changes_nothing(document):
    assert compare(document, copy.deepcopy(document)) == ([], [])


@given(st.dictionaries(TEXT, DOCUMENT, min_size=1, max_size=4), st.data())
def test_taking_any_value_out_is_a_removal(document, data):
    paths = list(leaf_paths(document))
    if not paths:
        return
    path = data.draw(st.sampled_from(paths))
    changed, lost = compare(document, without(document, path))
    assert lost
    assert changed


@given(st.dictionaries(TEXT, DOCUMENT, max_size=4), TEXT, DOCUMENT)
def test_adding_a_key_is_a_change_and_never_a_removal(document, key, value):
    if key in document or is_empty(value):
        return
    changed, lost = compare(document, {**document, key: value})
    assert lost == []
    assert changed


@given(SECTIONS)
def test_an_exported_document_verifies_after_any_round_trip(document):
    exported = manifest.with_manifest(document)
    assert list(exported)[0] == manifest.KEY
    for reread in (
        yaml.safe_load(yaml.safe_dump(exported, allow_unicode=True, default_flow_style=True)),
        yaml.safe_load(yaml.safe_dump(exported, sort_keys=True)),
        json.loads(json.dumps(exported)),
    ):
        content, problems = manifest.verify(reread)
        assert problems == []
        assert content == document


@settings(max_examples=60)
@given(SECTIONS, st.data())
def test_any_change_of_content_breaks_the_checksum(document, data):
    paths = [path for path in leaf_paths(document) if len(path) > 1]
    if not paths:
        return
    exported = manifest.with_manifest(document)
    path = data.draw(st.sampled_from(paths))
    changed = without(exported, path)
    problems = manifest.verify(changed)[1]
    assert any(problem.path == "manifest.sha256" for problem in problems)


@given(SECTIONS)
def test_a_section_left_out_is_named(document):
    exported = manifest.with_manifest(document)
    name = next(iter(document))
    problems = [str(problem) for problem in manifest.verify(without(exported, (name,)))[1]]
    assert f"manifest.sections.{name}: the file has no section '{name}' (the manifest counts" in problems[0]
