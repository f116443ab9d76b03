"""Checking a data file's values: :class:`Checker` collects every problem with its location, and each helper
returns the checked value (or None when it is wrong) so that a section goes on and finds the next problem too."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_slug
from django.utils.translation import get_language_info

from .problems import Problem, at, describe

_URL_VALIDATOR = URLValidator(schemes=["http", "https"])


class Checker:
    """Collects located problems while a section checks its data. Each helper returns the checked value, or
    None when it is wrong, so that the caller carries on and finds the next problem too."""

    def __init__(self, context=None):
        # A context is needed to check references to other sections; the languages come from it, or from the
        # settings for a file that is only read (the self-assessment).
        self.context = context
        self.languages = context.languages if context is not None else tuple(settings.MODELTRANSLATION_LANGUAGES)
        self.problems: list[Problem] = []

    def error(self, path, message):
        """Record a problem at ``path``."""
        self.problems.append(Problem(path, message))

    def entries(self, data, path):
        """The items of a list section as ``(index, path, mapping)``; None when the section is not a list."""
        if not isinstance(data, list):
            self.error(path, f"expected a list of items, got {describe(data)}")
            return None
        found = []
        for index, item in enumerate(data):
            item_path = at(path, index)
            if isinstance(item, dict):
                found.append((index, item_path, item))
            else:
                self.error(item_path, f"expected a mapping of keys to values, got {describe(item)}")
        return found

    def mapping(self, value, path):
        """``value`` when it is a mapping."""
        if isinstance(value, dict):
            return value
        self.error(path, f"expected a mapping, got {describe(value)}")
        return None

    def text(self, value, path, *, required=False, max_length=None):
        """``value`` when it is text (non-empty when required, at most ``max_length`` characters)."""
        if not isinstance(value, str):
            hint = " (YAML reads a bare yes/no/on/off as true/false: quote it)" if isinstance(value, bool) else ""
            self.error(path, f"expected text, got {describe(value)}{hint}")
            return None
        if required and not value.strip():
            self.error(path, "must not be empty")
            return None
        if max_length and len(value) > max_length:
            self.error(path, f"is {len(value)} characters long; the limit is {max_length}")
            return None
        return value

    def integer(self, value, path, *, minimum=0, maximum=None):
        """``value`` when it is a whole number within the bounds."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(path, f"expected a whole number, got {describe(value)}")
            return None
        if value < minimum:
            self.error(path, f"must be {minimum} or more, got {value}")
            return None
        if maximum is not None and value > maximum:
            self.error(path, f"must be {maximum} or less, got {value}")
            return None
        return value

    def boolean(self, value, path):
        """``value`` when it is true or false."""
        if not isinstance(value, bool):
            self.error(path, f"expected true or false, got {describe(value)}")
            return None
        return value

    def slug(self, value, path, *, max_length=80):
        """``value`` when it is a valid slug (letters, digits, hyphens, underscores)."""
        if self.text(value, path, required=True, max_length=max_length) is None:
            return None
        try:
            validate_slug(value)
        except ValidationError:
            self.error(path, f"{value!r} is not a valid slug (use letters, digits, hyphens and underscores)")
            return None
        return value

    def url(self, value, path, *, max_length=500):
        """``value`` when it is an http(s) URL."""
        if self.text(value, path, required=True, max_length=max_length) is None:
            return None
        try:
            _URL_VALIDATOR(value)
        except ValidationError:
            self.error(path, f"{value!r} is not an http(s) URL")
            return None
        return value

    def choice(self, value, path, choices, label):
        """``value`` when it is one of ``choices`` (a TextChoices class or a list of values)."""
        allowed = list(getattr(choices, "values", choices))
        if not isinstance(value, str) or value not in allowed:
            shown = repr(value) if isinstance(value, str) else describe(value)
            self.error(path, f"unknown {label} {shown} (expected one of: {', '.join(allowed)})")
            return None
        return value

    def language(self, code, path, value=None):
        """``code`` when it is one of the site's languages (settings.MODELTRANSLATION_LANGUAGES)."""
        if isinstance(code, str) and code in self.languages:
            return code
        message = f"unknown language code {code!r}"
        if value is None:
            # `{en: Diversity, equity and inclusion}` turns the words after the comma into a key
            # without a value: say so, since the YAML itself parses without complaint.
            message += " (a key without text: is there an unquoted comma in the text before it?)"
        self.error(path, message)
        return None

    def translated(self, value, path, *, required=False, max_length=None, required_languages=()):
        """A ``{language: text}`` mapping (plain text means English) with known language codes; English is
        needed when ``required``, and each of ``required_languages`` too. Returns the mapping without empty
        texts."""
        if isinstance(value, str):
            value = {"en": value}
        if not isinstance(value, dict):
            self.error(
                path, f"expected a mapping of language codes to text, e.g. {{en: ..., es: ...}}, got {describe(value)}"
            )
            return None
        texts = {}
        ok = True
        for code, text in value.items():
            if self.language(code, path, text) is None:
                ok = False
                continue
            if text is None:
                continue
            if self.text(text, at(path, code), max_length=max_length) is None:
                ok = False
            elif not text.strip():
                # An empty text is a translation left half done: leave the language out instead.
                self.error(at(path, code), "must not be empty (leave the language out until it is written)")
                ok = False
            else:
                texts[code] = text
        for code in ("en",) * bool(required) + tuple(required_languages):
            if ok and not texts.get(code):
                self.error(path, f"the {get_language_info(code)['name']} text ({code!r}) is required")
                ok = False
        return texts if ok else None

    def references(self, value, path, section, label, *, required=False):
        """A list of keys of ``section`` (checked against the context), without repeats; at least one when
        ``required``."""
        if not isinstance(value, list):
            self.error(path, f"expected a list of {label} keys, e.g. [a, b], got {describe(value)}")
            return None
        if required and not value:
            self.error(path, f"at least one {label} is required")
            return None
        known = self.context.keys(section)
        seen = set()
        ok = True
        for index, key in enumerate(value):
            key_path = at(path, index)
            if not isinstance(key, str):
                self.error(key_path, f"expected a {label} key, got {describe(key)}")
                ok = False
            elif key in seen:
                self.error(key_path, f"{label} {key!r} is listed twice")
                ok = False
            elif known is not None and key not in known:
                self.error(key_path, f"unknown {label} {key!r}")
                ok = False
            seen.add(key)
        return list(value) if ok else None

    def reference(self, value, path, section, label):
        """One key of ``section``, checked against the context."""
        if not isinstance(value, str):
            self.error(path, f"expected a {label} key, got {describe(value)}")
            return None
        known = self.context.keys(section)
        if known is not None and value not in known:
            self.error(path, f"unknown {label} {value!r}")
            return None
        return value

    def json_value(self, value, path):
        """Report what a JSON column cannot hold (dates, non-text keys)."""
        if isinstance(value, dict):
            for key, item in value.items():
                if not isinstance(key, str):
                    self.error(path, f"key {key!r} must be text")
                self.json_value(item, at(path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.json_value(item, at(path, index))
        elif not (value is None or isinstance(value, str | int | float | bool)):
            self.error(path, f"cannot store {describe(value)}")
