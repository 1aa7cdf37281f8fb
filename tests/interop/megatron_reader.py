"""An independent reader of Megatron-LM's MMIDIDX (version 1) indexed dataset, written from the
format description (megatron/core/datasets/indexed_dataset.py), for the export interop test.

  python3 megatron_reader.py <prefix> <out.json>

writes {"dtype": ..., "document_indices": [...], "sequences": [[ids...], ...]}.
"""
import json
import struct
import sys

import numpy as np

DTYPES = {1: np.uint8, 2: np.int8, 3: np.int16, 4: np.int32, 5: np.int64, 6: np.float64, 7: np.float32, 8: np.uint16}


def read(prefix):
    with open(prefix + ".idx", "rb") as f:
        magic = f.read(9)
        assert magic == b"MMIDIDX\x00\x00", f"bad magic {magic!r}"
        (version,) = struct.unpack("<Q", f.read(8))
        assert version == 1, f"version {version}"
        (code,) = struct.unpack("<B", f.read(1))
        dtype = DTYPES[code]
        (sequence_count,) = struct.unpack("<Q", f.read(8))
        (document_count,) = struct.unpack("<Q", f.read(8))
        offset = f.tell()
    index = np.memmap(prefix + ".idx", mode="r", order="C")
    lengths = np.frombuffer(index, dtype=np.int32, count=sequence_count, offset=offset)
    pointers = np.frombuffer(index, dtype=np.int64, count=sequence_count, offset=offset + lengths.nbytes)
    documents = np.frombuffer(index, dtype=np.int64, count=document_count, offset=offset + lengths.nbytes + pointers.nbytes)
    assert offset + lengths.nbytes + pointers.nbytes + documents.nbytes == len(index), "trailing bytes in .idx"
    data = np.memmap(prefix + ".bin", mode="r", order="C")
    sequences = []
    for length, pointer in zip(lengths, pointers):
        sequences.append(np.frombuffer(data, dtype=dtype, count=int(length), offset=int(pointer)).tolist())
    expected_end = int(pointers[-1]) + int(lengths[-1]) * np.dtype(dtype).itemsize if sequence_count else 0
    assert expected_end == len(data), f".bin has {len(data)} bytes, index covers {expected_end}"
    return {"dtype": np.dtype(dtype).name, "document_indices": documents.tolist(), "sequences": sequences}


if __name__ == "__main__":
    with open(sys.argv[2], "w") as out:
        json.dump(read(sys.argv[1]), out)
