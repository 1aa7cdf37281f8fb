import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Help } from 'commander';
import { buildProgram } from '../src/main.js';
import { VERBS } from '../src/verb-catalog.js';

// `anneal --help` lists the verbs from the catalog without loading their modules; this holds each
// entry to what the verb's module registers, so the list cannot drift from the verbs themselves.
test('every verb of the catalog is listed as its module registers it', async () => {
  const help = new Help();
  for (const verb of VERBS) {
    const program = await buildProgram([verb.name]);
    assert.deepEqual(
      program.commands.map((c) => c.name()),
      [verb.name],
      `${verb.name}: its module registers exactly that verb`,
    );
    const command = program.commands[0]!;
    assert.equal(command.description(), verb.summary, `${verb.name}: the summary in verbs.json is its description`);
    assert.equal(help.subcommandTerm(command), verb.usage, `${verb.name}: the usage in verbs.json is how commander shows it`);
  }
});

test('with no verb named, the program lists every verb in catalog order and none of their options', async () => {
  const program = await buildProgram(['--help']);
  assert.deepEqual(
    program.commands.map((c) => c.name()),
    VERBS.map((v) => v.name),
  );
  for (const command of program.commands)
    assert.equal(command.options.length, 0, `${command.name()} is only listed: its options come with its module, loaded when it runs`);
});
