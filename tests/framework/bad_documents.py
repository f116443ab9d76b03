"""Broken copies of the framework's data file, each with the located error the import must report: the table of
tests/framework/test_import.py, kept apart so that the test module stays readable."""


def _set(*keys_and_value):
    """A change to a document: ``_set("skills", 4, "levels", 1, "expert")``."""
    *keys, last, value = keys_and_value

    def change(document):
        target = document
        for key in keys:
            target = target[key]
        target[last] = value

    return change


def _drop(*keys):
    """Remove a key from a document: ``_drop("skills", 4, "name")``."""
    *keys, last = keys

    def change(document):
        target = document
        for key in keys:
            target = target[key]
        del target[last]

    return change


# --- Validation: every kind of problem, located ---------------------------------------------------

BAD_DOCUMENTS = {
    "missing name": (_drop("skills", 4, "name"), "skills[4]: missing required key 'name'"),
    "missing slug": (_drop("behaviors", 2, "slug"), "behaviors[2]: missing required key 'slug'"),
    "missing source url": (_drop("sources", 6, "url"), "sources[6]: missing required key 'url'"),
    "missing English name": (
        _drop("activities", 1, "name", "en"),
        "activities[1].name: the English text ('en') is required",
    ),
    "text instead of a list": (
        _set("skills", 4, "levels", "fundamental"),
        "skills[4].levels: expected a list of level keys, e.g. [a, b], got text",
    ),
    "text instead of a number": (
        _set("levels", 1, "order", "two"),
        "levels[1].order: expected a whole number, got text",
    ),
    "list instead of a mapping": (
        _set("skills", 2, "description", ["words"]),
        "skills[2].description: expected a mapping of language codes to text",
    ),
    "number instead of text": (
        _set("skills", 2, "name", "es", 12),
        "skills[2].name.es: expected text, got a number (12)",
    ),
    "item that is not a mapping": (
        _set("behaviors", 3, "asks-for-help"),
        "behaviors[3]: expected a mapping of keys to values, got text",
    ),
    "section that is not a list": (
        _set("behaviors", {"asks-for-help": "Asks for help"}),
        "behaviors: expected a list of items, got a mapping",
    ),
    "context section that is not a mapping": (_set("meta", ["draft"]), "meta: expected a mapping, got a list"),
    "duplicate slug": (
        _set("skills", 5, "slug", "communication"),
        "skills[5].slug: duplicate slug 'communication' (first at skills[4])",
    ),
    "duplicate source id": (
        _set("sources", 3, "id", "mlldp_main"),
        "sources[3].id: duplicate id 'mlldp_main' (first at sources[0])",
    ),
    "invalid slug": (
        _set("behaviors", 0, "slug", "asks for help"),
        "behaviors[0].slug: 'asks for help' is not a valid slug",
    ),
    "duplicate level order": (_set("levels", 2, "order", 2), "levels[2].order: order 2 is already used by levels[1]"),
    "unknown level": (_set("skills", 4, "levels", 1, "expert"), "skills[4].levels[1]: unknown level 'expert'"),
    "unknown skill": (
        _set("activities", 0, "skills", 0, "juggling"),
        "activities[0].skills[0]: unknown skill 'juggling'",
    ),
    "unknown source": (
        _set("behaviors", 1, "sources", 1, "nowhere"),
        "behaviors[1].sources[1]: unknown source 'nowhere'",
    ),
    "unknown source in a context section": (
        _set("barriers", "sources", ["nowhere"]),
        "barriers.sources[0]: unknown source 'nowhere'",
    ),
    "reference listed twice": (
        _set("skills", 0, "levels", ["fundamental", "fundamental"]),
        "skills[0].levels[1]: level 'fundamental' is listed twice",
    ),
    "no level": (_set("skills", 0, "levels", []), "skills[0].levels: at least one level is required"),
    "unknown language code": (
        _set("skills", 0, "name", "de", "Wiki-Grundlagen"),
        "skills[0].name: unknown language code 'de'",
    ),
    "unknown language in a translator note": (
        _set("skills", 0, "de_note", "Unsicher."),
        "skills[0].de_note: unknown language code 'de'",
    ),
    "translator flag that is not true/false": (
        _set("levels", 2, "es_uncertain", "maybe"),
        "levels[2].es_uncertain: expected true or false, got text",
    ),
    "unknown provenance": (
        _set("skills", 3, "provenance", "hearsay"),
        "skills[3].provenance: unknown provenance 'hearsay' (expected one of: source, source_paraphrase, "
        "reconstruction)",
    ),
    "unknown provenance of a level's part": (
        _set("levels", 0, "provenance", "order", "guess"),
        "levels[0].provenance.order: unknown provenance 'guess'",
    ),
    "unknown part in a level's provenance": (
        _set("levels", 0, "provenance", "colour", "source"),
        "levels[0].provenance.colour: unknown part 'colour'",
    ),
    "unknown provenance in a context section": (
        _set("barriers", "provenance", "folklore"),
        "barriers.provenance: unknown provenance 'folklore'",
    ),
    "unknown category": (_set("skills", 6, "category", "cooking"), "skills[6].category: unknown category 'cooking'"),
    "URL that is not http(s)": (
        _set("sources", 2, "url", "ftp://example.org/file"),
        "sources[2].url: 'ftp://example.org/file' is not an http(s) URL",
    ),
    "misspelt key": (_set("skills", 1, "descripton", {"en": "Typo."}), "skills[1].descripton: unknown key"),
    # A language block: the texts of each language, and who wrote them (translated_by).
    "empty French text": (
        _set("skills", 0, "name", "fr", ""),
        "skills[0].name.fr: must not be empty (leave the language out until it is written)",
    ),
    "Arabic text that is not text": (
        _set("behaviors", 2, "description", "ar", ["a", "list"]),
        "behaviors[2].description.ar: expected text, got a list",
    ),
    "unknown language in a role's name": (
        _set("roles", 0, "name", "fa", "ویرایشگر"),
        "roles[0].name: unknown language code 'fa'",
    ),
    "unknown translation origin": (
        _set("skills", 3, "translated_by", "fr", "robot"),
        "skills[3].translated_by.fr.origin: unknown origin 'robot' (expected one of community, team, machine-draft)",
    ),
    "reviewed flag that is not true/false": (
        _set("levels", 1, "translated_by", "ar", {"origin": "team", "reviewed": "yes"}),
        "levels[1].translated_by.ar.reviewed: expected true or false, got text",
    ),
    "provenance for English": (
        _set("activities", 0, "translated_by", "en", "team"),
        "activities[0].translated_by.en: English is the source text; it has no translation provenance",
    ),
    "provenance for a language without text": (
        _set("sources", 6, "translated_by", {"fr": "team"}),
        "sources[6].translated_by.fr: the item has no text in 'fr' for this provenance to describe",
    ),
    "provenance of an unknown field": (
        _set("skills", 0, "translated_by", "ar", {"summary": "team"}),
        "skills[0].translated_by.ar.summary: unknown field (expected one of name, description)",
    ),
    "unknown language in a step's provenance": (
        _set("roles", 2, "suggested_steps", 1, "translated_by", "xx", "team"),
        "roles[2].suggested_steps[1].translated_by: unknown language code 'xx'",
    ),
}
