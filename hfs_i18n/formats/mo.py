"""Writing GNU ``.mo`` files.

Babel's and polib's MO writers build the string tables by repeated ``bytes +=``, which
is quadratic: 7–8 s for a 20,000-entry catalog here.  This one joins once and is linear.
The layout is GNU gettext's (little-endian, revision 0, no hash table, which readers
treat as "search the sorted table"), so Python's ``gettext`` and GNU ``msgunfmt`` read it.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

MAGIC = 0x950412DE


def mo_bytes(messages: Iterable[tuple[str, str]]) -> bytes:
    """Build an MO file from ``(key, value)`` pairs already in gettext's key form.

    A key is ``msgid``, or ``msgctxt + "\\x04" + msgid`` with a context, and for plural
    entries ``msgid + "\\x00" + msgid_plural`` with the forms joined by ``"\\x00"``.
    """
    pairs = sorted((k.encode("utf-8"), v.encode("utf-8")) for k, v in messages)
    count = len(pairs)
    key_table_offset = 7 * 4
    value_table_offset = key_table_offset + count * 8
    data_offset = value_table_offset + count * 8

    keys = b"\0".join(k for k, _ in pairs) + b"\0" if pairs else b""
    values = b"\0".join(v for _, v in pairs) + b"\0" if pairs else b""
    key_index: list[int] = []
    offset = data_offset
    for key, _ in pairs:
        key_index += (len(key), offset)
        offset += len(key) + 1
    value_index: list[int] = []
    for _, value in pairs:
        value_index += (len(value), offset)
        offset += len(value) + 1
    header = struct.pack(
        "<7I", MAGIC, 0, count, key_table_offset, value_table_offset, 0, data_offset
    )
    tables = struct.pack(f"<{len(key_index)}I", *key_index) + struct.pack(
        f"<{len(value_index)}I", *value_index
    )
    return header + tables + keys + values
