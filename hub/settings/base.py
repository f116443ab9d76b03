"""Shared settings: secure by default, configured through environment variables (see README)."""

import datetime
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable into a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail-modeltranslation must come first: its makemigrations/migrate overrides keep
    # translation columns out of Wagtail's own package and add the page columns after migrating.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "core",
    "hub",
    "framework",
    "resources",
    "pathways",
    "opportunities",
    "embeds",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Admin login throttling: failed attempts per user and address, lock-outs, a log in the admin.
    "axes",
    # Serves Swagger UI for /api/v1/docs from our static files, not a CDN.
    "ninja",
]

MIDDLEWARE = [
    # First: a page from the page cache runs no other middleware. It is stored with the headers everything below
    # gave it (security, CSP, Permissions-Policy), and each response from it gets a nonce of its own
    # (docs/performance.md, core/pagecache/entries.py).
    "core.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    # The request's Wagtail Site and the site root paths, read together when first needed (core/routing.py).
    "core.routing.SiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login (Wagtail's included: its form passes the request) before the usual backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site_context",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the zero-set-up default. The IMMEDIATE transaction mode and the busy timeout make a
# second writer wait for the first instead of failing with "database is locked"; WAL lets readers
# carry on while someone writes.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Connections are kept between requests, SQLite's too: opening the site's and the cache's SQLite files, with
# their PRAGMAs, and closing them again cost about 2 ms of CPU on every request (docs/performance.md).
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH, "CONN_MAX_AGE": CONN_MAX_AGE}}
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_ROUTERS = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    # The database cache in a file of its own beside the site's (core/routers.py says why).
    SQLITE_CACHE_PATH = os.environ.get("SQLITE_CACHE_PATH", str(Path(SQLITE_PATH).with_suffix(".cache.sqlite3")))
    DATABASES["cache"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": SQLITE_CACHE_PATH,
        "OPTIONS": SQLITE_OPTIONS,
        "CONN_MAX_AGE": CONN_MAX_AGE,
    }
    DATABASE_ROUTERS = ["core.routers.CacheDatabaseRouter"]

# An optional PostgreSQL read replica for anonymous visitors' reads (core/routers.py). Reads stay on the primary
# for DATABASE_REPLICA_MAX_LAG seconds after each content change: set it above the replica's worst lag.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
DATABASE_REPLICA_MAX_LAG = float(os.environ.get("DATABASE_REPLICA_MAX_LAG", "5"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=CONN_MAX_AGE, conn_health_checks=True
    )
    # In the tests the replica is the primary itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS.append("core.routers.ReplicaRouter")
    # Below the page cache: a page served from the cache reads nothing at all.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("core.pagecache.middleware.PageCacheMiddleware") + 1, "core.middleware.ReplicaReadsMiddleware"
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------------------------
# Shared by every process of the site: rate limits, Wagtail's site root paths and cached figures must be the same
# for every app server (a per-process memory cache multiplied each limit by the number of workers). Redis when
# CACHE_URL names one; otherwise Django's database cache (`make setup` creates its table, `manage.py
# createcachetable`): in the site's PostgreSQL database, or beside a SQLite one in a file of its own.
CACHE_URL = os.environ.get("CACHE_URL", "")
# The page cache's bodies go to Redis too when there is one (rendered once for all app servers); without Redis they
# stay in each process's memory, bounded, while the content version that decides whether they are still good is in
# the shared default cache (docs/performance.md).
PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "1000"))
# Each process also keeps the pages it has served in memory, up to this many bytes (bodies and their
# compressed variants), so that a hit reads only the content version, and unpickles nothing (core/pagecache/store.py).
PAGE_CACHE_LOCAL_BYTES = int(os.environ.get("PAGE_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024)))
# With one Redis, each process holds the content version and Redis tells it when it changes (CLIENT TRACKING), so a
# hit makes no round trip at all; the bound on staleness is in core/pagecache/tracking.py.
PAGE_CACHE_VERSION_TRACKING = env_bool("PAGE_CACHE_VERSION_TRACKING", True)
# Without Redis (the database cache), how long each process uses the content version it read before reading it
# again (seconds; 0 reads it on every request): another app server's change shows within this time.
PAGE_CACHE_VERSION_HOLD = float(os.environ.get("PAGE_CACHE_VERSION_HOLD", "0.25"))
# How long a cache call waits for Redis before the site goes on without it (seconds).
CACHE_SOCKET_TIMEOUT = float(os.environ.get("CACHE_SOCKET_TIMEOUT", "0.5"))


def redis_cache(location, **extra):
    """django-redis with the outage behaviour the Hub wants: when Redis cannot be reached within
    CACHE_SOCKET_TIMEOUT, reads are misses and writes are skipped (logged), and pages render from the database.
    What must not be lost while Redis is away (a new content version) is checked and retried by its owner
    (core/pagecache/versions.py)."""
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": CACHE_SOCKET_TIMEOUT,
            "SOCKET_TIMEOUT": CACHE_SOCKET_TIMEOUT,
        },
        **extra,
    }


# django-redis logs each call it gave up on (logger "django_redis.cache"), so an outage shows in the logs.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

if CACHE_URL.startswith(("redis://", "rediss://")):
    CACHES = {"default": redis_cache(CACHE_URL), "pages": redis_cache(CACHE_URL, KEY_PREFIX="pages")}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "hub_cache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "hub-pages",
            "OPTIONS": {"MAX_ENTRIES": PAGE_CACHE_MAX_ENTRIES},
        },
    }

# --- Page cache and HTTP caching (core/pagecache, docs/performance.md) --------------------------------------
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_ALIAS = "pages"
# How long an entry may live at most; it is normally replaced sooner, by the next content change.
PAGE_CACHE_TIMEOUT = int(os.environ.get("PAGE_CACHE_TIMEOUT", str(24 * 60 * 60)))
# Paths outside the language prefix that are cached too: the JSON API, whose language is its ``?lang=`` (hub/api.py
# registers its parameters). Its schema and docs page are cached with it; its errors, like any page's, are not.
PAGE_CACHE_UNPREFIXED_PATHS = ("/api/v1/",)
# What anonymous pages tell browsers (revalidate every time: a 304 from the page cache costs no query) and shared
# caches (a CDN that nobody purges keeps a page this long; Varnish is purged, deploy/varnish/default.vcl).
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "0"))
PAGE_CACHE_S_MAXAGE = int(os.environ.get("PAGE_CACHE_S_MAXAGE", "60"))
PAGE_CACHE_STALE_WHILE_REVALIDATE = int(os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE", "30"))
# Models of our apps that no public page shows: writing them leaves cached pages alone. Rows that visitors' forms
# write belong here, or any visitor could empty the cache.
PAGE_CACHE_IGNORED_MODELS = [
    "core.ContentVersion",
    "core.TranslationRequest",
    "resources.ResourceSuggestion",
    "pathways.Feedback",
]

# --- Email --------------------------------------------------------------------------------------
# Password resets and notifications, configured from the environment (README); without an
# EMAIL_HOST the messages are written to the console (development), never silently dropped.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Movement Learning Hub <hub@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Passwords --------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages --------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ar", _("Arabic")),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(LANGUAGE_CODES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# One page tree with a column per language; a link differs between languages only in its prefix.
WAGTAILMODELTRANSLATION_TRANSLATE_SLUGS = False
WAGTAIL_I18N_ENABLED = False

# --- Static and media files -------------------------------------------------------------------
# STATIC_URL may name a CDN (https://cdn.example.org/static/) that pulls from the app servers' /static/ (WhiteNoise
# serves the same path); its origin is then allowed for scripts, styles and fonts in the CSP below.
STATIC_URL = os.environ.get("STATIC_URL", "/static/")
if not STATIC_URL.endswith("/"):
    raise ImproperlyConfigured(f"STATIC_URL must end with a slash: {STATIC_URL!r}")
_static_origin = urlsplit(STATIC_URL)
STATIC_ORIGIN = f"{_static_origin.scheme}://{_static_origin.netloc}" if _static_origin.netloc else None
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# The map of hashed file names, kept beside STATIC_ROOT rather than inside it, where it would be served.
STATIC_MANIFEST_ROOT = Path(
    os.environ.get("STATIC_MANIFEST_ROOT", STATIC_ROOT.with_name(f"{STATIC_ROOT.name}-manifest"))
)
# Codex files copied out of node_modules by `make assets` (see Makefile), plus our own.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# The offline packs (Kiwix ZIM files, one per language) that `manage.py build_zim` writes and /downloads/ serves.
ZIM_ROOT = Path(os.environ.get("ZIM_ROOT", BASE_DIR / "build" / "zim"))
# Uploaded images and documents. On several machines they must be on storage every app server shares: MEDIA_ROOT
# on a shared file system, or an object store through django-storages (README, "Running on more than one
# machine"): MEDIA_STORAGE_BACKEND names the storage class, MEDIA_STORAGE_OPTIONS its options as JSON.
MEDIA_STORAGE_BACKEND = os.environ.get("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")
try:
    MEDIA_STORAGE_OPTIONS = json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS") or "{}")
except json.JSONDecodeError as error:
    raise ImproperlyConfigured(f"MEDIA_STORAGE_OPTIONS is not valid JSON: {error}") from error
if not isinstance(MEDIA_STORAGE_OPTIONS, dict):
    raise ImproperlyConfigured("MEDIA_STORAGE_OPTIONS must be a JSON object of the storage's options.")
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND, "OPTIONS": MEDIA_STORAGE_OPTIONS},
    "staticfiles": {"BACKEND": "core.storage.HubStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Movement Learning Hub"
# The picture link previews show for a page that has none of its own (a static file).
HUB_DEFAULT_OG_IMAGE = "hub/og-default.png"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The Hub runs on closed networks too: no calls home from the admin.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "txt", "xlsx", "zip"]

# --- Varnish in front (deploy/varnish/default.vcl, docs/performance.md) -------------------------------
# FRONTEND_CACHE_URL is where the app servers reach Varnish (http://127.0.0.1:6081). Set, a published page is
# PURGEd in every language with the listings above it, and every content change BANs the site's host
# (core/pagecache/frontend.py), both after the commit. Unset, nothing is sent and shared caches keep a page at
# most s-maxage. Wagtail's contrib app is not installed: its receivers would purge before the commit.
FRONTEND_CACHE_URL = os.environ.get("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {"varnish": {"BACKEND": "core.pagecache.frontend.VarnishBackend", "LOCATION": FRONTEND_CACHE_URL}}
    if FRONTEND_CACHE_URL
    else {}
)
# Each purged URL is sent once per language prefix: right while slugs are not translated (every language's URL
# of a page differs only in its prefix, docs/architecture.md, Decisions).
WAGTAILFRONTENDCACHE_LANGUAGES = LANGUAGE_CODES

# --- Security headers (more in production.py) --------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Framing by the Hub itself only (the admin's live preview); embed views relax it (docs/architecture.md, Decisions).
X_FRAME_OPTIONS = "SAMEORIGIN"
# Django's deploy check asks for DENY; the admin's live preview frames our own pages, so SAMEORIGIN
# (with CSP frame-ancestors 'self', hub/middleware.py) is the deliberate choice.
SILENCED_SYSTEM_CHECKS = ["security.W019", "django_ratelimit.W001"]
# The Content Security Policy of every response (django-csp). No 'unsafe-inline', no 'unsafe-eval': the few inline
# blocks carry the request's nonce, which django-csp adds to the header only when a page uses it. Embed cards
# replace frame-ancestors with * (embeds/views.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, *([STATIC_ORIGIN] if STATIC_ORIGIN else [])],
        "style-src": [SELF, NONCE, *([STATIC_ORIGIN] if STATIC_ORIGIN else [])],
        "img-src": [SELF, "data:", "https:"],
        "font-src": [SELF, *([STATIC_ORIGIN] if STATIC_ORIGIN else [])],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The Wagtail admin still has inline scripts without nonces: it gets what it tolerates, enforced, and the policy
# above as report-only (core/middleware.py).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# Features no page of the Hub uses, switched off for every response (django-permissions-policy).
PERMISSIONS_POLICY = {
    "browsing-topics": [],
    "camera": [],
    "geolocation": [],
    "interest-cohort": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# How many proxies in front of the Hub append to X-Forwarded-For; 0 trusts only REMOTE_ADDR. Used wherever the
# Hub needs the client's address: the public forms' rate limits and the admin's login throttling.
HUB_TRUSTED_PROXY_COUNT = int(os.environ.get("HUB_TRUSTED_PROXY_COUNT", "0"))

# --- Admin login throttling (django-axes) -----------------------------------------------------------
# After AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused (429), even
# with the right password, until the cool-off has passed; a successful login clears the count. Curators see the
# attempts under Settings → Login attempts; `manage.py axes_reset` (or axes_reset_username) lifts a lock-out.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The cool-off runs from the lock-out: attempts during it are refused but do not push its end further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "core.request.client_address"
AXES_LOCKOUT_TEMPLATE = "admin_lockout.html"

# --- Rate limits (django-ratelimit) --------------------------------------------------------------
# Counted in the default cache, which every process shares (see Cache above). django-ratelimit names Redis and
# memcached as its supported backends (check W001); Django's database cache shares the count too, and its
# read-then-write increment may at worst let a request through when two arrive in the same instant.
RATELIMIT_USE_CACHE = "default"
# Feedback posts (Did this help? / Report a problem) one client may send in an hour: a reader going through a
# pathway may answer for every step, a script may not flood the curators' list.
FEEDBACK_PER_HOUR = int(os.environ.get("FEEDBACK_PER_HOUR", "30"))
# Pages one client may ask for in its language in an hour ("Request this in my language"; each page once an hour).
TRANSLATION_REQUESTS_PER_HOUR = int(os.environ.get("TRANSLATION_REQUESTS_PER_HOUR", "20"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
