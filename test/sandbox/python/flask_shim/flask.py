"""
A stand-in for the few parts of Flask that seed 004's webhook verifier uses -- Flask, route,
request.get_data, request.headers.get, jsonify, run -- over the standard library's http.server,
so that the seed's code runs unchanged where Flask is not installed. The test puts this directory
first on PYTHONPATH only then (and once more on purpose, to test this file). Not Flask: one
request at a time, exact paths, no templates.
"""
import json as _json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

__all__ = ["Flask", "jsonify", "request"]


class _Headers:
    """Request headers, looked up without regard to case (as Flask's are)."""

    def __init__(self, message=None):
        self._message = message

    def get(self, name, default=None):
        if self._message is None:
            return default
        return self._message.get(name, default)


class _Request:
    """The request being handled: the server handles one at a time, so one object serves."""

    def __init__(self):
        self.headers = _Headers()
        self.method = None
        self.path = None
        self._body = b""

    def get_data(self, cache=True, as_text=False):
        return self._body.decode("utf-8") if as_text else self._body


request = _Request()


class Response:
    def __init__(self, body, status=200, mimetype="application/json"):
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.status = status
        self.mimetype = mimetype


def jsonify(*args, **kwargs):
    if args and kwargs:
        raise TypeError("jsonify() takes positional or keyword arguments, not both")
    data = args[0] if len(args) == 1 else (list(args) if args else kwargs)
    return Response(_json.dumps(data) + "\n")


class Flask:
    def __init__(self, import_name):
        self.import_name = import_name
        self._routes = {}

    def route(self, rule, methods=None):
        allowed = tuple(m.upper() for m in (methods or ["GET"]))

        def decorator(view):
            self._routes[rule] = (allowed, view)
            return view

        return decorator

    def _answer(self, method, path, headers, body):
        route = self._routes.get(path.split("?", 1)[0])
        if route is None:
            return Response('{"error": "not found"}\n', 404)
        allowed, view = route
        if method not in allowed:
            return Response('{"error": "method not allowed"}\n', 405)
        request.method, request.path = method, path
        request.headers, request._body = _Headers(headers), body
        result = view()
        status = None
        if isinstance(result, tuple):
            result, status = result
        if not isinstance(result, Response):
            result = Response(str(result), mimetype="text/html")
        if status is not None:
            result.status = status
        return result

    def run(self, host="127.0.0.1", port=5000, **_options):
        app = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length > 0 else b""
                try:
                    response = app._answer(self.command, self.path, self.headers, body)
                except Exception as error:  # noqa: BLE001 - a view's bug is a 500, as in Flask
                    print(f"Exception in view: {error!r}", file=sys.stderr, flush=True)
                    response = Response('{"error": "internal server error"}\n', 500)
                self.send_response(response.status)
                self.send_header("Content-Type", response.mimetype)
                self.send_header("Content-Length", str(len(response.body)))
                self.end_headers()
                self.wfile.write(response.body)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle

        server = HTTPServer((host, port), Handler)
        print(f" * Running on http://{host}:{server.server_port} (flask shim over http.server)", file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
