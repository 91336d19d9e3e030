"""Flate streams inflated within a bound, or despite damage, in linear time.

Nearly every stream of a PDF is zlib-compressed. Two ways of inflating one can cost far
more than its size: a few hundred kilobytes that inflate to gigabytes (a crafted page),
and pdfminer's recovery of a damaged stream, which feeds zlib one byte at a time and
joins its output by repeated concatenation: quadratic, an hour for a damaged font of a
few megabytes (pdfminer.six issue 1163, open). Both are done here in linear time.
"""

from __future__ import annotations

import zlib

#: How much compressed input is inflated at a time while counting.
_PIECE = 2**16
#: The trailing bytes where pdfminer's recovery forgives an error (the Adler-32 checksum).
_CHECKSUM = 3


def inflate_within(data: bytes, budget: int) -> tuple[bytes | None, int]:
    """``data`` inflated a piece at a time, stopping once past ``budget`` bytes: the whole
    result (None if it stopped, or the stream is damaged or cut short) and its size."""
    inflater, pieces, size = zlib.decompressobj(), [], 0
    try:
        for start in range(0, len(data), _PIECE):
            piece = inflater.decompress(data[start : start + _PIECE], budget + 1 - size)
            size += len(piece)
            if size > budget:
                return None, size
            pieces.append(piece)
            if inflater.eof:
                return b"".join(pieces), size
    except zlib.error:  # damaged: pdfminer's own decoding recovers what it can
        pass
    return None, size


def inflate_damaged(data: bytes) -> bytes:
    """What pdfminer's ``decompress_corrupted`` returns for ``data``, in linear time: an
    error in the stream's last three bytes (its checksum) keeps what was inflated before
    it; an error before them raises ``zlib.error`` as pdfminer's does (the stream then
    decodes to nothing)."""
    inflater = zlib.decompressobj()
    body = max(0, len(data) - _CHECKSUM)
    pieces = [inflater.decompress(data[:body])]
    try:
        for index in range(body, len(data)):
            pieces.append(inflater.decompress(data[index : index + 1]))
    except zlib.error:
        pass
    return b"".join(pieces)
