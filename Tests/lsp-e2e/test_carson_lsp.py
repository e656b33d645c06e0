import pytest
from lsprotocol import types

from conftest import diagnostics_after, open_document, utf16_position

URI = "file:///work/Jenkinsfile"

BROKEN = """pipeline {
  agent any
  stages {
    stage('Ünïcode 😀 stage') { steps { echo 'naïve ☃' }; post { alwayz { echo 'x' } } }
  }
}
"""

SAMPLE = """pipeline {
  agent { docker { image 'maven:3' } }
  options { timeout(time: 1, unit: 'HOURS') }
  stages {
    stage('Build') {
      steps {
        sh script: 'make', returnStatus: true
      }
    }
    stage('Tests') {
      parallel {
        stage('Unit') { steps { echo 'u' } }
        stage('UI') { steps { echo 'i' } }
      }
    }
    stage('Deploy') {
      when { branch 'main' }
      steps { echo 'deploy' }
    }
  }
  post { always { echo 'done' } }
}
"""


async def test_diagnostics_after_open_have_utf16_ranges(client):
    diagnostics = await open_document(client, URI, BROKEN)
    condition = next(d for d in diagnostics if d.code == "validate-invalid-post-condition")
    start = utf16_position(BROKEN, "alwayz")
    assert condition.range == types.Range(start=start, end=types.Position(line=start.line, character=start.character + 6))
    assert condition.severity == types.DiagnosticSeverity.Error
    assert condition.source == "carson"
    assert condition.message.startswith('Invalid condition "alwayz"')


async def test_diagnostics_follow_incremental_edits(client):
    await open_document(client, URI, BROKEN)
    start = utf16_position(BROKEN, "alwayz")
    fix = types.TextDocumentContentChangePartial(
        range=types.Range(start=start, end=types.Position(line=start.line, character=start.character + 6)), text="always"
    )
    fixed = await diagnostics_after(client, 2, lambda: change(client, 2, [fix]))
    assert list(fixed) == []
    # Insert a step with an unknown parameter after the multi-byte characters of the same line.
    echo = utf16_position(BROKEN, "echo 'naïve")
    insert = types.TextDocumentContentChangePartial(range=types.Range(start=echo, end=echo), text="sh(bogus: 1); ")
    broken = await diagnostics_after(client, 3, lambda: change(client, 3, [insert]))
    text = BROKEN.replace("alwayz", "always").replace("echo 'naïve", "sh(bogus: 1); echo 'naïve")
    invalid = next(d for d in broken if d.code == "validate-invalid-parameter")
    start = utf16_position(text, "bogus")
    assert invalid.range == types.Range(start=start, end=types.Position(line=start.line, character=start.character + 5))


def change(client, version, changes):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version), content_changes=changes
        )
    )


async def test_document_symbols(client):
    await open_document(client, URI, SAMPLE)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    assert [s.name for s in symbols] == ["pipeline"]
    stages = symbols[0].children
    assert [s.name for s in stages] == ["Build", "Tests", "Deploy", "post"]
    assert [s.name for s in stages[1].children] == ["Unit", "UI"]
    assert stages[0].selection_range.start == utf16_position(SAMPLE, "'Build'")


async def hover_text(client, needle, offset=0):
    position = utf16_position(SAMPLE, needle)
    position.character += offset
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=position)
    )
    return hover.contents.value if hover else None


async def test_hover(client):
    await open_document(client, URI, SAMPLE)
    assert (await hover_text(client, "stages {")).startswith("**stages** — section")
    assert (await hover_text(client, "sh script")).startswith("**sh** — step")
    assert (await hover_text(client, "returnStatus")).startswith("**returnStatus** — parameter of `sh`")
    assert (await hover_text(client, "timeout(")).startswith("**timeout** — option")
    assert (await hover_text(client, "branch 'main'")).startswith("**branch** — when condition")
    assert (await hover_text(client, "always {")).startswith("**always** — post condition")
    assert (await hover_text(client, "docker {")).startswith("**docker** — agent type")
    assert await hover_text(client, "maven:3") is None


COMPLETIONS = [
    ("pipeline {\n  sta|\n}\n", {"agent", "stages", "post", "options", "environment"}, {"steps"}),
    ("pipeline {\n  stages {\n    stage('a') {\n      |\n    }\n  }\n}\n", {"steps", "when", "parallel", "matrix"}, {"triggers"}),
    ("pipeline {\n  agent d|\n}\n", {"any", "none", "docker", "dockerfile", "kubernetes", "label"}, {"steps"}),
    ("pipeline {\n  post {\n    |\n  }\n}\n", {"always", "success", "failure", "cleanup"}, {"sh"}),
    ("pipeline { stages { stage('a') { when { | } } } }", {"branch", "expression", "allOf", "environment"}, {"sh"}),
    ("pipeline {\n  options {\n    |\n  }\n}\n", {"timeout", "buildDiscarder", "timestamps"}, {"sh"}),
    ("pipeline { stages { stage('a') { steps { e| } } } }", {"sh", "echo", "dir", "withCredentials"}, {"stages"}),
    ("pipeline { stages { stage('a') { steps { sh scr| } } } }", {"script", "returnStdout", "returnStatus"}, {"echo"}),
]


@pytest.mark.parametrize("marked,expected,absent", COMPLETIONS)
async def test_completion_in_context(client, marked, expected, absent):
    text = marked.replace("|", "")
    await open_document(client, URI, text)
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=utf16_position(marked, "|"))
    )
    labels = {item.label for item in (result.items if hasattr(result, "items") else result)}
    assert expected <= labels, labels
    assert not (absent & labels)


async def test_formatting_indents_a_misindented_file(client):
    text = "pipeline {\nagent any\nstages {\nstage('a') {\nsteps {\necho 'x'\n}\n}\n}\n}\n"
    await open_document(client, URI, text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=URI), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert edits, "no formatting edits"
    # carson fmt's canonical layout (4 spaces, docs/formatting.md), whatever the editor's tab size.
    assert edits[0].new_text == (
        "pipeline {\n    agent any\n    stages {\n        stage('a') {\n            steps {\n"
        "                echo 'x'\n            }\n        }\n    }\n}\n"
    )


async def test_code_action_applies_the_fix_it(client):
    await open_document(client, URI, BROKEN)
    start = utf16_position(BROKEN, "alwayz")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=types.Range(start=start, end=start),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert [a.title for a in actions] == ["Replace 'alwayz' with 'always'"]
    edit = actions[0].edit.changes[URI][0]
    assert edit.new_text == "always" and edit.range.start == start


async def test_malformed_request_is_an_error_not_a_crash(client):
    with pytest.raises(Exception) as failure:
        await client.protocol.send_request_async("carson/noSuchMethod", {})
    assert "-32601" in str(failure.value) or "Method not found" in str(failure.value)
    # The server is still there.
    await open_document(client, URI, SAMPLE)


async def test_shutdown_and_exit_end_the_process_with_status_0(client):
    await client.shutdown_session()
    assert client._server.returncode == 0
    client.capabilities = None  # the session is over: the fixture's teardown has nothing left to shut down
