"""Flate streams inflated within a bound, or despite damage, in linear time.

``inflate_damaged`` stands in for pdfminer's own recovery of a damaged stream (quadratic:
it feeds zlib a byte at a time), so it must return what pdfminer's returns, or raise where
it raises, on every kind of damage; pdfminer's own function is loaded afresh from its
source to compare with.
"""

from __future__ import annotations

import importlib.util
import random
import zlib

import pytest
from pdfminer import pdftypes

from fiscal.read import open as open_module
from fiscal.read.inflate import inflate_damaged, inflate_within

#: Text like a page's drawing instructions, some of it incompressible.
TEXT = b"".join(
    b"BT /F1 9 Tf %d %d Td (%d) Tj ET\n" % (n % 500, n % 800, random.Random(n).getrandbits(64))
    for n in range(20_000)
)
STREAM = zlib.compress(TEXT)


def _pdfminers_recovery():
    spec = importlib.util.spec_from_file_location("pdfminer_pdftypes", pdftypes.__file__)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.decompress_corrupted


def _outcome(recover, data: bytes) -> bytes | str:
    try:
        return recover(data)
    except zlib.error:
        return "zlib.error"


def _damaged() -> dict[str, bytes]:
    flipped = bytearray(STREAM)
    flipped[len(STREAM) // 2] ^= 0xFF
    checksum = bytearray(STREAM)
    checksum[-2] ^= 0xFF
    return {
        "whole": STREAM,
        "cut in the middle": STREAM[: len(STREAM) // 2],
        "cut in the checksum": STREAM[:-2],
        "a flipped byte": bytes(flipped),
        "a wrong checksum": bytes(checksum),
        "trailing bytes": STREAM + b"\r\nendstream",
        "two bytes": STREAM[:2],
        "empty": b"",
        "not zlib": b"BT ET" * 100,
    }


@pytest.mark.parametrize(("damage", "data"), _damaged().items(), ids=_damaged())
def test_a_damaged_stream_is_recovered_as_pdfminer_recovers_it(damage: str, data: bytes) -> None:
    assert _outcome(inflate_damaged, data) == _outcome(_pdfminers_recovery(), data)


def test_pdfminer_recovers_with_it_once_a_document_is_opened() -> None:
    assert open_module.pdftypes.decompress_corrupted is inflate_damaged


def test_a_stream_is_inflated_whole_within_its_budget() -> None:
    assert inflate_within(STREAM, len(TEXT)) == (TEXT, len(TEXT))


def test_inflating_stops_once_past_the_budget() -> None:
    whole, size = inflate_within(STREAM, 1000)
    assert whole is None and 1000 < size < len(TEXT)


@pytest.mark.parametrize("data", [STREAM[: len(STREAM) // 2], b"BT ET" * 100])
def test_a_damaged_stream_is_left_to_pdfminers_recovery(data: bytes) -> None:
    assert inflate_within(data, len(TEXT))[0] is None
