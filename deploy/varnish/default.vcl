vcl 4.1;
# Varnish in front of the Movement Learning Hub (docs/performance.md, "Varnish in front").
#
# The app already decides what may be shared: anonymous pages under a language prefix come with
# `Cache-Control: public, max-age=0, s-maxage=60, stale-while-revalidate=30`, anything personal with `private`
# or `no-store`, and a response that sets a cookie is never meant for a second visitor. This file keeps those
# decisions instead of making new ones: it stores what the app marks public for as long as s-maxage says, keeps
# serving it for stale-while-revalidate while a fresh copy is fetched, and never stores the rest. What it adds
# is the part the app cannot do from behind a cache: which requests may be answered from the cache at all
# (signed-in editors never), which cookies are noise, and who may empty the cache.
#
# The app servers empty it when content changes: Wagtail's frontend cache PURGEs a published page's URLs in
# every language and the listings above it, and every change the site-wide content version sees (a snippet, a
# setting, a page) sends one BAN for the host, because a level's name shows on pages no one could list.
#
# Sites differ only in where the app servers are: backends.vcl (the director `app` and the ACL `purgers`).

import directors;
import std;
import cookie;

include "backends.vcl";

# The app ignores query parameters its pages do not read, and sorts the rest (core/pagecache/keys.py); do the same
# for the usual campaign parameters and the order, so a mailing's link shares the plain page's object.
sub hub_normalise_query {
    set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid)=[^&]*(&|$)", "");
    set req.url = regsub(req.url, "[?&]+$", "");
    set req.url = std.querysort(req.url);
}

sub vcl_recv {
    set req.backend_hint = app.backend();
    # The Host is part of every object's key, and the app servers purge and ban with the Site's host name:
    # compare them case-blind.
    set req.http.Host = std.tolower(req.http.Host);

    # Purges and bans come from the app servers only; anybody else could empty the cache at will. The test is
    # on the connection's address, never on a header a client could write. A TLS terminator on the same machine
    # connects from loopback too: it must refuse PURGE and BAN itself (or speak the PROXY protocol to Varnish).
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
    }
    if (req.method == "PURGE") {
        # One URL, every variant of it (Vary: X-Forwarded-Proto below makes http and https two variants).
        return (purge);
    }
    if (req.method == "BAN") {
        # Every object of this host, whatever its URL or query string: the content version changed. Objects are
        # tagged with their host when stored (vcl_backend_response), so the ban lurker can clear them in the
        # background instead of testing each one at its next request.
        if (std.ban("obj.http.X-Hub-Host == " + req.http.Host)) {
            return (synth(200, "Banned"));
        }
        return (synth(400, std.ban_error()));
    }

    # Compression. Varnish keeps gzip natively: after vcl_recv it rewrites Accept-Encoding to "gzip" (or removes
    # it), asks the app for gzip, and unzips for the rare client without it. Brotli (smaller; the app sends it
    # with its own ETag) goes through as a variant of its own: whether the client accepts it is kept in
    # X-Hub-Br, which vcl_backend_fetch turns back into Accept-Encoding for the app and on which objects vary
    # instead of Accept-Encoding (vcl_backend_response), so a Brotli body is only ever served to a client that
    # asked for it. A Vary, not the hash, so that a PURGE (which accepts no encoding) still removes every
    # variant. `br;q=0` counts as a refusal.
    unset req.http.X-Hub-Br;
    if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|;|$)"
        && req.http.Accept-Encoding !~ "(?i)(^|,)\s*br\s*;\s*q\s*=\s*0(\.0*)?\s*(,|$)") {
        set req.http.X-Hub-Br = "1";
    }

    # Health checks must reach an app server to mean anything.
    if (req.url ~ "^/healthz") {
        return (pass);
    }
    # The admin is all signed-in work (and its login form sets cookies); never stored, cookies untouched.
    if (req.url ~ "^/admin(/|$)") {
        return (pass);
    }
    # Writes (the suggestion and announcement forms, the admin) go straight through, with their cookies.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A session cookie means someone may be signed in: their pages (the user bar, drafts, previews) are theirs
    # alone. `sessionid` is the app's SESSION_COOKIE_NAME (Django's default, hub/settings/base.py). The app's
    # page cache makes the same test without reading the session.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=" || req.http.Authorization) {
        return (pass);
    }

    if (req.url ~ "^/(en|es|fr|ar)/") {
        # Public pages. The only cookie a page may read is the CSRF cookie, and only a page with a form does;
        # such a page sets the cookie again in its answer, which is then never stored. Keeping the cookie lets
        # a visitor's forms in two tabs share one token. Everything else (a language cookie, analytics) is
        # noise here: the language is in the path.
        cookie.parse(req.http.Cookie);
        cookie.keep("csrftoken");
        set req.http.Cookie = cookie.get_string();
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
        call hub_normalise_query;
        return (hash);
    }
    if (req.url ~ "^/api/") {
        # The JSON API reads no cookie, and its language is `?lang=`: the app's page cache keys it on the sorted
        # query like a page (hub/api.py), and so does Varnish. Its answers say `public, max-age=300,
        # s-maxage=60`; the host's BAN clears them with the pages, so they are never older than the last change.
        unset req.http.Cookie;
        call hub_normalise_query;
        return (hash);
    }
    if (req.url ~ "^/(static/|oembed|sitemap\.xml|downloads/|\.well-known/)") {
        # Static files and machine endpoints read no cookie at all.
        unset req.http.Cookie;
        return (hash);
    }
    # Anything else (`/`, which redirects by the language cookie and Accept-Language; documents, which may be
    # private): Varnish's built-in rules, which pass any request with a cookie.
}

sub vcl_backend_fetch {
    # A client that accepts Brotli (vcl_recv): ask the app for it, gzip failing that.
    # X-Hub-Br stays: Varnish records a variant from the backend request as it is sent.
    if (bereq.http.X-Hub-Br) {
        set bereq.http.Accept-Encoding = "br, gzip";
    }
}

sub vcl_backend_response {
    # For the host BAN (see vcl_recv); removed again before delivery.
    set beresp.http.X-Hub-Host = bereq.http.Host;
    # An answer that varies on the encoding is, here, one that varies on whether the client accepts Brotli
    # (vcl_recv): every other client gets the gzip object, unzipped if need be. (Varying on Accept-Encoding
    # itself would compare the "br, gzip" sent to the app with the clients' rewritten "gzip": never a hit.)
    # Clients see Accept-Encoding again (vcl_deliver).
    if (beresp.http.Vary ~ "(?i)Accept-Encoding") {
        set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)\bAccept-Encoding\b", "X-Hub-Br");
    }
    # Behind a TLS terminator, the same URL over http is a redirect to https (SECURE_SSL_REDIRECT): keep the
    # two apart. A Vary rather than a hash of the header, so a PURGE (which carries no X-Forwarded-Proto)
    # still removes both.
    if (beresp.http.Vary !~ "(?i)X-Forwarded-Proto") {
        if (beresp.http.Vary) {
            set beresp.http.Vary = beresp.http.Vary + ", X-Forwarded-Proto";
        } else {
            set beresp.http.Vary = "X-Forwarded-Proto";
        }
    }
    # Only the app decides what may be shared: a response that says nothing about caching (an error page, the
    # `/` redirect) is not stored, instead of living for Varnish's default two minutes.
    if (!beresp.http.Cache-Control && !beresp.http.Expires) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Varnish has already read the TTL from s-maxage (else max-age) and the grace from stale-while-revalidate.
    # Keeping an expired object a while longer lets Varnish revalidate it with its ETag: the app answers 304
    # from its page cache without rendering or sending the page again.
    if (beresp.http.ETag || beresp.http.Last-Modified) {
        set beresp.keep = 10m;
    }
    # Then the built-in rules: nothing with Set-Cookie, `private`, `no-cache` or `no-store` is stored.
}

sub vcl_deliver {
    unset resp.http.X-Hub-Host;
    # Clients are told the answer varies on Accept-Encoding (vcl_backend_response); Varnish has already said so
    # itself on a gzip object.
    if (resp.http.Vary ~ "X-Hub-Br") {
        if (resp.http.Vary ~ "(?i)Accept-Encoding") {
            set resp.http.Vary = regsuball(resp.http.Vary, "(X-Hub-Br\s*,\s*|\s*,\s*X-Hub-Br\b)", "");
        } else {
            set resp.http.Vary = regsuball(resp.http.Vary, "X-Hub-Br", "Accept-Encoding");
        }
    }
}
