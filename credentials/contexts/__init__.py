"""The JSON-LD contexts our credentials use, bundled, and the only loader that may read them.

What a Data Integrity signature covers is the RDF graph the contexts produce, so a context
fetched from the network at signing or verification time would let whoever serves it change
the meaning of what was signed (and would make every verification an outbound request, an
SSRF vector). Each bundled file is pinned by its SHA-256 (see README.md for provenance);
:func:`document_loader` serves those and refuses every other URL, never fetching.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

__all__ = [
    "BUNDLED_CONTEXTS",
    "CLR_V2P0",
    "DID_V1",
    "MULTIKEY_V1",
    "OB_V3P0",
    "VC_V2",
    "CanonicalizationError",
    "ContextNotBundled",
    "canonicalize",
    "document_loader",
    "loader_with",
]

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3P0 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
CLR_V2P0 = "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"
# Named by the DID document, which is not signed and never canonicalized here, so not bundled.
DID_V1 = "https://www.w3.org/ns/did/v1"

_DIR = Path(__file__).resolve().parent

# URL -> (file, SHA-256 of the file's bytes). The VC 2.0 digest is the normative one published
# in the Recommendation (§ B.1); the others are digests of the copies we reviewed.
BUNDLED_CONTEXTS: dict[str, tuple[str, str]] = {
    VC_V2: (
        "credentials-v2.jsonld",
        "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    ),
    OB_V3P0: (
        "ob-v3p0-context-3.0.3.json",
        "01d87cc8b5357af557bfb09428f603c4691c49ef8a6089945a70bda1b96b1db2",
    ),
    MULTIKEY_V1: (
        "security-multikey-v1.jsonld",
        "9ae9f9e8c8078caa4018d3491d69b175744334f60536339cc7ab365ba7d789a8",
    ),
    CLR_V2P0: (
        "clr-v2p0-context-2.0.1.json",
        "880f1902d4158f2f33ce06af41b90719977cd1ea337a9de2e41edb3ff5e543d6",
    ),
}

RemoteDocument = dict[str, Any]
DocumentLoader = Callable[..., RemoteDocument]


class ContextNotBundled(Exception):
    """A document names a JSON-LD context we do not bundle. Nothing was fetched."""

    def __init__(self, url: str):
        super().__init__(
            f"JSON-LD context {url!r} is not bundled with PeerCert; it is never fetched"
        )
        self.url = url


class CanonicalizationError(Exception):
    """The document cannot be turned into canonical N-Quads (bad JSON-LD, unknown context, or
    a property no context defines, which would otherwise be silently left unsigned)."""


@cache
def _bundled_document(url: str) -> dict[str, Any]:
    filename, expected = BUNDLED_CONTEXTS[url]
    raw = (_DIR / filename).read_bytes()
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected:
        # A changed context silently changes what every signature covers: refuse loudly.
        raise RuntimeError(f"bundled context {filename} has SHA-256 {actual}, expected {expected}")
    return json.loads(raw)


def document_loader(url: str, options: Mapping[str, Any] | None = None) -> RemoteDocument:
    """pyld document loader: the bundled contexts by exact URL, and nothing else, ever."""
    if url not in BUNDLED_CONTEXTS:
        raise ContextNotBundled(url)
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": _bundled_document(url),
        # Immutable for the life of the process: pyld may keep the processed context.
        "tag": "static",
    }


def loader_with(extra: Mapping[str, dict[str, Any]]) -> DocumentLoader:
    """The bundled loader plus ``extra`` documents (tests use this for the W3C examples
    context of published test vectors). Production code never widens the set."""
    extra = dict(extra)

    def load(url: str, options: Mapping[str, Any] | None = None) -> RemoteDocument:
        if url in extra:
            return {
                "contentType": "application/ld+json",
                "contextUrl": None,
                "documentUrl": url,
                "document": extra[url],
            }
        return document_loader(url, options)

    return load


class SharedLRUCache(LRUCache):
    """An LRUCache that the threads of a process can share. cachetools' caches are not
    thread-safe (its documentation says so): a read moves the entry to the end of the LRU order
    and a write may evict, so two threads at once break the order ("OrderedDict mutated during
    iteration", KeyError). Eight first requests signing one credential at once hit it."""

    def __init__(self, maxsize: int) -> None:
        super().__init__(maxsize)
        # Re-entrant: get() reads through __getitem__, and __setitem__ evicts through popitem().
        self._lock = threading.RLock()

    def __getitem__(self, key):
        with self._lock:
            return super().__getitem__(key)

    def __setitem__(self, key, value) -> None:
        with self._lock:
            super().__setitem__(key, value)

    def __delitem__(self, key) -> None:
        with self._lock:
            super().__delitem__(key)

    def get(self, key, default=None):
        with self._lock:
            return super().get(key, default)

    def pop(self, key, *default):
        with self._lock:
            return super().pop(key, *default)

    def popitem(self):
        with self._lock:
            return super().popitem()

    def clear(self) -> None:
        with self._lock:
            super().clear()


# Our own cache of processed contexts, so nothing another part of the process resolved (with
# some other loader) can stand in for a bundled context. pyld caches every inline (type-scoped)
# context of a context document as an entry of its own, and the Open Badges context has dozens:
# at 16 entries the cache thrashed and every credential reprocessed them all (canonicalising
# took 2.2x as long). Shared by every thread of the process, hence the lock.
_resolved_contexts: LRUCache = SharedLRUCache(maxsize=1024)


def _refuse_dropped(expanded_property: str | None) -> None:
    raise CanonicalizationError(
        "a property is not defined by any context in the document "
        f"({expanded_property or 'undefined term'}); it would be left out of the signature"
    )


def canonicalize(document: Mapping[str, Any], *, loader: DocumentLoader | None = None) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of ``document``.

    Refuses, rather than silently ignores, any property that no context defines: a dropped
    property would sit in the JSON unsigned.
    """
    resolver_cache = _resolved_contexts if loader is None else {}
    loader = loader or document_loader
    processor = jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped)
    try:
        return processor.normalize(
            dict(document),
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": loader,
                "contextResolver": ContextResolver(resolver_cache, loader),
                "base": "",
            },
        )
    except CanonicalizationError:
        raise
    except jsonld.JsonLdError as error:
        cause = _root_cause(error)
        if isinstance(cause, ContextNotBundled | CanonicalizationError):
            raise type(cause)(*_args(cause)) from error
        raise CanonicalizationError(f"not valid JSON-LD: {error.args[0]}") from error


def _root_cause(error: BaseException) -> BaseException:
    seen = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ContextNotBundled | CanonicalizationError):
            return current
        current = current.__cause__ or current.__context__
    return error


def _args(error: BaseException) -> tuple:
    if isinstance(error, ContextNotBundled):
        return (error.url,)
    return error.args
