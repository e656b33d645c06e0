"""End-to-end tests of `carson lsp` with a real LSP client (pytest-lsp) over stdio.

`make test-lsp` runs them against the debug build; CARSON_BIN overrides the binary.
"""
import asyncio
import os
import pathlib

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
CARSON = os.environ.get("CARSON_BIN", str(REPOSITORY / ".build" / "debug" / "carson"))
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS

CAPABILITIES = types.ClientCapabilities(
    general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16]),
    text_document=types.TextDocumentClientCapabilities(
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
        completion=types.CompletionClientCapabilities(
            completion_item=types.ClientCompletionItemOptions(documentation_format=[types.MarkupKind.Markdown])
        ),
        document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
        code_action=types.CodeActionClientCapabilities(
            code_action_literal_support=types.ClientCodeActionLiteralOptions(
                code_action_kind=types.ClientCodeActionKindOptions(value_set=[types.CodeActionKind.QuickFix])
            )
        ),
    ),
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[CARSON, "lsp"]))
async def client(lsp_client: LanguageClient):
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=CAPABILITIES))
    lsp_client.initialize_result = result
    yield
    await lsp_client.shutdown_session()


async def diagnostics_after(client: LanguageClient, version: int, send) -> list:
    """Sends (through `send`) and waits for the diagnostics of `version`."""
    while True:
        future = asyncio.wrap_future(client.protocol.wait_for_notification(PUBLISH))
        if send is not None:
            send()
            send = None
        params = await asyncio.wait_for(future, 15)
        if params.version == version:
            return params.diagnostics


async def open_document(client: LanguageClient, uri: str, text: str) -> list:
    item = types.TextDocumentItem(uri=uri, language_id="groovy", version=1, text=text)
    return await diagnostics_after(
        client, 1, lambda: client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
    )


def utf16_position(text: str, needle: str) -> types.Position:
    """Line and UTF-16 column of the first `needle`, counted by Python independently of the server."""
    index = text.index(needle)
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return types.Position(line=line, character=len(text[line_start:index].encode("utf-16-le")) // 2)
