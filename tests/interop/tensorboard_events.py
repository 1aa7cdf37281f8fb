"""Reads a TensorBoard log folder with TensorBoard's own event reader and prints its scalars as JSON:
{tag: [[step, value], ...]}. The oracle for tests/interop/tensorboard-interop.test.ts."""
import json
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

acc = EventAccumulator(sys.argv[1], size_guidance={"scalars": 0})
acc.Reload()
print(json.dumps({tag: [[e.step, e.value] for e in acc.Scalars(tag)] for tag in acc.Tags()["scalars"]}))
