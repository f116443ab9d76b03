"""Offline packs: the whole Hub as one Kiwix ZIM file per language (issue #17).

``pages`` lists the public pages of a language, ``html`` turns a rendered page into an archive entry (links made
relative, scripts and forms removed, links that leave the archive marked), ``archive`` writes the file with
libzim, ``packs`` says which packs exist and whether the content changed since they were built.
"""
