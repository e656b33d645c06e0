import CarsonModel
import CarsonSyntax

/// `textDocument/completion`: what may be written at the position, from the catalogue.
enum Completion {
  static func items(_ source: SourceFile, tokens: [Token], offset: UInt32) -> [CatalogueEntry]? {
    let context = CursorContext(tokens: tokens, source: source, offset: offset)
    if context.inString { return nil }
    // `agent d|`: agent types.
    if context.lineHead == "agent", [.pipeline, .stage, .matrix].contains(context.place) {
      return CatalogueLookup.entries(in: .agent)
    }
    // `sh(scr|`, `sh scr|`, `timeout(ti|`, `branch pat|`: the callee's named parameters.
    if let name = context.argumentsOf, name != context.word || context.openCall != nil,
      let callee = CatalogueLookup.callee(name, in: context.place)
    {
      return CatalogueLookup.argumentEntries(of: callee)
    }
    return CatalogueLookup.entries(in: context.place)
  }

  static func response(_ entries: [CatalogueEntry]?, range: SourceRange, source: SourceFile) -> JSONValue {
    guard let entries else { return .null }
    let items: [JSONValue] = entries.map { entry in
      let insert = entry.kind == .parameter ? "\(entry.name): " : entry.name
      return .object([
        ("label", .string(entry.name)),
        ("kind", .integer(kind(entry.kind))),
        ("detail", .string(entry.detail)),
        ("documentation", .object([("kind", .string("markdown")), ("value", .string(entry.documentation))])),
        ("insertText", .string(insert)),
        ("textEdit", .object([("range", source.lspRange(range)), ("newText", .string(insert))])),
      ])
    }
    return .object([("isIncomplete", .bool(false)), ("items", .array(items))])
  }

  /// LSP `CompletionItemKind`.
  static func kind(_ kind: CatalogueEntry.Kind) -> Int64 {
    switch kind {
    case .section, .directive: return 14  // Keyword
    case .step: return 3  // Function
    case .parameter: return 10  // Property
    case .agentType, .whenCondition, .postCondition: return 20  // EnumMember
    case .option, .trigger, .buildParameter, .tool: return 9  // Module
    }
  }
}

/// `textDocument/hover`: what the name under the position is, from the catalogue.
enum Hover {
  static func response(_ source: SourceFile, tokens: [Token], offset: UInt32) -> JSONValue {
    guard let token = tokens.first(where: { $0.start <= offset && offset < $0.end && $0.kind != .endOfFile }),
      token.kind == .identifier || token.kind.isKeyword
    else { return .null }
    let context = CursorContext(tokens: tokens, source: source, offset: token.end)
    guard !context.inString, let entry = CatalogueLookup.describe(source.text(token.range), context) else { return .null }
    return .object([
      ("contents", .object([("kind", .string("markdown")), ("value", .string(entry.documentation))])),
      ("range", source.lspRange(token.range)),
    ])
  }
}
