"""Static file storage: WhiteNoise's compressed, hashed files, with the manifest kept out of the served folder.

WhiteNoise serves every file under STATIC_ROOT, and Django writes its manifest (``staticfiles.json``, the map of
every hashed file) there too, which made the whole list of the site's static files public. The manifest goes to
STATIC_MANIFEST_ROOT instead; WhiteNoise does not see it, Django still reads it.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class HubStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Compressed, hashed static files whose manifest lives in STATIC_MANIFEST_ROOT."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("manifest_storage", FileSystemStorage(location=settings.STATIC_MANIFEST_ROOT))
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        """The hashed file's address, remembered for the process: the manifest is read once, when the storage is
        made, and does not change while the process runs (each ``{% static %}`` looked it up again, a tenth of
        a millisecond each, a dozen times per page)."""
        if force or settings.DEBUG:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name, force)
        return url
