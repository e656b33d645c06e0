"""A typing session against the real server: bursts of random incremental edits (most of them
inside one stage, which the server re-checks alone), and after each burst the diagnostics it
publishes must be what `carson lint` says of the same text."""
import json
import random
import subprocess

from lsprotocol import types

from conftest import CARSON, diagnostics_after, open_document

URI = "file:///work/session/Jenkinsfile"
# Typed into a string, these keep the syntax; anywhere else, any of them may break it.
TYPED = ["x", "é", " ", "ab"]
ANYWHERE = TYPED + ["'", "(", "}", "\n", "bogus { }\n"]


def pipeline(stages: int) -> str:
    """Every other stage has a misspelt post condition: diagnostics all over the file, which must
    move with the text when an edit above them changes its length."""
    body = "".join(
        f"    stage('Stage é{i}') {{\n      steps {{\n        echo 'naïve {i}'\n        sh 'make {i}'\n      }}\n"
        f"      post {{ {'failure' if i % 2 else 'failur'} {{ echo 'failed {i}' }} }}\n    }}\n"
        for i in range(stages)
    )
    return f"pipeline {{\n  agent any\n  environment {{ APP = 'x' }}\n  stages {{\n{body}  }}\n}}\n"


def position(text: str, offset: int) -> types.Position:
    """Line and UTF-16 column of a code-point offset, counted here, independently of the server."""
    line_start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=text.count("\n", 0, offset), character=len(text[line_start:offset].encode("utf-16-le")) // 2)


def lint(text: str) -> list:
    run = subprocess.run([CARSON, "lint", "--format", "json", "-"], input=text.encode(), capture_output=True, check=False)
    diagnostics = json.loads(run.stdout)["files"][0]["diagnostics"]
    return sorted((d["message"], d["range"]["start"]["line"] - 1, d["range"]["start"]["column"] - 1) for d in diagnostics)


def published(diagnostics) -> list:
    # The server appends notes without a place of their own to the message, one per line.
    return sorted((d.message.split("\n")[0], d.range.start.line, d.range.start.character) for d in diagnostics)


async def test_random_typing_bursts_publish_what_lint_reports(client):
    text = pipeline(30)
    await open_document(client, URI, text)
    generator = random.Random(20261123)
    version = 1
    for burst in range(30):
        # Like someone typing: each burst in one place, inside an `echo` string or as new lines
        # after a `steps {` (the syntax holds: the server re-checks that stage alone, and the
        # diagnostics of the stages below must move); the last bursts anywhere (the syntax breaks).
        changes = []
        kind = 0 if burst >= 25 else 1 + burst % 4
        strings = [i + len("echo '") for i in range(len(text)) if text.startswith("echo 'naïve", i)]
        blocks = [i + len("steps {") for i in range(len(text)) if text.startswith("steps {\n", i)]
        place = generator.choice(strings if kind in (1, 2) else blocks) if (strings and blocks and kind) else None
        for _ in range(8):
            if place is None:
                offset, end = generator.randrange(0, len(text) + 1), None
                insert = generator.choice(ANYWHERE)
            elif kind in (1, 2):
                offset, end, insert = place + generator.randrange(0, 4), None, generator.choice(TYPED)
            elif kind == 3:
                offset, end, insert = place, None, "\n        echo 'more'"
            else:
                offset, end, insert = place, None, "\n      bogus { }"
            end = offset if end is None else end
            change_range = types.Range(start=position(text, offset), end=position(text, end))
            text = text[:offset] + insert + text[end:]
            changes.append(types.TextDocumentContentChangePartial(range=change_range, text=insert))
        # All but the last edit go out at once (the server coalesces them); the last one is sent
        # once its diagnostics are awaited.
        for change in changes[:-1]:
            version += 1
            send(client, version, [change])
        version += 1
        last = version
        diagnostics = await diagnostics_after(client, last, lambda: send(client, last, [changes[-1]]))
        assert published(diagnostics) == lint(text), f"version {last}:\n{text}"


def send(client, version, changes):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version), content_changes=changes
        )
    )
