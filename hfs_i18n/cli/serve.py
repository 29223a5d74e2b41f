"""``serve``: the documents live from the catalogs, with inspector (the library does the work)."""

from __future__ import annotations

import threading
import webbrowser
from pathlib import Path

import click

from hfs_i18n.cli.common import (
    InputFailure,
    clinic_option,
    locale_option,
    project_from,
    user_errors,
)

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@locale_option(
    "Only this locale (repeatable; default: every locale the project and clinic offer, "
    "and the pseudo-locales en-XA and ar-XB)."
)
@clinic_option("Clinic profile (TOML); default: the project's sample profile.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the overview in a browser.")
@click.option(
    "--edit", is_flag=True, help="Let the inspector panel write translations into the catalogs."
)
@click.pass_context
def serve(
    ctx: click.Context,
    locales: tuple[str, ...],
    clinic: Path | None,
    host: str,
    port: int,
    open_browser: bool,
    edit: bool,
) -> None:
    """Preview the documents live: pages update as catalogs and templates are saved."""
    try:
        import uvicorn

        from hfs_i18n.serve.app import create_app
        from hfs_i18n.serve.preview import Preview
    except ImportError as exc:
        raise InputFailure(
            f"serve needs the 'serve' extra: pip install '.[serve]' in this repository, "
            f"or 'hfs-i18n[serve]' ({exc.name} is missing)"
        ) from None
    from hfs_i18n.build import BuildOptions, make_plan
    from hfs_i18n.config import PSEUDO_LOCALES

    project = project_from(ctx)
    with user_errors():
        options = BuildOptions(
            out=project.root / "dist", locales=locales, clinic=clinic.resolve() if clinic else None
        )
        plan = make_plan(project, options)
        chosen = plan.locales if locales else [*plan.locales, *PSEUDO_LOCALES]
        preview = Preview(project, list(dict.fromkeys(chosen)), plan.clinic_path, edit=edit)
        preview.site()  # a broken clinic profile, document list or locale stops here
    # On loopback only requests addressed to loopback are answered (no DNS rebinding);
    # a translator who opens the preview to the network names the machine as they like.
    hosts = None if host in LOOPBACK else ["*"]
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: other machines can read the preview", err=True)
    config = uvicorn.Config(
        create_app(preview, hosts=hosts),
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{port}/index.html"
    mode = "edit: the inspector writes catalogs" if edit else "read-only"
    click.echo(f"serving {project.root.resolve()} at {url} ({mode}); Ctrl+C stops")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server.run()
