"""Translation counts over many objects in a bounded number of queries (the translators' dashboard, issue #12):
each model is read once, as ``.values()`` of only the columns the counts need, and counted in Python by the same
rules as the pages and ``manage.py translation_status`` (``core.i18n.field_tally``, ``unreviewed_counts``)."""

from dataclasses import dataclass

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator

from core.i18n import FieldTally, default_language, is_blank, origin_record

from . import MISSING, OUTDATED, SOURCES_ATTR, field_state

ORIGIN_COLUMN = "translation_origin"


def model_field_names(model):
    """The translated fields that count for ``model`` (a class): its ``translated_fields``, or else every field
    registered with modeltranslation (as ``core.i18n.translated_field_names`` does for an object)."""
    names = getattr(model, "translated_fields", None)
    if names is not None:
        return tuple(names)
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def count_columns(model):
    """The columns the counts read: the primary key, every language of every counted field, and the provenance and
    fingerprints where the model keeps them."""
    columns = ["pk"]
    columns += [f"{name}_{code}" for name in model_field_names(model) for code in settings.MODELTRANSLATION_LANGUAGES]
    concrete = {field.name for field in model._meta.concrete_fields}
    columns += [name for name in (ORIGIN_COLUMN, SOURCES_ATTR) if name in concrete]
    return columns


class Row:
    """One object as read by :func:`read_rows`: its columns as attributes, and the fields that count."""

    def __init__(self, model, values, fields):
        self.__dict__.update(values)
        self.model = model
        self.translated_fields = fields

    def __getattr__(self, name):
        # A column the model does not have (no provenance kept): nothing, as on an object without it.
        if name in (ORIGIN_COLUMN, SOURCES_ATTR):
            return None
        raise AttributeError(name)


def read_rows(queryset, extra=()):
    """The objects of ``queryset`` as :class:`Row` objects, in one query of only the columns the counts need
    (plus ``extra`` ones, e.g. a slug to name the object by)."""
    model = queryset.model
    fields = model_field_names(model)
    columns = list(dict.fromkeys([*count_columns(model), *extra]))
    return [Row(model, values, fields) for values in queryset.values(*columns)]


@dataclass(frozen=True)
class ObjectState:
    """How one object stands in one language: how many of its fields have English text (``wanted``), and which
    of them are missing, outdated, or translated but not reviewed."""

    wanted: int = 0
    missing: tuple = ()
    outdated: tuple = ()
    unreviewed: tuple = ()

    @property
    def tally(self):
        """The object's :class:`~core.i18n.FieldTally`."""
        current = self.wanted - len(self.missing) - len(self.outdated)
        return FieldTally(current, len(self.outdated), len(self.missing))

    @property
    def untranslated(self):
        """True when nothing of it is translated although there is English to translate."""
        return self.wanted > 0 and len(self.missing) == self.wanted


def object_state(obj, lang):
    """The :class:`ObjectState` of ``obj`` (a model instance, a :class:`Row`, anything with ``translated_fields``
    and language attributes) in ``lang``."""
    base = default_language()
    wanted = 0
    missing, outdated, unreviewed = [], [], []
    for field in obj.translated_fields:
        own = getattr(obj, f"{field}_{lang}", None)
        # As core.i18n.unreviewed_counts: any text in the language with an unreviewed record.
        if not is_blank(own):
            record = origin_record(obj, field, lang)
            if record is not None and not record.get("reviewed"):
                unreviewed.append(field)
        if is_blank(getattr(obj, f"{field}_{base}", None)):
            continue
        wanted += 1
        if lang == base:
            continue
        state = field_state(obj, field, lang)
        if state == MISSING:
            missing.append(field)
        elif state == OUTDATED:
            outdated.append(field)
    return ObjectState(wanted, tuple(missing), tuple(outdated), tuple(unreviewed))


def add_up(states):
    """``(FieldTally, unreviewed)``: the sum of some :class:`ObjectState` objects."""
    current = outdated = missing = unreviewed = 0
    for state in states:
        tally = state.tally
        current += tally.current
        outdated += tally.outdated
        missing += tally.missing
        unreviewed += len(state.unreviewed)
    return FieldTally(current, outdated, missing), unreviewed
