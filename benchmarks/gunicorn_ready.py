"""gunicorn configuration for the cold-start measurement (benchmarks/load.py --cold-start): each worker writes its
pid to ``$HUB_READY_FILE`` once it has loaded the application (hub/wsgi.py, its warm-up included), so that the
first request is timed from a ready worker rather than from a process still importing."""

import os


def post_worker_init(worker):
    """Say that this worker has loaded the app and is about to accept requests."""
    path = os.environ.get("HUB_READY_FILE")
    if path:
        with open(path, "a", encoding="ascii") as ready:
            ready.write(f"{worker.pid}\n")
