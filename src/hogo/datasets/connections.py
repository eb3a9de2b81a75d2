"""The connectors to the company's databases, kept open between requests (each schema is reflected once), and
what their failures become: `DatasetUnreachable` (no URL, no connection, a database error, named by class only)
or `DatasetDeclarationInvalid` (the database cannot carry out what the ledger declares).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager

from hogo.adapters.connectors import Connector, ConnectorError
from hogo.datasets.connected import SchemaMismatch
from hogo.errors import Conflict, InvalidInput
from hogo.ledger.schemas.datasets import DataSet

ConnectorFactory = Callable[[str], Connector]


class DatasetUnreachable(Conflict):
    code = "dataset-unreachable"


class DatasetDeclarationInvalid(InvalidInput):
    code = "dataset-declaration-invalid"


class Connections:
    def __init__(self, connect: ConnectorFactory, environ: Mapping[str, str]) -> None:
        self._connect = connect
        self._environ = environ
        self._connectors: dict[str, Connector] = {}
        self._lock = threading.Lock()

    @contextmanager
    def open(self, dataset: DataSet) -> Iterator[Connector]:
        """The dataset's connector, kept open between requests (its schema is reflected once).

        A connector whose database no longer matches the declaration is dropped, so that the next
        request reflects the schema again.
        """
        assert dataset.connection is not None
        url = self._environ.get(dataset.connection.env)
        if not url:
            raise DatasetUnreachable(
                f"data set '{dataset.id}' is not reachable: set the environment variable {dataset.connection.env}"
            )
        with self._lock:
            connector = self._connectors.get(url)
            if connector is None:
                try:
                    connector = self._connect(url)
                except ConnectorError as exc:
                    raise DatasetUnreachable(f"data set '{dataset.id}': {exc}") from None
                self._connectors[url] = connector
        try:
            yield connector
        except (ConnectorError, DatasetUnreachable) as exc:
            with self._lock:
                if self._connectors.pop(url, None) is connector:
                    connector.close()
            if isinstance(exc, SchemaMismatch):
                raise DatasetDeclarationInvalid(f"data set '{dataset.id}': {exc}") from None
            if isinstance(exc, ConnectorError):
                raise DatasetUnreachable(f"data set '{dataset.id}': {exc}") from None
            raise

    def close(self) -> None:
        """Release the connections to the company's databases."""
        with self._lock:
            connectors, self._connectors = list(self._connectors.values()), {}
        for connector in connectors:
            connector.close()
