"""`hogo serve` and `hogo demo`: the web application on hogo's store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from hogo import bootstrap
from hogo.cli.common import err, handle_errors
from hogo.ledger.loader import load_ledger_file
from hogo.settings import Settings
from hogo.web.app import create_app

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


@handle_errors
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Run the API, the portal and the API docs on the store HOGO_DATABASE_URL names."""
    container = bootstrap.build()
    bootstrap.ensure_schema(container)
    uvicorn.run(create_app(container), host=host, port=port, log_level="info")


@handle_errors
def demo(
    directory: Annotated[Path, typer.Option(help="where the demo keeps its SQLite file")] = Path("hogo-demo"),
    example: Annotated[str, typer.Option(help="which example ledger to load (a folder of examples/)")] = "japanet",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    serve_: Annotated[bool, typer.Option("--serve/--no-serve", help="start the web server after setting up")] = True,
) -> None:
    """Start the whole product on an embedded SQLite file with an example company's ledger."""
    ledger_file = EXAMPLES / example / "ledger.yaml"
    if not ledger_file.is_file():
        available = ", ".join(sorted(p.name for p in EXAMPLES.glob("*/") if (p / "ledger.yaml").is_file()))
        err(f"no example ledger {ledger_file}; available: {available or 'none (run from a clone of the repository)'}")
        raise typer.Exit(1)
    directory.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{(directory / 'hogo.db').resolve()}"
    container = bootstrap.build(Settings(database_url=url, actor="demo"))
    bootstrap.ensure_schema(container)
    result = container.ledger.apply(load_ledger_file(ledger_file), actor="demo")
    state = "applied" if result.created else "already in force"
    base = f"http://127.0.0.1:{port}"
    print(f"hogo demo — {result.applied.ledger.operator.name.ja}: ledger version {result.applied.version} {state}")
    print(f"  store:          {url}")
    print(f"  privacy notice: {base}/portal/privacy   (English: {base}/portal/privacy?lang=en)")
    print(f"  API:            {base}/api/v1/ledger")
    print(f"  API docs:       {base}/docs")
    print(f"  CLI on this store: HOGO_DATABASE_URL={url} hogo ledger show")
    if serve_:
        uvicorn.run(create_app(container), host="127.0.0.1", port=port, log_level="info")
    container.close()
