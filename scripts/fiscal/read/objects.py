"""A page's objects (chars, lines, rects, curves) as pdfplumber makes them, made faster.

pdfplumber turns each pdfminer layout object into a dict (``Page.process_object``): it
resolves every attribute through ``resolve_all`` and names the object's kind with a regular
expression, for each of a page's thousands of characters. Most attributes are plain
numbers and strings that resolve to themselves, so this conversion took a sixth of a
document's reading, as much as pdfplumber's table finder and our whole reading of the
tables together. :func:`parse_objects` makes the same dicts (the same keys in the same
order, equal values: ``tests/test_pdf_objects.py`` holds it to pdfplumber's own on corpus
pages), resolving only what is not plain and naming each class once.
"""

from __future__ import annotations

import re
from typing import Any
from unicodedata import normalize as normalize_unicode

from pdfminer.layout import LTChar, LTContainer, LTCurve, LTItem, LTTextContainer
from pdfplumber.page import ALL_ATTRS, Page, fix_fontname_bytes, lt_pat
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

from fiscal.read.drawing import check_drawing

_PLAIN = (int, float, str, bool, type(None))
#: Each layout class's kind (``LTChar`` → ``char``), as pdfplumber names it.
_KINDS: dict[type, str] = {}
#: A colour space's name as pdfplumber decodes it (a page names a handful, each many times).
_SPACE_NAMES: dict[str, Any] = {}


def parse_objects(page: Page) -> dict[str, list[dict[str, Any]]]:
    """The page's objects by kind, as ``page.objects`` gives them; parsed once per page
    (pdfplumber keeps them until ``page.close()``), whichever of the two asks first. A page
    whose drawing is too large to interpret raises :class:`OversizedDrawing` first."""
    if not hasattr(page, "_objects"):
        check_drawing(page)
        objects: dict[str, list[dict[str, Any]]] = {}
        for item in _leaves(page.layout._objs):
            converted = _convert(page, item)
            if converted["object_type"] != "anno":
                objects.setdefault(converted["object_type"], []).append(converted)
        page._objects = objects
    return page._objects


def _leaves(items: list[LTItem]):
    """The layout's objects that are not containers, in order (pdfplumber reads no
    container itself without layout analysis, which it is never asked for here)."""
    for item in items:
        if isinstance(item, LTContainer):
            yield from _leaves(item._objs)
        else:
            yield item


def _resolved(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN or (kind is tuple and all(type(part) in _PLAIN for part in value)):
        return value
    return resolve_all(value)


def _space_name(name: Any) -> Any:
    if type(name) is not str:
        return resolve_and_decode(name)
    decoded = _SPACE_NAMES.get(name)
    if decoded is None:
        decoded = _SPACE_NAMES[name] = resolve_and_decode(name)
    return decoded


def _colour(colour: Any) -> tuple:
    """A character's colour as pdfplumber gives it: always a tuple."""
    return colour if isinstance(colour, tuple) else (colour,)


def _convert(page: Page, item: LTItem) -> dict[str, Any]:
    """``Page.process_object`` of pdfplumber 0.11, step for step."""
    kind = _KINDS.get(item.__class__)
    if kind is None:
        kind = _KINDS[item.__class__] = re.sub(lt_pat, "", item.__class__.__name__).lower()
    attr = {key: _resolved(value) for key, value in item.__dict__.items() if key in ALL_ATTRS}
    attr["object_type"] = kind
    attr["page_number"] = page.page_number
    for space in ("ncs", "scs"):
        if hasattr(item, space):
            attr[space] = _space_name(getattr(item, space).name)
    if isinstance(item, (LTChar, LTTextContainer)):
        text = item.get_text()
        norm = page.pdf.unicode_norm
        attr["text"] = text if norm is None else normalize_unicode(norm, text)
    if isinstance(item, LTChar):
        state = item.graphicstate
        attr["stroking_color"] = _colour(state.scolor)
        attr["non_stroking_color"] = _colour(state.ncolor)
        if isinstance(attr["fontname"], bytes):
            attr["fontname"] = fix_fontname_bytes(attr["fontname"])
    elif isinstance(item, LTCurve):
        attr["pts"] = list(map(page.point2coord, attr["pts"]))
        attr["path"] = [(cmd, *map(page.point2coord, pts)) for cmd, *pts in item.original_path]
        attr["dash"] = item.dashing_style
    mediabox_x0, mediabox_top = page.mediabox[:2]
    if "y0" in attr:
        attr["top"] = (page.height - attr["y1"]) + mediabox_top
        attr["bottom"] = (page.height - attr["y0"]) + mediabox_top
        attr["doctop"] = page.initial_doctop + attr["top"]
    if "x0" in attr and mediabox_x0 != 0:
        attr["x0"] = attr["x0"] + mediabox_x0
        attr["x1"] = attr["x1"] + mediabox_x0
    return attr
