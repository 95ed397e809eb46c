"""A stand-in for GitLab's merge request API on 127.0.0.1: the one request check-changes makes."""

from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_PATH = re.compile(r"^/api/v4/projects/(?P<project>[^/]+)/merge_requests/(?P<iid>\d+)$")


@contextmanager
def gitlab_api(authors: dict[tuple[str, str], str], token: str | None = None):
    """Serve `GET /api/v4/projects/:id/merge_requests/:iid` -> {"author": {"username": …}}.

    `authors` maps (project id, iid) to the author's username; with `token`, a request without
    that PRIVATE-TOKEN is answered 404, as GitLab answers for a private project. Yields the
    API's root URL (CI_API_V4_URL) and the list of requests seen (path, token).
    """
    seen: list[tuple[str, str | None]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # the name http.server calls
            seen.append((self.path, self.headers.get("PRIVATE-TOKEN")))
            match = _PATH.match(self.path)
            author = authors.get((match["project"], match["iid"])) if match else None
            if author is None or (token and self.headers.get("PRIVATE-TOKEN") != token):
                self.send_response(404)
                self.end_headers()
                return
            body = json.dumps({"iid": int(match["iid"]), "author": {"username": author}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v4", seen
    finally:
        server.shutdown()
        server.server_close()
