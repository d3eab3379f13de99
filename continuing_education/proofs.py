"""Is an uploaded PDF proof inert? A certificate of completion is a page to look at: anything a
PDF reader would run or open (JavaScript, launch and submit actions, attached files, multimedia,
XFA forms) or data glued after the document's end (a polyglot: a file that is a PDF to one
program and a ZIP or HTML page to another) has no business in it, and reviewers open these
files on their own machines. Such a proof is refused with a reason the trainee can act on.

The check walks every object reachable from the document's trailer with pyHanko's parser under
tight decoding limits (an upload is at most 5 MB; a compressed object stream may not make more
than 16 MB of it, nor the whole file more than 32 MB): a decompression bomb is refused, never
expanded. Page content and images are never decoded, only the dictionaries that say what a
reader does.
"""

from __future__ import annotations

import logging
import re
from io import BytesIO

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.decode_limits import DecodeLimits, DocumentDecodeBudget, StreamDecodeLimits
from pyhanko.pdf_utils.reader import PdfFileReader

logger = logging.getLogger(__name__)

ACTIVE_CONTENT = (
    "This PDF contains scripts, actions, attached files or media. Save or print it as a plain "
    "PDF, or upload a photo or scan of the certificate instead."
)
TRAILING_DATA = (
    "This file has other data after the end of the PDF. Save or print it as a plain PDF, or "
    "upload a photo or scan of the certificate instead."
)
UNREADABLE = (
    "This PDF could not be read, or is password-protected. Save or print it as a plain PDF, or "
    "upload a photo or scan of the certificate instead."
)

# Keys whose presence alone makes a document active.
ACTIVE_KEYS = frozenset(
    {
        "/JS",  # the script of a JavaScript action
        "/JavaScript",  # the document-level scripts in the name tree
        "/EmbeddedFiles",  # attachments in the name tree
        "/EF",  # a file specification carrying the file itself
        "/RichMedia",
        "/RichMediaContent",
        "/XFA",  # XML forms, scriptable
    }
)
# Action types (/S) a reader would run. Links (/URI), page jumps (/GoTo) and viewer commands
# (/Named) stay allowed: many PDF writers open the first page through /OpenAction.
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
        "/GoToR",  # opens another file, local or on a share
        "/GoToE",  # opens an embedded file
        "/Rendition",
        "/Movie",
        "/Sound",
        "/RichMediaExecute",
    }
)
ACTIVE_TYPES = frozenset({"/EmbeddedFile"})
ACTIVE_ANNOTATIONS = frozenset({"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound"})

MiB = 1024 * 1024
DECODE_LIMITS = DecodeLimits(
    per_stream=StreamDecodeLimits(max_ratio=100, ratio_floor=MiB, max_output_size=16 * MiB),
    document_budget=DocumentDecodeBudget(base_allowance=32 * MiB, max_ratio=10),
)
MAX_OBJECTS = 100_000
_TRAILING = re.compile(rb"%%EOF[\s\x00]*\Z")


def pdf_problem(data: bytes) -> str | None:
    """None when the PDF is inert; otherwise the message saying why it is refused."""
    if not _TRAILING.search(data[-4096:]):
        return TRAILING_DATA if b"%%EOF" in data else UNREADABLE
    try:
        reader = PdfFileReader(BytesIO(data), strict=False, decode_limits=DECODE_LIMITS)
        if reader.encrypted:
            return UNREADABLE
        return ACTIVE_CONTENT if _has_active_content(reader.trailer) else None
    except Exception as error:  # hostile or broken file: refused, never a 500
        logger.info("CE proof PDF refused as unreadable: %s", type(error).__name__)
        return UNREADABLE


def _has_active_content(trailer) -> bool:
    # The trailer names the catalog (/Root) and the document information (/Info): everything a
    # reader can reach starts there.
    stack: list = [trailer.raw_get(key) for key in trailer]
    seen: set[tuple[int, int]] = set()
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, generic.IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise ValueError("too many objects to check")
        if isinstance(obj, generic.DictionaryObject):  # streams too: only their dictionary
            if _is_active(obj):
                return True
            stack.extend(obj.raw_get(key) for key in obj)
        elif isinstance(obj, generic.ArrayObject):
            stack.extend(obj.raw_get(index) for index in range(len(obj)))
    return False


def _is_active(dictionary) -> bool:
    if ACTIVE_KEYS.intersection(dictionary.keys()):
        return True
    return (
        _name(dictionary, "/S") in ACTIVE_ACTIONS
        or _name(dictionary, "/Type") in ACTIVE_TYPES
        or _name(dictionary, "/Subtype") in ACTIVE_ANNOTATIONS
    )


def _name(dictionary, key: str) -> str | None:
    value = dictionary.raw_get(key) if key in dictionary else None
    if isinstance(value, generic.IndirectObject):
        value = value.get_object()
    return str(value) if isinstance(value, generic.NameObject) else None
