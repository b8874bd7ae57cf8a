"""hello answers every HTTP GET with a fixed line (standard library only)."""
import os
from http.server import BaseHTTPRequestHandler, HTTPServer

ANSWER = "hello from hello"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = (ANSWER + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


if __name__ == "__main__":
    HTTPServer(("0.0.0.0", int(os.environ.get("PORT", "8000"))), Handler).serve_forever()
