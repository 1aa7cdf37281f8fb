import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FileMetaData } from 'hyparquet';
import { correctWriterQuirks, undercountsDictionaryHeaders } from '../src/parquet-writer-quirks.js';

function footer(createdBy: string | undefined, chunks: { dictionary?: number; data: number; size: number }[]): FileMetaData {
  return {
    version: 1,
    schema: [],
    num_rows: 1n,
    created_by: createdBy,
    metadata_length: 0,
    row_groups: [
      {
        num_rows: 1n,
        total_byte_size: 0n,
        columns: chunks.map((c) => ({
          file_offset: 0n,
          meta_data: {
            type: 'INT32',
            encodings: [],
            path_in_schema: ['x'],
            codec: 'UNCOMPRESSED',
            num_values: 1n,
            total_uncompressed_size: BigInt(c.size),
            total_compressed_size: BigInt(c.size),
            data_page_offset: BigInt(c.data),
            dictionary_page_offset: c.dictionary === undefined ? undefined : BigInt(c.dictionary),
          },
        })),
      },
    ],
  } as unknown as FileMetaData;
}

test('only parquet-mr before 1.2.9 is known to leave the dictionary page header out of chunk sizes (PARQUET-816)', () => {
  const says = (createdBy: string | undefined) => undercountsDictionaryHeaders(footer(createdBy, []));
  assert.equal(says('parquet-mr version 1.2.8 (build 0a1b2c)'), true);
  assert.equal(says('parquet-mr version 1.2.8'), true);
  assert.equal(says('parquet-mr version 1.0.1'), true);
  assert.equal(says('parquet-mr version 1.2.9'), false);
  assert.equal(says('parquet-mr version 1.10.0 (build abc)'), false);
  assert.equal(says('parquet-cpp-arrow version 1.2.0'), false);
  assert.equal(says('impala version 1.2.3'), false);
  assert.equal(says(undefined), false);
});

test('a PARQUET-816 footer gets up to 100 more bytes per chunk, never past the end of the file; others are untouched', () => {
  const sizes = (fileBytes: number) =>
    correctWriterQuirks(
      footer('parquet-mr version 1.2.8', [
        { dictionary: 4, data: 40, size: 200 },
        { data: 204, size: 50 },
      ]),
      fileBytes,
    ).row_groups[0]!.columns.map((c) => Number(c.meta_data!.total_compressed_size));
  assert.deepEqual(sizes(1000), [300, 150], 'each chunk padded by 100 bytes');
  assert.deepEqual(sizes(300), [296, 96], 'never past the 300 bytes of the file');
  const recent = correctWriterQuirks(footer('parquet-mr version 1.12.3', [{ dictionary: 4, data: 40, size: 200 }]), 1000);
  assert.equal(Number(recent.row_groups[0]!.columns[0]!.meta_data!.total_compressed_size), 200);
});
