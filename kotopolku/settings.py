"""Django settings. Every value that differs between machines comes from ``kotopolku.env``."""

from __future__ import annotations

from datetime import timedelta

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from kotopolku.env import BASE_DIR, read_env

ENV = read_env()

DEBUG = ENV.debug
SECRET_KEY = ENV.secret_key
ALLOWED_HOSTS = ENV.allowed_hosts
CSRF_TRUSTED_ORIGINS = ENV.csrf_trusted_origins

# The product's own apps, lowest layer first. ``kotopolku.urls`` and ``kotopolku.api`` mount
# each app's ``urls`` and ``api`` modules where they exist.
KOTOPOLKU_APPS = [
    "kotopolku.core",
    "kotopolku.audit",
    "kotopolku.organisations",
    "kotopolku.accounts",
    "kotopolku.clients",
    "kotopolku.duplicates",
    "kotopolku.contacts",
    "kotopolku.catalogue",
    "kotopolku.casework",
    "kotopolku.referrals",
    "kotopolku.appointments",
    "kotopolku.employers",
    "kotopolku.events",
    "kotopolku.articles",
    "kotopolku.surveys",
    "kotopolku.inquiries",
    "kotopolku.indicators",
    "kotopolku.website",
]

# Kotopolku's apps first: their translations win over the admin's where a text is the same
# ("Save" is "Tallenna", not the admin's "Tallenna ja poistu").
INSTALLED_APPS = [
    *KOTOPOLKU_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kotopolku.audit.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "kotopolku.core.middleware.NoStoreMiddleware",
    "kotopolku.core.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "kotopolku.urls"
WSGI_APPLICATION = "kotopolku.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kotopolku.core.context_processors.navigation",
                "kotopolku.organisations.context_processors.theme",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(ENV.database_url, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Two-factor sign-in (TOTP) of administrators' and coordinators' password accounts.
OTP_TOTP_ISSUER = "Kotopolku"

# Lockout after repeated failed logins (django-axes), counted per account.
AXES_FAILURE_LIMIT = ENV.login_failure_limit
AXES_COOLOFF_TIME = timedelta(minutes=ENV.login_cooloff_minutes)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "kotopolku.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Logins and logouts are in the audit log already: axes' own access log would add a row to every
# login and an update to every logout.
AXES_DISABLE_ACCESS_LOG = True
# Per account, not per IP: the advisors of one service point share one public address, and
# locking it would lock the whole desk.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_CLIENT_IP_CALLABLE = "kotopolku.audit.context.client_ip_for_axes"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "kotopolku" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
# Each staff language's own date and time forms (fi: 6.12.2026 klo 18.11).
FORMAT_MODULE_PATH = ["kotopolku.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
if ENV.development:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

EMAIL_HOST = ENV.email_host
EMAIL_PORT = ENV.email_port
EMAIL_HOST_USER = ENV.email_user
EMAIL_HOST_PASSWORD = ENV.email_password
EMAIL_USE_TLS = ENV.email_use_tls
DEFAULT_FROM_EMAIL = ENV.default_from_email

# Security headers. Cookies are secure and HSTS is sent whenever the site is served over TLS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 10
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
if ENV.behind_tls:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = ENV.hsts_seconds
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

NINJA_PAGINATION_PER_PAGE = 50

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": ENV.log_level},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Forwarded-for headers (X-Real-IP, X-Forwarded-For) are believed only from these addresses or
# networks (the reverse proxy in front of the app); from anyone else the peer address counts.
TRUSTED_PROXIES = ENV.trusted_proxies

# The audit log's hash chain is keyed with AUDIT_KEY (never stored in the database); signed
# checkpoints of it are written to AUDIT_CHECKPOINT_DIR, the log and optionally an e-mail address.
AUDIT_KEY = ENV.audit_key
AUDIT_CHECKPOINT_DIR = ENV.audit_checkpoint_dir
AUDIT_CHECKPOINT_EMAIL = ENV.audit_checkpoint_email
AUDIT_CHECKPOINT_INTERVAL_MINUTES = ENV.audit_checkpoint_interval_minutes

# Staff sign-in through the municipality's OpenID Connect provider, when OIDC_CLIENT_ID is set
# (mozilla-django-oidc; see the README). Password login stays for accounts without it.
OIDC = ENV.oidc
SWEEP_PROCESSES = ENV.sweep_processes
if OIDC is not None:
    AUTHENTICATION_BACKENDS.append("kotopolku.accounts.oidc.StaffOIDCBackend")
    OIDC_RP_CLIENT_ID = OIDC.client_id
    OIDC_RP_CLIENT_SECRET = OIDC.client_secret
    # The provider's endpoints are read from OIDC (given one by one, or discovered from the
    # issuer at the first sign-in): see kotopolku.accounts.oidc.endpoints.
    OIDC_RP_SIGN_ALGO = OIDC.sign_algorithm
    OIDC_RP_SCOPES = OIDC.scopes
OIDC_AUTHENTICATION_CALLBACK_URL = "accounts:oidc_callback"
OIDC_USE_PKCE = True
# The ID token is kept in the session for logging out at the provider too (id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "accounts:login"
