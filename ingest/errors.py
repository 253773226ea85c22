"""citygraph's errors: one root, and the kinds of failure a user meets.

Every error citygraph raises on purpose derives from :class:`CitygraphError`
through one of the kinds below.  A module that needs a more precise error
subclasses a kind where it raises it (``QueryError(BadInput)`` in the store,
``ReadError(BadInput)`` in the reader), so callers catch the kind and
interfaces decide once what each kind means to a user: the web application
maps each class to an HTTP status and an error code in one table
(``citygraph.api.errors``), the command line prints the message and exits
non-zero.

The kinds live here, in the lowest layer, so that ``ingest`` and
``ontology`` still import nothing else of citygraph and every layer above
can raise them.

==================  ==========================================================
kind                what happened
==================  ==========================================================
BadInput            a request, file, query or setting is not valid; the message
                    names the place (file, line, field, parameter)
InvalidParameter    a parameter of a request or an option of a command
NotAcceptable       no representation offered matches what was asked for
InputTooLarge       the input is larger than a limit the operator set
NotFound            nothing has this id or key
TooLarge            the answer would exceed a limit (the row cap)
TimedOut            the work ran past the time limit and was stopped
Refused             the operation is not allowed here (SERVICE, LOAD, updates)
NotAuthorized       the operation needs credentials that were not given
StoreUnavailable    the store cannot be reached or failed
Unsupported         this configuration cannot do it (e.g. dump a remote store)
Conflict            the operation conflicts with the state it would change
==================  ==========================================================

Examples
--------
>>> try:
...     raise InvalidParameter("limit: must be at least 1 (got -1)")
... except BadInput as e:
...     print(type(e).__name__, "-", e.message)
InvalidParameter - limit: must be at least 1 (got -1)
>>> issubclass(NotFound, CitygraphError), issubclass(NotFound, LookupError)
(True, False)
>>> CitygraphError("2 problems", details=["a.csv, line 2: x", "a.csv, line 3: y"]).details
('a.csv, line 2: x', 'a.csv, line 3: y')
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "BadInput",
    "CitygraphError",
    "Conflict",
    "InputTooLarge",
    "InvalidParameter",
    "NotAcceptable",
    "NotAuthorized",
    "NotFound",
    "Refused",
    "StoreUnavailable",
    "TimedOut",
    "TooLarge",
    "Unsupported",
]


class CitygraphError(Exception):
    """The root of every error citygraph raises on purpose.

    Parameters
    ----------
    message
        One or more sentences for the user, naming the place of the problem.
    details
        Further lines (each problem of a data file, each SHACL violation).
    """

    def __init__(self, message: str, *, details: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.details: tuple[str, ...] = tuple(details)

    @property
    def message(self) -> str:
        """The sentence for the user."""
        return str(self.args[0]) if self.args else type(self).__name__

    def __str__(self) -> str:
        return "\n".join((self.message, *self.details))


class BadInput(CitygraphError):
    """A request, file, query or setting is not valid; the message names the place."""


class InvalidParameter(BadInput):
    """A parameter of a request, or an option of a command, is not valid."""


class NotAcceptable(BadInput):
    """No representation offered matches what was asked for (``Accept``, ``format=``)."""


class InputTooLarge(BadInput):
    """The input (a document, a query) is larger than a limit the operator set."""


class NotFound(CitygraphError):
    """Nothing of the kind asked for has this id or key."""


class TooLarge(CitygraphError):
    """The answer would exceed a limit (the row cap); narrow the request."""


class TimedOut(CitygraphError):
    """The work ran past the time limit and was stopped."""


class Refused(CitygraphError):
    """The operation is not allowed here (it would fetch URLs, or write a read-only store)."""


class NotAuthorized(Refused):
    """The operation needs credentials that were not given or do not match."""


class StoreUnavailable(CitygraphError):
    """The store cannot be reached, or failed while answering."""


class Conflict(CitygraphError):
    """The operation conflicts with the state it would change (e.g. a file changed since)."""


class Unsupported(CitygraphError):
    """Not possible with this configuration (a dump of a remote store); the message says why."""
