"""What the Python oracle scripts of the interop tests share: their JSONL input and their command line."""
import inspect
import json
import sys


def read_texts(path):
    """The "text" of each non-blank JSONL line."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def run_command(commands):
    """Calls commands[argv[1]] with the arguments after it, as many as the function takes."""
    name = sys.argv[1]
    if name not in commands:
        sys.exit(f"unknown command {name}")
    command = commands[name]
    command(*sys.argv[2 : 2 + len(inspect.signature(command).parameters)])
