"""A minimal Flask service for the lintkit examples."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def index() -> str:
    """Answer the health of the service."""
    return "hello"
