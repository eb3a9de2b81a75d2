"""`hogo serve` and `hogo demo`: the web application on hogo's store."""

from __future__ import annotations

import datetime as dt
import gc
import os
import secrets
import shutil
import socket
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from rich.progress import Progress
from uvicorn.supervisors import Multiprocess

from hogo import bootstrap
from hogo.adapters.chinook_people import chinook_customers, find_chinook
from hogo.adapters.keyring import FileKeyring
from hogo.adapters.sample_people import sample_people
from hogo.audit.keys import AuditKeyFile
from hogo.cli.common import cli_clock, cli_settings, err, handle_errors
from hogo.identity.policy import Actor, Role, system_actor
from hogo.identity.service import CreatedKey
from hogo.incidents.policy import Kind
from hogo.incidents.schemas import IncidentIn
from hogo.jobs.catalogue import default_registry
from hogo.jobs.worker import Worker
from hogo.ledger.loader import load_ledger_file
from hogo.ledger.notice_rights import web_kinds
from hogo.settings import Settings
from hogo.web.app import Application, Background, create_app

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
NO_PROXY: dict[str, Any] = {"proxy_headers": False}
"""uvicorn believes X-Forwarded-* from 127.0.0.1 by default; hogo believes only HOGO_TRUSTED_PROXIES (web/https.py)."""
FACTORY = "hogo.cli.serve:app_from_environment"


def app_from_environment() -> Application:
    """The application on the store the HOGO_ environment names, with the jobs worker unless HOGO_JOBS_WORKER is
    off: the factory each `hogo serve` worker process imports (each runs its own jobs thread; ADR 0014)."""
    container = bootstrap.build()
    app = create_app(container, close_on_shutdown=True, background=jobs_worker(container))
    # What start-up built lives as long as the worker: frozen, it is never walked again by a full collection,
    # which on this heap (~250,000 objects) paused every request for tens of milliseconds (ADR 0028).
    gc.collect()
    gc.freeze()
    return app


def jobs_worker(container: bootstrap.Container) -> list[Background]:
    """The scheduled jobs' thread and the outbox's sender thread for an application process, or none where
    HOGO_JOBS_WORKER is off."""
    if not container.settings.jobs_worker:
        return []
    return [Worker(container, default_registry()), container.outbox]


@handle_errors
def serve(
    context: typer.Context,
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="worker processes (each with its own caches)")] = 1,
) -> None:
    """Run the API, the portal, the console, the API docs and the scheduled jobs (HOGO_JOBS_WORKER) on the store
    HOGO_DATABASE_URL names."""
    container = bootstrap.build(cli_settings(export=True), cli_clock(context))
    try:
        bootstrap.ensure_schema(container)
    finally:
        container.close()
    if workers == 1:
        uvicorn.run(FACTORY, factory=True, host=host, port=port, log_level="info", **NO_PROXY)
        return
    config = uvicorn.Config(FACTORY, factory=True, host=host, port=port, workers=workers, log_level="info", **NO_PROXY)
    # A listener created as TCP: uvicorn's own `--workers` socket has proto 0, so the accepted sockets lose
    # TCP_NODELAY and every keep-alive request after the first waits ~40 ms for a delayed ACK
    # (Kludex/uvicorn#3149; measured in bench/api_decisions.py).
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    Multiprocess(config, sockets=[sock]).run()


@handle_errors
def demo(
    context: typer.Context,
    directory: Annotated[Path, typer.Option(help="where the demo keeps its SQLite file")] = Path("hogo-demo"),
    example: Annotated[str, typer.Option(help="which example ledger to load (a folder of examples/)")] = "japanet",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
    serve_: Annotated[bool, typer.Option("--serve/--no-serve", help="start the web server after setting up")] = True,
    people: Annotated[int, typer.Option(help="sample people to load (Japanet example only)")] = 300,
) -> None:
    """Start the whole product on an embedded SQLite file with an example company's ledger."""
    ledger_file = EXAMPLES / example / "ledger.yaml"
    if not ledger_file.is_file():
        available = ", ".join(sorted(p.name for p in EXAMPLES.glob("*/") if (p / "ledger.yaml").is_file()))
        err(f"no example ledger {ledger_file}; available: {available or 'none (run from a clone of the repository)'}")
        raise typer.Exit(1)
    directory.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{(directory / 'hogo.db').resolve()}"
    key_file = (directory / "hogo-keys.json").resolve()
    mail_log = (directory / "mail.log").resolve()
    published = (directory / "published").resolve()
    settings = _demo_audit(_demo_settings(url, key_file, mail_log, port), published)
    container = bootstrap.build(settings, cli_clock(context))
    if not key_file.exists():  # the first start: the key's age (rotation) counts from the container's clock
        FileKeyring.create(key_file, container.clock.now())
    bootstrap.ensure_schema(container)
    result = container.ledger.apply(load_ledger_file(ledger_file), actor="demo")
    state = "applied" if result.created else "already in force"
    actor = system_actor("demo")
    loaded = _sample_people(container, people, actor) if example == "japanet" else 0
    if example == "japanet":
        _shop(directory)
    portal_as = "customer000000@example.jp"
    if example == "chinook":
        loaded = _chinook(container, directory, actor)
        portal_as = "luisg@embraer.com.br"
    officer, app_key = _demo_keys(container, actor)
    desk_password = _demo_operator(container, "desk", "窓口 担当", Role.desk, actor)
    officer_password = _demo_operator(container, "officer", "個人情報保護管理者", Role.officer, actor)
    _print_demo(
        container,
        f"{result.applied.ledger.operator.name.ja}: ledger version {result.applied.version} {state}",
        example,
        port,
        (url, key_file, published),
        (loaded, portal_as),
        (officer, app_key, desk_password, officer_password),
    )
    if serve_:
        uvicorn.run(
            create_app(container, background=jobs_worker(container)),
            host="127.0.0.1",
            port=port,
            log_level="info",
            **NO_PROXY,
        )
    container.close()


def _print_demo(
    container: bootstrap.Container,
    title: str,
    example: str,
    port: int,
    paths: tuple[str, Path, Path],
    people: tuple[int, str],
    secrets_: tuple[CreatedKey, CreatedKey, str, str],
) -> None:
    """What the demo set up and where to find it, as the first thing a new user reads."""
    url, key_file, published = paths
    loaded, portal_as = people
    officer, app_key, desk_password, officer_password = secrets_
    base = f"http://127.0.0.1:{port}"
    print(f"hogo demo — {title}")
    print(f"  store:          {url}   ({container.subjects.count()} people; {loaded} loaded now)")
    print(f"  key file:       {key_file}")
    print(f"  privacy notice: {base}/portal/privacy   (English: {base}/portal/privacy?lang=en)")
    if web_kinds(container.ledger.current().ledger.requests):
        print(f"  requests portal: {base}/portal/requests   (as {portal_as}; codes go to {_mail_to(container)})")
    else:  # the portal takes only what the ledger (and so the notice) accepts by web form
        print(
            f"  requests portal: {base}/portal/requests   (this company takes requests as its notice says, not by"
            " web form; the desk records them: /console/requests/new, `hogo requests file`)"
        )
    print(f"  API:            {base}/api/v1/ledger")
    print(f"  API docs:       {base}/docs")
    print(
        f"  console:        {base}/console/   (desk / {desk_password}, officer / {officer_password})\n"
        f"  scheduled jobs: {base}/console/jobs   (run by this process; `hogo jobs list` on this store)"
    )
    print(f"  retention:      {base}/console/retention   (`hogo retention preview`; walk-through in docs/retention.md)")
    if example == "japanet":
        worked = _worked_incident(container, system_actor("demo"))
        print(f"  incidents:      {base}/console/incidents   (worked example: {worked})")
        print(
            f"  processed:      {base}/console/processed   (`hogo processed run customers-anonymised`;"
            f" published items: {base}/portal/anonymised)"
        )
    print(f"  API key (officer, every item category):   {officer.token}")
    print(f"  API key (application, identity+transaction only): {app_key.token}")
    checkpoint = container.checkpoints.write()
    print(
        f"  audit log:      checkpoint of {checkpoint.size} event(s) signed as {checkpoint.origin}, published in "
        f"{published}\n                  (public key: `hogo keys audit-public`; the job audit-checkpoints signs more)"
    )
    print(
        f"  CLI on this store: HOGO_DATABASE_URL={url} HOGO_KEY_FILE={key_file} HOGO_AUDIT_PUBLISH={published} "
        f"hogo audit verify --checkpoint {published / 'checkpoint'}"
    )
    if example == "chinook":
        print(f"  Chinook database: HOGO_CHINOOK_URL={os.environ['HOGO_CHINOOK_URL']}   (set it for the CLI too)")
    if example == "japanet":
        shop = os.environ["HOGO_JAPANET_SHOP_URL"]
        print(f"  shop database:  HOGO_JAPANET_SHOP_URL={shop}   (set it for the CLI too)")


def _demo_audit(settings: Settings, published: Path) -> Settings:
    """The demo's checkpoint signing key beside its key file, and its checkpoints published in a directory."""
    audit_keys = AuditKeyFile(settings.key_file.with_name("hogo-audit.key"))
    if not audit_keys.exists():
        audit_keys.create("demo.hogo.localhost/audit")
    return settings.model_copy(update={"audit_publish": str(published)})


def _demo_keys(container: bootstrap.Container, actor: Actor) -> tuple[CreatedKey, CreatedKey]:
    """The demo's two API keys; a rerun revokes the previous ones instead of leaving two more active."""
    for old in container.identity.keys(actor):
        if old.name in ("demo officer", "demo shop app") and not old.revoked:
            container.identity.revoke(old.id, actor)
    officer = container.identity.create_key("demo officer", Role.officer, None, actor)
    app_key = container.identity.create_key("demo shop app", Role.application, ["identity", "transaction"], actor)
    return officer, app_key


def _sample_people(container: bootstrap.Container, people: int, actor: Actor) -> int:
    """Load the Japanet sample people into an empty vault; how many were loaded now."""
    if container.subjects.count() > 0 or people <= 0:
        return 0
    batch = list(sample_people(people))
    with Progress(transient=True) as progress:
        task = progress.add_task("loading sample people", total=len(batch))
        for start in range(0, len(batch), 100):
            container.subjects.acquire_many(batch[start : start + 100], actor)
            progress.update(task, advance=len(batch[start : start + 100]))
    return len(batch)


def _demo_settings(url: str, key_file: Path, mail_log: Path, port: int) -> Settings:
    """The demo's store, keys and mail log, links to its own port; the clock warnings of incidents go to the mail
    log as well."""
    settings = Settings(
        database_url=url, actor="demo", key_file=key_file, mail_log=mail_log, public_url=f"http://127.0.0.1:{port}"
    )
    if settings.officer_mail is None:
        return settings.model_copy(update={"officer_mail": "officer@example.jp"})
    return settings


def _worked_incident(container: bootstrap.Container, actor: Actor) -> str:
    """One incident the demo records on its first start: an order e-mail sent to the wrong customer."""
    found = container.incidents.service.register(actor)
    if not found:
        first = container.subjects.holders(["order-details"], ["customer"]).person_ids[:1]
        now = container.clock.now()
        data = IncidentIn(
            kind=Kind.misdirected_mail,
            aware_at=now - dt.timedelta(hours=2),
            occurred_at=now - dt.timedelta(hours=3),
            description="ご注文確認メールを別のお客様に誤送信した（デモ）",
            items=["name", "order-details"],
            subject_kinds=["customer"],
            persons=first,
        )
        found = [container.incidents.service.record(data, actor)]
    view = found[-1]
    from hogo.incidents.messages import KINDS, OUTCOMES

    outcome = ((view.assessment or {}).get("decision") or {}).get("outcome", "")
    kind = KINDS.get(view.kind.value, (view.kind.value,))[0]
    return f"{view.id}, {kind}: {OUTCOMES.get(outcome, ('未評価 / not assessed',))[0]}"


def _mail_to(container: bootstrap.Container) -> str:
    settings = container.settings
    return (
        f"the SMTP server {settings.smtp_host}:{settings.smtp_port}" if settings.smtp_host else str(settings.mail_log)
    )


def _chinook(container: bootstrap.Container, directory: Path, actor: Actor) -> int:
    """Point HOGO_CHINOOK_URL at a copy of the Chinook SQLite file in the demo folder (unless it is set, e.g. to
    Chinook on PostgreSQL), and record its customers as persons in the vault; how many were loaded now."""
    if not os.environ.get("HOGO_CHINOOK_URL"):
        copy = (directory / "chinook.sqlite").resolve()
        if not copy.exists():
            found = find_chinook(EXAMPLES.parent)
            if found is None:
                err("the Chinook sample database is not found: set HOGO_CHINOOK_DIR or HOGO_CHINOOK_URL")
                raise typer.Exit(1)
            shutil.copyfile(found, copy)
            copy.chmod(0o644)
        os.environ["HOGO_CHINOOK_URL"] = f"sqlite:///{copy}"
    if container.subjects.count() > 0:
        return 0
    batch = chinook_customers(os.environ["HOGO_CHINOOK_URL"])
    container.subjects.acquire_many(batch, actor)
    return len(batch)


def _shop(directory: Path) -> None:
    """Point HOGO_JAPANET_SHOP_URL at the demo's shop database (sample customers with their purchases), made once
    in the demo folder unless the variable is set: the source of the ledger's processing jobs."""
    if os.environ.get("HOGO_JAPANET_SHOP_URL"):
        return
    path = (directory / "shop.sqlite").resolve()
    if not path.exists():
        from hogo.adapters.sample_shop import make_shop

        make_shop(path)
    os.environ["HOGO_JAPANET_SHOP_URL"] = f"sqlite:///{path}"


def _demo_operator(container: bootstrap.Container, login: str, name: str, role: Role, actor: Actor) -> str:
    """Create the demo's console operator, or give it a fresh password on a second run; the password."""
    password = secrets.token_urlsafe(12)
    if any(op.login == login for op in container.operators.operators(actor)):
        container.operators.set_password(login, password, actor)
    else:
        container.operators.create(login, name, role, None, password, actor)
    return password
