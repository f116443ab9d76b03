"""The pathway's offline file says the day it was made, so the page cache keeps it no later than that day's end
(core.pagecache.freshness): a file fetched after midnight from the cache would carry yesterday's date."""

import datetime

import pytest
import time_machine
from bs4 import BeautifulSoup

from tests.pathways.builders import build_pathways, make_levels

pytestmark = pytest.mark.django_db

URL = "/en/pathways/mentor/offline/"
LATE = datetime.datetime(2027, 3, 1, 23, 50, tzinfo=datetime.UTC)


def made_on(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("time")["datetime"]


def test_the_offline_file_is_not_served_from_the_cache_after_the_day_it_names(client, home_page):
    build_pathways(make_levels(), 1, 3)
    with time_machine.travel(LATE, tick=False):
        assert made_on(client.get(URL)) == "2027-03-01"
        cached = client.get(URL)
        assert cached["X-Page-Cache"] == "hit"
    with time_machine.travel(LATE + datetime.timedelta(minutes=11), tick=False):
        response = client.get(URL)
        assert (made_on(response), response["X-Page-Cache"]) == ("2027-03-02", "miss")
