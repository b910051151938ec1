"""A small direct FIT encoder for the four messages paceplan writes: ``file_id``, ``workout``,
``workout_step`` and ``schedule``.

Why it exists: fit-tool 0.9.16 builds a Python object per field and re-walks the records twice
(once for its builder's CRC, once to serialise), about 5-7 ms for a 20-step workout; this module
writes the same bytes in well under 1 ms (numbers in ``benchmarks/README.md``). It is not a
general FIT library: it knows only the fields below, all written as raw encoded integers or
strings by :mod:`paceplan.writers.fit`.

It reproduces fit-tool's output *byte for byte* (fit-tool stays the oracle: the tests encode every
golden and hypothesis-generated workout both ways and compare the bytes). What that means:

- fields in fit-tool's profile order (below), only those given a value;
- every message on local type 0; a new definition record whenever the field list, a base type or
  a larger field size differs from the current definition (fit-tool's ``DefinitionMessage.supports``):
  a shorter string under an existing definition is padded with NULs to the defined size;
- strings as exact UTF-8 plus a NUL (``min_string_size=0``);
- a 14-byte header: protocol 0x23 (2.3), profile 21212 (fit-tool's SDK 21.212), header CRC;
  then the records and the file CRC (CRC-16/ARC, the FIT CRC, over header and records).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

__all__ = [
    "FILE_ID",
    "HEADER_PROFILE",
    "HEADER_PROTOCOL",
    "SCHEDULE",
    "WORKOUT",
    "WORKOUT_STEP",
    "MessageType",
    "crc16",
    "encode_file",
]

HEADER_PROTOCOL = 0x23
"""Protocol byte fit-tool 0.9.16 writes (version 2.3)."""
HEADER_PROFILE = 21212
"""Profile version fit-tool 0.9.16 writes (its bundled SDK 21.212)."""

# Base types (FIT profile): enum, uint8, string, uint16, uint32, uint32z.
_ENUM, _UINT8, _STRING, _UINT16, _UINT32, _UINT32Z = 0x00, 0x02, 0x07, 0x84, 0x86, 0x8C
_NUMERIC = {_ENUM: 1, _UINT8: 1, _UINT16: 2, _UINT32: 4, _UINT32Z: 4}
_FMT = {1: "<B", 2: "<H", 4: "<I"}
_PACKERS = {size: struct.Struct(fmt).pack for size, fmt in _FMT.items()}


class MessageType:
    """One global message: its number and its fields as ``(field number, base type)`` in the
    order fit-tool's message class lists them (which is the order written)."""

    __slots__ = ("global_id", "fields", "_order", "_base")

    def __init__(self, global_id: int, fields: Sequence[tuple[int, int]]) -> None:
        self.global_id = global_id
        self.fields = tuple(fields)
        self._order = {fid: i for i, (fid, _) in enumerate(self.fields)}
        self._base = dict(self.fields)

    def base_type(self, field_id: int) -> int:
        """The base type of ``field_id`` (KeyError for a field this encoder does not know)."""
        return self._base[field_id]

    def order(self, field_id: int) -> int:
        return self._order[field_id]


FILE_ID = MessageType(0, [(0, _ENUM), (1, _UINT16), (2, _UINT16), (3, _UINT32Z), (4, _UINT32),
                          (5, _UINT16), (8, _STRING)])
WORKOUT = MessageType(26, [(254, _UINT16), (4, _ENUM), (5, _UINT32Z), (6, _UINT16), (8, _STRING),
                           (11, _ENUM), (14, _UINT16), (15, _ENUM), (17, _STRING)])
WORKOUT_STEP = MessageType(27, [(254, _UINT16), (0, _STRING), (1, _ENUM), (2, _UINT32), (3, _ENUM),
                                (4, _UINT32), (5, _UINT32), (6, _UINT32), (7, _ENUM), (8, _STRING)])
SCHEDULE = MessageType(28, [(0, _UINT16), (1, _UINT16), (2, _UINT32Z), (3, _UINT32), (4, _UINT8),
                            (5, _ENUM), (6, _UINT32)])


def _crc_table() -> tuple[int, ...]:
    # CRC-16/ARC (reflected polynomial 0xA001): the byte-wise form of the FIT SDK's nibble table.
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC = _crc_table()


def crc16(data: bytes | bytearray, crc: int = 0) -> int:
    """FIT's CRC-16 of ``data`` (continuing from ``crc``), one table lookup per byte."""
    table = _CRC
    for b in data:
        crc = (crc >> 8) ^ table[(crc ^ b) & 0xFF]
    return crc


Value = int | str
"""A raw encoded integer, or a string (written as UTF-8 plus NUL)."""


def encode_file(messages: Sequence[tuple[MessageType, Sequence[tuple[int, Value]]]]) -> bytes:
    """A complete FIT file: header, definition and data records for ``messages``, file CRC.

    Each message is its type and ``(field number, value)`` pairs (in any order; ``None`` values
    must be left out by the caller). Integers must fit their base type (``struct.error``
    otherwise, as a bug in the caller: :mod:`paceplan.writers.fit` checks ranges first).
    """
    records = bytearray()
    current_global = -1
    current_defs: tuple[tuple[int, int, int], ...] = ()
    for mtype, values in messages:
        order = mtype._order
        base = mtype._base
        # (field number, size, base type, encoded bytes), in profile order.
        fields: list[tuple[int, int, int, bytes]] = []
        for fid, value in sorted(values, key=lambda fv: order[fv[0]]):
            btype = base[fid]
            if btype == _STRING:
                assert isinstance(value, str)
                raw = value.encode("utf-8") + b"\0"
            else:
                assert isinstance(value, int)
                raw = _PACKERS[_NUMERIC[btype]](value)
            fields.append((fid, len(raw), btype, raw))
        # Reuse the current definition when it "supports" this message, as fit-tool does: same
        # message, same field numbers and base types in order, every defined size at least ours.
        reuse = (mtype.global_id == current_global and len(fields) == len(current_defs)
                 and all(f[0] == d[0] and f[2] == d[2] and d[1] >= f[1]
                         for f, d in zip(fields, current_defs)))
        if not reuse:
            current_global = mtype.global_id
            current_defs = tuple((f[0], f[1], f[2]) for f in fields)
            records += struct.pack("<BBBHB", 0x40, 0, 0, current_global, len(fields))
            for definition in current_defs:
                records += bytes(definition)
        records.append(0x00)
        for (_, size, _, raw), (_, defined, _) in zip(fields, current_defs):
            # Only a string can be shorter than its definition: padded with NULs, as fit-tool does.
            records += raw if size == defined else raw.ljust(defined, b"\0")
    header = struct.pack("<BBHI4s", 14, HEADER_PROTOCOL, HEADER_PROFILE, len(records), b".FIT")
    header += struct.pack("<H", crc16(header))
    # A header ending in its own CRC brings the running CRC back to 0, so the file CRC over
    # header + records equals the CRC of the records alone.
    return bytes(header + records + struct.pack("<H", crc16(records)))
