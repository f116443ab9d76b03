"""The interface catalogues are whole: every entry translated, none fuzzy, and no English copied as a translation
(except the words that are spelled the same in a language, listed here one by one)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"

# Words and names that are the same in English and in the language: each one checked by a reader of it.
SAME_AS_ENGLISH = {
    "es": {"Personal", "URL", "roles", "Roles", "Global", "UTC", "No", ", "},
    "fr": {
        "Description",
        "description",
        "Guide",
        "guide",
        "Page",
        "Image",
        "image",
        "Licence",
        "licence",
        "Provenance",
        "provenance",
        "Sources",
        "sources",
        "source",
        "Suggestions",
        "Type",
        "type",
        "URL",
        "code",
        "introduction",
        "note",
        "page",
        "position",
        "Contact",
        "contact",
        "Format",
        "format",
        "Mentors",
        "Places",
        "places",
        "UTC",
        ", ",  # the list separator (Arabic has its own)
    },
    "ar": set(),
}


def catalogue(lang):
    return polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))


def problems(po, allowed):
    """Each entry a reader would see in English or not at all: empty, fuzzy, or the English copied."""
    found = []
    for entry in po:
        if entry.obsolete:
            continue
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy: {entry.msgid!r}")
        elif not all(text.strip() for text in texts):
            found.append(f"empty: {entry.msgid!r}")
        elif entry.msgid not in allowed and any(text in (entry.msgid, entry.msgid_plural) for text in texts):
            found.append(f"English copied: {entry.msgid!r}")
    return found


@pytest.mark.parametrize("lang", ["es", "fr", "ar"])
def test_every_interface_string_is_translated_and_not_copied_from_english(lang):
    assert problems(catalogue(lang), SAME_AS_ENGLISH[lang]) == []


def test_the_check_catches_an_empty_a_fuzzy_and_a_copied_entry():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Find where to start", msgstr=""))
    po.append(polib.POEntry(msgid="Resources", msgstr="Ressources", flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Home", msgstr="Home"))
    po.append(polib.POEntry(msgid="%(n)s guide", msgid_plural="%(n)s guides", msgstr_plural={0: "%(n)s guide", 1: ""}))
    po.append(polib.POEntry(msgid="Type", msgstr="Type"))
    assert problems(po, {"Type"}) == [
        "empty: 'Find where to start'",
        "fuzzy: 'Resources'",
        "English copied: 'Home'",
        "empty: '%(n)s guide'",
    ]


@pytest.mark.parametrize("lang", ["es", "fr", "ar"])
def test_every_allowed_english_word_is_still_in_the_catalogue(lang):
    # An allow-list entry whose string is gone would let a future copy of English through unseen.
    msgids = {entry.msgid for entry in catalogue(lang)}
    assert SAME_AS_ENGLISH[lang] <= msgids


IGNORED_IN_COPY = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "build", "media", "staticfiles*", "db*.sqlite3*", "__pycache__", ".*cache*"
)


def test_every_string_the_code_marks_is_in_the_catalogues(tmp_path):
    """The checks above read the catalogues as they are; a string marked in the code that nobody extracted is in
    none of them and shows in English on every page. ``makemessages`` on a copy of the tree finds it: after it,
    the catalogues must still have no empty or fuzzy entry (a new string comes in empty, a changed one fuzzy)."""
    root = Path(settings.BASE_DIR)
    tree = tmp_path / "tree"
    shutil.copytree(root, tree, ignore=IGNORED_IN_COPY, symlinks=True)
    command = [sys.executable, "manage.py", "makemessages", "--no-obsolete", "-l", "es", "-l", "fr", "-l", "ar"]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hub.settings.dev"}
    subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True, timeout=120)
    for lang in ("es", "fr", "ar"):
        po = polib.pofile(str(tree / "locale" / lang / "LC_MESSAGES" / "django.po"))
        left = [f"{lang}: {text}" for text in problems(po, SAME_AS_ENGLISH[lang]) if not text.startswith("English")]
        assert left == [], (
            "marked for translation but not translated (run makemessages, then translate):\n" + "\n".join(left)
        )
