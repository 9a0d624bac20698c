"""`framing new` and `framing fetch` (pages served from a local HTTP server on 127.0.0.1)."""

from __future__ import annotations

import http.server
import threading
from functools import partial

import pytest
from test_corpus import SAVED_PAGE

from framing.cli import main
from framing.core.corpus import IncidentError, load_incident
from framing.core.scaffold import new_incident


@pytest.fixture
def page_server(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.html").write_text(SAVED_PAGE, encoding="utf-8")
    (site / "empty.html").write_text("<html><body><nav>menu</nav></body></html>", encoding="utf-8")
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_new_scaffolds_an_incident(tmp_path):
    folder = new_incident("my-incident", tmp_path)
    assert (folder / "incident.yml").exists() and (folder / "articles").is_dir()
    with pytest.raises(IncidentError, match="no articles found"):
        load_incident(folder)
    with pytest.raises(FileExistsError):
        new_incident("my-incident", tmp_path)
    with pytest.raises(ValueError, match="invalid slug"):
        new_incident("My Incident", tmp_path)


def test_fetch_writes_markdown_that_loads(tmp_path, page_server, capsys):
    assert main(["new", "fetched", "--into", str(tmp_path)]) == 0
    folder = tmp_path / "fetched"
    assert main(["fetch", f"{page_server}/story.html", "--into", str(folder)]) == 0
    (md,) = [p for p in (folder / "articles").glob("*.md") if p.name != "README.md"]
    text = md.read_text(encoding="utf-8")
    assert text.startswith("---\noutlet: Example News\n")
    incident = load_incident(folder)
    (article,) = incident.articles
    assert article.url == f"{page_server}/story.html"
    assert article.published.isoformat() == "2020-12-13"
    assert "wounded in an attack by Azerbaijani" in article.text


def test_fetch_of_a_page_without_text_fails_clearly(tmp_path, page_server, capsys):
    new_incident("x", tmp_path)
    code = main(["fetch", f"{page_server}/empty.html", "--into", str(tmp_path / "x")])
    assert code != 0
    assert "empty.html: no article text could be extracted" in capsys.readouterr().err
