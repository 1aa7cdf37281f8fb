"""A small Thrift compact-protocol codec: enough to read a Parquet footer or page header into plain
Python values, edit a field, and write it back. Used by hostile_parquet.py to reproduce what old
writers put in the footer (pyarrow cannot be told to write their mistakes).

A struct is a list of [field_id, type, value] in file order; a list is ["list", elem_type, [values]].
"""

STOP, TRUE, FALSE, BYTE, I16, I32, I64, DOUBLE, BINARY, LIST, SET, MAP, STRUCT = range(13)


def _varint(data, at):
    shift = value = 0
    while True:
        b = data[at]
        at += 1
        value |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return value, at


def _zigzag_decode(n):
    return (n >> 1) ^ -(n & 1)


def _read_value(data, at, kind):
    if kind in (TRUE, FALSE):
        return kind == TRUE, at
    if kind == BYTE:
        return data[at], at + 1
    if kind in (I16, I32, I64):
        n, at = _varint(data, at)
        return _zigzag_decode(n), at
    if kind == DOUBLE:
        return bytes(data[at:at + 8]), at + 8
    if kind == BINARY:
        n, at = _varint(data, at)
        return bytes(data[at:at + n]), at + n
    if kind in (LIST, SET):
        head = data[at]
        at += 1
        size, elem = head >> 4, head & 0x0F
        if size == 15:
            size, at = _varint(data, at)
        values = []
        for _ in range(size):
            if elem in (TRUE, FALSE):  # a bool inside a list is one byte of its own
                values.append(data[at] == TRUE)
                at += 1
            else:
                v, at = _read_value(data, at, elem)
                values.append(v)
        return ["list", elem, values], at
    if kind == STRUCT:
        return read_struct(data, at)
    raise ValueError(f"thrift compact type {kind} is not handled here")


def read_struct(data, at=0):
    """Returns (fields, offset after the struct)."""
    fields, last = [], 0
    while True:
        head = data[at]
        at += 1
        if head == STOP:
            return fields, at
        delta, kind = head >> 4, head & 0x0F
        if delta:
            fid = last + delta
        else:
            n, at = _varint(data, at)
            fid = _zigzag_decode(n)
        value, at = _read_value(data, at, kind)
        fields.append([fid, kind, value])
        last = fid


def _write_varint(out, n):
    while True:
        if n < 0x80:
            out.append(n)
            return
        out.append((n & 0x7F) | 0x80)
        n >>= 7


def _zigzag(n):
    return (n << 1) ^ (n >> 63)


def _write_value(out, kind, value):
    if kind == BYTE:
        out.append(value)
    elif kind in (I16, I32, I64):
        _write_varint(out, _zigzag(value))
    elif kind == DOUBLE:
        out += value
    elif kind == BINARY:
        _write_varint(out, len(value))
        out += value
    elif kind in (LIST, SET):
        _, elem, values = value
        if len(values) < 15:
            out.append((len(values) << 4) | elem)
        else:
            out.append(0xF0 | elem)
            _write_varint(out, len(values))
        for v in values:
            if elem in (TRUE, FALSE):
                out.append(TRUE if v else FALSE)
            else:
                _write_value(out, elem, v)
    elif kind == STRUCT:
        write_struct(out, value)
    else:
        raise ValueError(f"thrift compact type {kind} is not handled here")


def write_struct(out, fields):
    last = 0
    for fid, kind, value in fields:
        wire_kind = (TRUE if value else FALSE) if kind in (TRUE, FALSE) else kind
        if 0 < fid - last <= 15:
            out.append(((fid - last) << 4) | wire_kind)
        else:
            out.append(wire_kind)
            _write_varint(out, _zigzag(fid))
        if kind not in (TRUE, FALSE):
            _write_value(out, kind, value)
        last = fid
    out.append(STOP)
    return out


def field(fields, fid):
    """The field's [id, type, value] entry, or None."""
    return next((f for f in fields if f[0] == fid), None)
