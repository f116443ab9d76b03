"""The conventions every endpoint of the JSON API follows, written once for all apps (issue #10): the language of
an answer (:mod:`.languages`), the errors and their sentences (:mod:`.errors`), page-number pagination
(:mod:`.pagination`), absolute links to pages and to API details (:mod:`.links`), the base of the schemas that
give an item's text in the response language (:mod:`.schemas`) and parameters whose schema states rules the view
checks itself (:mod:`.params`).

An app's ``api.py`` keeps only its own schemas, querysets and endpoints, and builds them from these modules;
``hub/api.py`` assembles the apps' routers into the API.
"""
