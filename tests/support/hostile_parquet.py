"""Writes the hostile Parquet inputs of tests/hostile-input.test.ts into a folder, with pyarrow.

Prints one JSON object: per file, how many rows it holds and how many of them pyarrow itself reads
(the oracle: a row pyarrow reads, anneal must read too).
Usage: python3 hostile_parquet.py <dir> <big_value_mib>
"""
import json
import sys

import pyarrow as pa
import pyarrow.parquet as pq

import thrift_compact as tc

out, big_mib = sys.argv[1], int(sys.argv[2])
report = {}


def path(name):
    return f"{out}/{name}"


def oracle(name):
    try:
        return pq.read_table(path(name)).num_rows
    except Exception:  # pyarrow refuses the file: nothing it reads
        return 0


def good_rows(prefix, n):
    return [{"id": f"{prefix}-{i}", "text": f"good {prefix} {i}"} for i in range(n)]


# 1. one 200 MB-class text value in its own row group between good ones (zstd: a few KB on disk)
with pq.ParquetWriter(path("big-value.parquet"), pa.schema([("id", pa.string()), ("text", pa.string())]), compression="zstd") as w:
    w.write_table(pa.Table.from_pylist(good_rows("before", 5)))
    w.write_table(pa.table({"id": ["huge"], "text": ["a" * (big_mib << 20)]}))
    w.write_table(pa.Table.from_pylist(good_rows("after", 5)))
report["big-value.parquet"] = {"rows": 11, "pyarrow": oracle("big-value.parquet")}

# 2. three such values in one row group (no dictionary: its footer then tells their real size)
pq.write_table(pa.table({"id": ["h0", "h1", "h2"], "text": ["b" * (big_mib << 20)] * 3}), path("three-big.parquet"), compression="zstd", use_dictionary=False)
report["three-big.parquet"] = {"rows": 3, "pyarrow": oracle("three-big.parquet")}

# 3. a binary text column: valid UTF-8 is text, invalid UTF-8 is an error (pyarrow keeps the raw bytes)
pq.write_table(pa.table({"id": ["bin-ok", "bin-bad"], "text": pa.array([b"binary but UTF-8", b"\xff\xff\x01\x02"], pa.binary())}), path("binary-text.parquet"))
report["binary-text.parquet"] = {"rows": 2, "pyarrow": 2}

# 4. text columns that are not strings: NaN float, int64 above 2^53, INT96 timestamps
pq.write_table(pa.table({"id": ["nan", "one"], "text": pa.array([float("nan"), 1.5], pa.float64())}), path("float-text.parquet"))
pq.write_table(pa.table({"id": ["big-int"], "text": pa.array([2**60 + 1], pa.int64())}), path("int64-text.parquet"))
pq.write_table(pa.table({"id": ["ts"], "text": pa.array([1_700_000_000_000_000], pa.timestamp("us"))}), path("int96-text.parquet"), use_deprecated_int96_timestamps=True)
for name, rows in [("float-text.parquet", 2), ("int64-text.parquet", 1), ("int96-text.parquet", 1)]:
    report[name] = {"rows": rows, "pyarrow": rows}

# 5. Dictionary pages that the footer or the page header get wrong.
nations = ["ALGERIA", "ARGENTINA", "BRAZIL", "CANADA", "EGYPT", "ETHIOPIA", "FRANCE", "GERMANY", "INDIA", "INDONESIA", "IRAN", "IRAQ", "JAPAN",
           "JORDAN", "KENYA", "MOROCCO", "MOZAMBIQUE", "PERU", "CHINA", "ROMANIA", "SAUDI ARABIA", "VIETNAM", "RUSSIA", "UNITED KINGDOM", "UNITED STATES"]
nation = pa.table({"n_nationkey": pa.array(range(25), pa.int32()), "text": nations, "n_regionkey": pa.array([i % 5 for i in range(25)], pa.int32())})
pq.write_table(nation, path("nation.parquet"), compression="snappy", use_dictionary=True)
source = open(path("nation.parquet"), "rb").read()

# 5a. apache/parquet-testing's nation.dict-malformed.parquet, rebuilt: parquet-mr 1.2.8 and older left
#     the dictionary page's header out of each column chunk's total_compressed_size (PARQUET-816,
#     IMPALA-694), so the chunk's byte range as the footer gives it ends inside its last data page.
#     Readers that know the writer (parquet-cpp, hence pyarrow) read a little past the range.
footer_len = int.from_bytes(source[-8:-4], "little")
footer_at = len(source) - 8 - footer_len
meta, _ = tc.read_struct(source, footer_at)
for row_group in tc.field(meta, 4)[2][2]:
    for chunk in tc.field(row_group, 1)[2][2]:
        column = tc.field(chunk, 3)[2]
        dictionary_at = tc.field(column, 11)
        if dictionary_at is None:
            continue
        page_header, page_body_at = tc.read_struct(source, dictionary_at[2])
        header_bytes = page_body_at - dictionary_at[2]
        tc.field(column, 7)[2] -= header_bytes  # total_compressed_size, as parquet-mr 1.2.8 counted it
        tc.field(column, 6)[2] -= header_bytes  # total_uncompressed_size: the same mistake
created_by = tc.field(meta, 6)
created_by[2] = b"parquet-mr version 1.2.8"
footer = bytes(tc.write_struct(bytearray(), meta))
open(path("nation.dict-malformed.parquet"), "wb").write(source[:footer_at] + footer + len(footer).to_bytes(4, "little") + b"PAR1")
report["nation.dict-malformed.parquet"] = {"rows": 25, "pyarrow": oracle("nation.dict-malformed.parquet")}

# 5b. a dictionary page whose header declares more values (28) than the page holds (25): pyarrow
#     refuses the row group; anneal must not read less than pyarrow, and counts the rows it loses.
offset = pq.ParquetFile(path("nation.parquet")).metadata.row_group(0).column(0).dictionary_page_offset
data = bytearray(source)
# thrift compact: field 7 (dictionary_page_header, struct) then its field 1 num_values = zigzag(25) = 0x32
at = data.index(bytes([0x4C, 0x15, 0x32]), offset)
assert at - offset < 24
data[at + 2] = 28 * 2
open(path("dict-count-overstated.parquet"), "wb").write(bytes(data))
report["dict-count-overstated.parquet"] = {"rows": 25, "pyarrow": oracle("dict-count-overstated.parquet")}

# 6. a list column nested 200 levels deep (pyarrow writes it; its reader stops at 100 levels)
value, kind = 1, pa.int32()
for _ in range(200):
    value, kind = [value], pa.list_(kind)
pq.write_table(pa.table({"id": ["deep", "flat"], "text": ["deep row", "flat row"], "meta": pa.array([value, None], kind)}), path("deep.parquet"))
report["deep.parquet"] = {"rows": 2, "pyarrow": oracle("deep.parquet")}

# 7. good rows in a file of their own: kept whatever happens to the others
pq.write_table(pa.Table.from_pylist(good_rows("good", 20)), path("good.parquet"))
report["good.parquet"] = {"rows": 20, "pyarrow": 20}

print(json.dumps(report))
