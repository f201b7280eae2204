"""gunicorn settings: gthread workers (long SSE streams), access log without personal data."""

worker_class = "gthread"
threads = 8
timeout = 120
# The access line and its fields (no query string: birth dates travel in queries) are written
# by this logger class; gunicorn's access_log_format is not used.
logger_class = "runtime.access_log.LeanAccessLogger"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "runtime.logs.RedactingFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact"], "formatter": "plain"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Alembic announces each of its plugins at INFO whenever a worker imports it.
        "alembic.runtime.plugins": {"level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}


def post_worker_init(worker: object) -> None:  # gunicorn calls it with the worker
    """Freeze what the worker has loaded (the app, its models, the catalogs) out of the collector.

    Those objects live as long as the worker; left in the collected generations, every full
    collection walks all of them again and stalls the worker's requests while it does.
    """
    import gc

    gc.freeze()
