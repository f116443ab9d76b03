"""The content version held by each process and kept right by Redis itself (server-assisted client-side caching).

A page-cache hit used to read the content version from Redis: a round trip, most of a hit's cost once everything
else was trimmed. Redis can instead tell a client when a key it read changes (``CLIENT TRACKING``, Redis 6 and
later): each process reads the version once on a connection of its own with tracking on, and Redis sends that
connection an invalidation message when any client replaces the version. Before using the value it holds, the
process asks the kernel whether anything at all has arrived on that connection (a poll with no wait, no round
trip); anything, a message, an end of file or an error, and it drops the connection and reads the version again on
a new one. Only a clean reply to its own GET is ever believed.

How fresh that is: Redis queues the invalidation while it executes the write, before it answers the writer, so
the message has left Redis before the writing process even learns that its write took, and before it sends its BAN
to Varnish (``frontend.py``). On one machine the message is in the reader's socket at once; over a network it
arrives one network delay later. What the kernel cannot show is a Redis that stops answering without closing the
connection (a partition, a stopped process): so the value is read again after at most ``RECHECK`` seconds (with
the usual socket timeout), and on any failure the process falls back to reading through django-redis, which turns
an outage into "no version" and every page into a pass, as before. The bound on a stale version is therefore
about one network delay normally, and ``RECHECK`` plus ``CACHE_SOCKET_TIMEOUT`` (1 s by default) when Redis is cut
off, within the one second promised on every server.

Requests from Varnish (they carry ``X-Varnish``) never use the held value: Varnish keeps what it gets for
``s-maxage``, so the page it stores must have been checked against the version read at that moment.

Only for a single Redis reached over TCP (``redis://host:port/db``); otherwise, and when
``PAGE_CACHE_VERSION_TRACKING`` is off, the version is read on every hit as before.
"""

import contextlib
import logging
import select
import socket
import threading
import time
from urllib.parse import unquote, urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

# Seconds a held value is used before it is read again even though Redis said nothing.
RECHECK = 0.5
# Seconds to wait after a failed connection before trying again (meanwhile: the plain read).
RETRY_AFTER = 1.0


class ProtocolError(Exception):
    """Redis answered something this small client does not expect (an error reply included)."""


def _command(*args):
    out = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg if isinstance(arg, bytes) else str(arg).encode("utf-8")
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


class TrackingConnection:
    """One RESP3 connection with tracking on: enough protocol for HELLO, SELECT, CLIENT TRACKING and GET."""

    def __init__(self, host, port, db, username, password, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = bytearray()
        self.poller = select.poll()
        self.poller.register(self.sock, select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP)
        hello = ["HELLO", "3"] + (["AUTH", username or "default", password] if password else [])
        self.call(*hello)
        if db:
            self.call("SELECT", db)
        self.call("CLIENT", "TRACKING", "ON")

    def call(self, *args):
        self.sock.sendall(_command(*args))
        value = self._value()
        if self.buffer:
            # More than the reply (an invalidation right behind it): nothing on this connection is trusted.
            raise ProtocolError("unexpected data after a reply")
        return value

    def quiet(self):
        """True when nothing has arrived since the last reply (no message, no end of file, no error)."""
        return not self.buffer and not self.poller.poll(0)

    def close(self):
        with contextlib.suppress(OSError):
            self.sock.close()

    def _line(self):
        while True:
            end = self.buffer.find(b"\r\n")
            if end >= 0:
                line = bytes(self.buffer[:end])
                del self.buffer[: end + 2]
                return line
            self._fill()

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("Redis closed the connection")
        self.buffer += data

    def _value(self):
        line = self._line()
        kind, rest = line[:1], line[1:]
        if kind in (b"+", b":", b"#", b","):
            return rest
        if kind == b"_":
            return None
        if kind == b"$":
            length = int(rest)
            if length < 0:
                return None
            while len(self.buffer) < length + 2:
                self._fill()
            data = bytes(self.buffer[:length])
            del self.buffer[: length + 2]
            return data
        if kind in (b"*", b"~"):
            return [self._value() for _ in range(int(rest))]
        if kind == b"%":
            return [(self._value(), self._value()) for _ in range(int(rest))]
        if kind == b"-":
            raise ProtocolError(rest.decode("utf-8", "replace"))
        # A push (">"): an invalidation where a reply was expected.
        raise ProtocolError(f"unexpected {kind!r}")


def _address(location):
    """``(host, port, db, username, password)`` of a ``redis://`` URL, or None for anything else."""
    parts = urlsplit(location)
    if parts.scheme != "redis" or not parts.hostname:
        return None
    db = parts.path.strip("/") or "0"
    return parts.hostname, parts.port or 6379, db, unquote(parts.username or ""), unquote(parts.password or "")


class TrackedKey:
    """The raw value of one Redis key, held by this process while Redis says nothing about it."""

    def __init__(self, address, name, timeout):
        self.address = address
        self.name = name
        self.timeout = timeout
        self.connection = None
        self.value = None
        self.read_at = 0.0
        self.retry_at = 0.0
        self.lock = threading.Lock()

    def get(self):
        """The key's raw value (bytes; None when Redis has no such key); raises OSError or ProtocolError when
        Redis cannot be asked."""
        with self.lock:
            now = time.monotonic()
            connection = self.connection
            fresh = connection is not None and self.value is not None and now - self.read_at < RECHECK
            if fresh and connection.quiet():
                return self.value
            if now < self.retry_at:
                raise ConnectionError("waiting before connecting to Redis again")
            try:
                if connection is None or not connection.quiet():
                    self._drop()
                    connection = self.connection = TrackingConnection(*self.address, self.timeout)
                value = connection.call("GET", self.name)
            except (OSError, ProtocolError, ValueError):
                self._drop()
                self.retry_at = now + RETRY_AFTER
                raise
            self.value, self.read_at = value, now
            return value

    def forget(self):
        """Drop the held value (this process has just replaced it)."""
        with self.lock:
            self.value = None

    def close(self):
        with self.lock:
            self._drop()

    def _drop(self):
        if self.connection is not None:
            self.connection.close()
        self.connection = None
        self.value = None


_tracked = None
_tracked_for = None


def redis_servers(cache):
    """The server URLs of a django-redis cache (its LOCATION: one URL, several comma-separated, or a list)."""
    location = cache._server
    if isinstance(location, str):
        return [url.strip() for url in location.split(",") if url.strip()]
    return list(location)


def tracked_version(cache, made_key):
    """The :class:`TrackedKey` of the content version in ``cache`` (a django-redis cache), or None when tracking
    does not apply (switched off, several servers, not plain TCP)."""
    global _tracked, _tracked_for
    if not settings.PAGE_CACHE_VERSION_TRACKING or not type(cache).__module__.startswith("django_redis"):
        return None
    servers = redis_servers(cache)
    identity = (tuple(servers), made_key)
    if _tracked_for != identity:
        if _tracked is not None:
            _tracked.close()
        address = _address(servers[0]) if len(servers) == 1 else None
        timeout = cache._params.get("OPTIONS", {}).get("SOCKET_TIMEOUT", settings.CACHE_SOCKET_TIMEOUT)
        _tracked = TrackedKey(address, made_key, timeout) if address else None
        _tracked_for = identity
    return _tracked


def forget():
    """This process replaced the version: the value it holds is not to be used."""
    if _tracked is not None:
        _tracked.forget()
