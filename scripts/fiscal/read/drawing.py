"""A page's drawing instructions inflated within a bound, before they are interpreted.

A page is drawn by its content streams and the forms they place, nearly always
Flate-compressed. A few hundred kilobytes of zlib inflate to hundreds of megabytes of
instructions, which pdfminer would interpret one by one until the per-document time or
memory limit stops it: minutes of a worker for one crafted page. Inflating them here, a
piece at a time, finds such a page as soon as its instructions pass :data:`LIMIT_MB`.
A stream read whole here is handed to pdfminer as it would have decoded it, so nothing is
inflated twice.
"""

from __future__ import annotations

from collections.abc import Callable

from pdfminer.ascii85 import ascii85decode, asciihexdecode
from pdfminer.pdftypes import (
    LITERALS_ASCII85_DECODE,
    LITERALS_ASCIIHEX_DECODE,
    LITERALS_FLATE_DECODE,
    PDFStream,
    resolve1,
)
from pdfplumber.page import Page

from fiscal.read.inflate import inflate_within

#: How large a page's drawing instructions may be once inflated. A table page's take well
#: under a megabyte (the corpus's largest page, a project's performance targets, 0.9 MB).
LIMIT_MB = 64


class OversizedDrawing(Exception):
    """A page whose drawing instructions inflate past :data:`LIMIT_MB`."""


def check_drawing(page: Page) -> None:
    """Raise :class:`OversizedDrawing` if ``page``'s content streams and the forms they
    place (each counted once) inflate past :data:`LIMIT_MB` together."""
    budget = LIMIT_MB * 2**20
    seen: set[int] = set()
    for stream in _drawn(page.page_obj.contents, page.page_obj.resources, seen):
        budget -= _size(stream, budget)
        if budget < 0:
            raise OversizedDrawing(
                f"page {page.page_number}'s drawing instructions inflate past {LIMIT_MB} MB "
                "(a table page's take under one)"
            )


def _drawn(contents: list, resources: object, seen: set[int]):
    """The streams that draw: the contents, then each form their resources name, and the
    forms those name (a form that places itself is visited once)."""
    for stream in contents:
        stream = resolve1(stream)
        if isinstance(stream, PDFStream):
            yield stream
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return
    for reference in xobjects.values():
        form = resolve1(reference)
        if not isinstance(form, PDFStream):
            continue
        key = form.objid if form.objid is not None else id(form)
        if key not in seen and getattr(resolve1(form.attrs.get("Subtype")), "name", "") == "Form":
            seen.add(key)
            yield from _drawn([form], form.attrs.get("Resources"), seen)


def _size(stream: PDFStream, budget: int) -> int:
    """The stream's inflated size, or more than ``budget`` once it passes it.

    A stream whose last filter is Flate, after none or only the text encodings (ASCII85,
    ASCIIHex) that never enlarge it, is decoded here as pdfminer decodes it (deciphered
    first, each filter in turn) and, when whole and without a predictor, kept decoded for
    pdfminer; any other is left to pdfminer's own decoding.
    """
    if stream.data is not None:
        return len(stream.data)
    filters = stream.get_filters()
    if not filters:
        return len(stream.rawdata)
    *encodings, (last, parameters) = filters
    decoders = [None if options else _decoder(name) for name, options in encodings]
    if last not in LITERALS_FLATE_DECODE or None in decoders:
        return 0
    data = stream.rawdata
    if stream.decipher:
        data = stream.decipher(stream.objid, stream.genno, data, stream.attrs)
    for decode in decoders:
        data = decode(data)
    whole, size = inflate_within(data, budget)
    if whole is not None and not parameters:
        stream.data, stream.rawdata = whole, None
    return size


def _decoder(name: object) -> Callable[[bytes], bytes] | None:
    """pdfminer's own decoder of a text encoding filter named ``name``, if it is one."""
    if name in LITERALS_ASCII85_DECODE:
        return ascii85decode
    if name in LITERALS_ASCIIHEX_DECODE:
        return asciihexdecode
    return None
