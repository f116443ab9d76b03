# Where the Hub's app servers are, for deploy/varnish/default.vcl (which includes this file).
#
# One `backend` per gunicorn, all in the `app` director (round robin); the probe takes a server out of rotation
# while its /healthz fails (the database is unreachable from it, or it is down). Edit this file per deployment;
# the policy in default.vcl stays the same everywhere. The scale-out tests write their own copy with the
# loopback ports of their servers (tests/varnish.py).

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
}

# Who may send PURGE and BAN: the app servers, which send them when content changes (FRONTEND_CACHE_URL in
# their environment). Loopback only by default; add the app servers' addresses when they run elsewhere.
acl purgers {
    "127.0.0.1";
    "::1";
}
