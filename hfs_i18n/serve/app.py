"""The preview as an ASGI application: Starlette routes, a watchfiles task, and a
Server-Sent Events channel that tells open pages to fetch themselves again.

The parts are the ones sphinx-autobuild uses (Starlette, uvicorn, watchfiles); the
reload channel is SSE rather than a WebSocket because it only ever speaks one way and
needs nothing beyond HTTP (uvicorn would need a WebSocket library besides).  A page that
hears of a change asks for itself with ``If-None-Match``: the server answers 304 unless
an input of that very page changed, so an edit to the Turkish catalog costs an Arabic
page one round trip and no rendering.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import mimetypes
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from hfs_i18n.errors import InputError
from hfs_i18n.serve.catalogs import EditRefused
from hfs_i18n.serve.marking import MessageKey
from hfs_i18n.serve.preview import Preview, Served, error_page

ASSETS = Path(__file__).parent / "assets"
MAX_BODY = 256 * 1024  # bytes of one JSON request (an edit is a few hundred)
HEARTBEAT = 15.0  # seconds between SSE comments, so a closed tab is noticed
NO_CACHE = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}


class Broadcaster:
    """Fan-out of change events to every open page's SSE stream."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[dict[str, Any] | None]] = set()

    def publish(self, event: dict[str, Any] | None) -> None:
        for queue in list(self.queues):
            queue.put_nowait(event)

    async def stream(self, request: Request) -> AsyncIterator[str]:
        queue: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.queues.add(queue)
        try:
            yield "retry: 500\n\n"
            while True:
                try:
                    event = await asyncio.wait_for(queue.get(), HEARTBEAT)
                except TimeoutError:
                    if await request.is_disconnected():
                        return
                    yield ": heartbeat\n\n"
                    continue
                if event is None:
                    return
                yield f"data: {json.dumps(event)}\n\n"
        finally:
            self.queues.discard(queue)


def watched_folders(preview: Preview) -> list[Path]:
    """The folders whose files the preview reads (parents, so atomic renames are seen)."""
    project = preview.project
    folders = [*project.template_dirs, project.catalog_dir, preview.clinic_path.parent]
    folders.append(project.documents_file.parent)
    if project.glossary is not None:
        folders.append(project.glossary.parent)
    resolved = sorted({f.resolve() for f in folders if f.exists()}, key=lambda p: len(p.parts))
    kept: list[Path] = []
    for folder in resolved:
        if not any(folder.is_relative_to(k) for k in kept):
            kept.append(folder)
    return kept


async def watch(preview: Preview, broadcaster: Broadcaster, stop: asyncio.Event) -> None:
    """Tell open pages about every change to an input (grouped over a few milliseconds)."""
    import watchfiles

    def relevant(_change: Any, path: str) -> bool:
        return preview.watches(Path(path))

    polling = False
    while not stop.is_set():
        try:
            async for changes in watchfiles.awatch(
                *watched_folders(preview),
                watch_filter=relevant,
                debounce=400,
                step=15,
                stop_event=stop,
                recursive=True,
                force_polling=polling,
                poll_delay_ms=100,
            ):
                paths = [Path(p) for _, p in changes]
                preview.changed(paths)
                changed = sorted({preview.project.relative(p) for p in paths})
                broadcaster.publish({"version": preview.version, "changed": changed})
        except Exception as exc:  # the preview must keep serving; say why pages go stale
            print(f"hfs-i18n serve: file watcher failed ({exc}); polling instead", file=sys.stderr)
            if polling:
                return
            polling = True


def _served(served: Served, request: Request, status: int = 200) -> Response:
    etag = f'"{served.etag}"'
    headers = {**NO_CACHE, "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(served.body, status, headers=headers, media_type=served.media_type)


def _failure(preview: Preview, exc: Exception, locale: str = "") -> Response:
    page = preview.inject(error_page(exc), locale, "", f"error-{preview.version}", False)
    return HTMLResponse(page, 500, headers=NO_CACHE)


def create_app(preview: Preview, watch_files: bool = True, hosts: list[str] | None = None) -> Any:
    broadcaster = Broadcaster()

    async def chooser(request: Request) -> Response:
        try:
            served = await run_in_threadpool(preview.chooser)
        except InputError as exc:
            return _failure(preview, exc)
        return _served(served, request)

    async def document(request: Request) -> Response:
        locale, name = request.path_params["locale"], request.path_params["name"]
        slug, dot, ext = name.rpartition(".")
        if name == "":
            return RedirectResponse(f"/{locale}/index.html")
        try:
            if dot and ext == "html":
                inspect = request.query_params.get("inspect") == "1"
                served = await run_in_threadpool(preview.page, locale, slug, inspect)
            elif dot and ext == "pdf":
                slug, _, variant = slug.partition(".")
                variant = variant or "standard"
                served = await run_in_threadpool(preview.pdf, locale, slug, variant)
            else:
                raise LookupError(name)
        except LookupError:
            return PlainTextResponse("not found", 404, headers=NO_CACHE)
        except InputError as exc:
            return _failure(preview, exc, locale)
        return _served(served, request)

    async def static(request: Request) -> Response:
        try:
            found = await run_in_threadpool(static_file, preview, request.path_params["path"])
        except InputError as exc:
            return _failure(preview, exc)
        if found is None:
            return PlainTextResponse("not found", 404, headers=NO_CACHE)
        body, media_type = found
        return Response(body, headers=NO_CACHE, media_type=media_type)

    async def client(request: Request) -> Response:
        return Response(
            (ASSETS / "client.js").read_bytes(), headers=NO_CACHE, media_type="text/javascript"
        )

    async def events(request: Request) -> Response:
        return StreamingResponse(
            broadcaster.stream(request),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    async def message(request: Request) -> Response:
        data = await _json_body(request)
        if isinstance(data, Response):
            return data
        try:
            locale, key = _message_key(data)
            info = await run_in_threadpool(preview.message, locale, key)
        except (LookupError, ValueError, TypeError):
            return JSONResponse({"error": "no such message"}, 404)
        except InputError as exc:
            return JSONResponse({"error": str(exc)}, 500)
        return JSONResponse(info, headers=NO_CACHE)

    async def edit(request: Request) -> Response:
        data = await _json_body(request)
        if isinstance(data, Response):
            return data
        try:
            locale, key = _message_key(data)
            token, text = data.get("token"), data.get("text")
            if not isinstance(token, str) or not isinstance(text, str):
                raise ValueError("token and text must be strings")
            new_token = await run_in_threadpool(preview.edit, locale, key, token, text)
        except EditRefused as exc:
            return JSONResponse({"error": str(exc)}, 409)
        except (LookupError, ValueError, TypeError) as exc:
            return JSONResponse({"error": f"bad request: {exc}"}, 400)
        except InputError as exc:
            return JSONResponse({"error": str(exc)}, 409)
        broadcaster.publish({"version": preview.version, "changed": []})
        return JSONResponse({"token": new_token})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(watch(preview, broadcaster, stop)) if watch_files else None
        # Let the task register its watches before the first request can load a page: a
        # save between that page and the watch would otherwise never reach it.
        await asyncio.sleep(0)
        try:
            yield
        finally:
            stop.set()
            broadcaster.publish(None)
            if task is not None:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await asyncio.wait_for(task, 2)

    routes = [
        Route("/", lambda request: RedirectResponse("/index.html")),
        Route("/index.html", chooser),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
        Route("/_hfs/client.js", client),
        Route("/_hfs/events", events),
        Route("/_hfs/message", message, methods=["POST"]),
        Route("/_hfs/edit", edit, methods=["POST"]),
        Route("/static/{path:path}", static),
        Route("/{locale}/{name}", document),
        Route("/{locale}/", lambda r: RedirectResponse(f"/{r.path_params['locale']}/index.html")),
    ]
    allowed = hosts or ["127.0.0.1", "localhost", "[::1]", "::1"]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed)]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.broadcaster = broadcaster
    return app


async def _json_body(request: Request) -> dict[str, Any] | Response:
    """A same-origin JSON request, or the response refusing it.

    ``application/json`` cannot be sent cross-origin without a preflight this server
    never grants, and a foreign ``Origin`` is refused outright: another site open in
    the browser cannot make the preview read or write a catalog.
    """
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return JSONResponse({"error": "expected application/json"}, 415)
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.headers.get('host')}":
        return JSONResponse({"error": "cross-origin request refused"}, 403)
    body = await request.body()
    if len(body) > MAX_BODY:
        return JSONResponse({"error": "request too large"}, 413)
    try:
        data = json.loads(body)
    except ValueError:
        return JSONResponse({"error": "invalid JSON"}, 400)
    return data if isinstance(data, dict) else JSONResponse({"error": "expected an object"}, 400)


def _message_key(data: dict[str, Any]) -> tuple[str, MessageKey]:
    locale, msgid = data.get("locale"), data.get("msgid")
    msgctxt, plural = data.get("msgctxt"), data.get("msgid_plural")
    form = int(data.get("form") or 0)
    if not isinstance(locale, str) or not isinstance(msgid, str):
        raise ValueError("locale and msgid are required")
    if msgctxt is not None and not isinstance(msgctxt, str):
        raise ValueError("msgctxt must be a string")
    if plural is not None and not isinstance(plural, str):
        raise ValueError("msgid_plural must be a string")
    if not 0 <= form < 10:
        raise ValueError("form out of range")
    return locale, MessageKey(msgctxt, msgid, plural, form if plural else 0)


def static_file(preview: Preview, path: str) -> tuple[bytes, str] | None:
    """``/static/…`` as ``build`` lays it out: the project's static folder, the web fonts,
    ``fonts.css`` and the clinic's logo.  Only a file inside the project's static folder
    or one of those named files is ever read."""
    from hfs_i18n.pdf.fonts import font_files, site_font_css, site_font_faces

    with preview.lock:
        site = preview.site()
    overrides = site.project.fonts
    if path == "fonts.css":
        return site_font_css(site.locales, overrides, url_prefix="fonts/").encode(), "text/css"
    if path.startswith("fonts/"):
        for faces in site_font_faces(site.locales, overrides).values():
            for font in font_files(faces):
                if path == f"fonts/{font.name}":
                    return font.read_bytes(), mimetypes.guess_type(font.name)[0] or "font/ttf"
        return None
    if site.clinic.logo is not None and path == site.clinic.logo_name:
        return site.clinic.logo.read_bytes(), mimetypes.guess_type(path)[0] or "image/png"
    if site.static_dir is None or "\\" in path or "\0" in path:
        return None
    root = site.static_dir.resolve()
    target = (root / path).resolve()
    if not target.is_relative_to(root) or not target.is_relative_to(preview.project.root.resolve()):
        return None
    if not target.is_file():
        return None
    return target.read_bytes(), mimetypes.guess_type(target.name)[0] or "application/octet-stream"
