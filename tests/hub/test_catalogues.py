"""The interface catalogues are whole: every entry translated, none fuzzy, and no English copied as a translation
(except the words that are spelled the same in a language, listed here one by one)."""

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
