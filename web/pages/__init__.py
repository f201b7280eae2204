"""The residents' booking pages (Japanese first, English too)."""

from flask import Blueprint

bp = Blueprint("pages", __name__)
