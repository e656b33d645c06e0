import CarsonModel
import CarsonSyntax

/// `textDocument/documentSymbol`: pipeline → stages → nested stages, parallel branches and matrix
/// stages, and the `post` conditions, from the declarative model.
enum DocumentSymbols {
  /// LSP `SymbolKind`.
  enum Kind: Int64 {
    case module = 2, namespace = 3, function = 12, array = 18, event = 24
  }

  static func response(_ result: LintResult) -> JSONValue {
    guard let pipeline = result.pipeline else { return .array([]) }
    let source = result.source
    var children: [JSONValue] = []
    if let stages = pipeline.stages {
      children += stages.stages.map { stage($0, source) }
    }
    if let post = pipeline.post { children.append(self.post(post, source)) }
    return .array([symbol("pipeline", detail: nil, kind: .module, range: pipeline.range, selection: pipeline.keywordRange, children: children, source)])
  }

  static func stage(_ stage: Stage, _ source: SourceFile) -> JSONValue {
    var children: [JSONValue] = []
    var detail = "stage"
    if let nested = stage.stages {
      detail = "sequential stages"
      children += nested.stages.map { self.stage($0, source) }
    }
    if let parallel = stage.parallel {
      detail = "parallel"
      children += parallel.stages.map { self.stage($0, source) }
    }
    if let matrix = stage.matrix {
      detail = "matrix"
      var matrixChildren = (matrix.stages?.stages ?? []).map { self.stage($0, source) }
      if let post = matrix.post { matrixChildren.append(self.post(post, source)) }
      children.append(symbol("matrix", detail: axesText(matrix), kind: .array, range: matrix.range, selection: matrix.range, children: matrixChildren, source))
    }
    if let post = stage.post { children.append(self.post(post, source)) }
    let selection = stage.nameRange.isEmpty ? stage.headerRange : stage.nameRange
    return symbol(stage.name.isEmpty ? "(unnamed stage)" : stage.name, detail: detail, kind: .function, range: stage.range, selection: selection, children: children, source)
  }

  static func post(_ post: Post, _ source: SourceFile) -> JSONValue {
    let conditions = post.conditions.map { condition in
      symbol(condition.name, detail: "post condition", kind: .event, range: condition.branch.range.union(condition.nameRange), selection: condition.nameRange, children: [], source)
    }
    return symbol("post", detail: nil, kind: .namespace, range: post.range, selection: post.range, children: conditions, source)
  }

  static func axesText(_ matrix: Matrix) -> String? {
    let names = (matrix.axes ?? []).compactMap { $0.name?.stringLiteral }
    return names.isEmpty ? nil : "axes: " + names.joined(separator: ", ")
  }

  static func symbol(
    _ name: String, detail: String?, kind: Kind, range: SourceRange, selection: SourceRange, children: [JSONValue], _ source: SourceFile
  ) -> JSONValue {
    // The selection range must lie inside the range.
    let selection = range.start <= selection.start && selection.end <= range.end ? selection : range
    var fields: [(String, JSONValue)] = [("name", .string(name))]
    if let detail { fields.append(("detail", .string(detail))) }
    fields += [
      ("kind", .integer(kind.rawValue)), ("range", source.lspRange(range)), ("selectionRange", source.lspRange(selection)),
      ("children", .array(children)),
    ]
    return .object(fields)
  }
}

/// `textDocument/foldingRange`: every brace, bracket or parenthesis pair and every string that
/// spans lines; the closing line stays visible.
enum FoldingRanges {
  /// From the tokens alone (the lexer is about ten times faster than a whole check).
  static func response(_ tokens: [Token], in source: SourceFile) -> JSONValue {
    let lines = source.lines
    var open: [Token] = []
    var ranges: [(Int, Int)] = []
    for token in tokens {
      switch token.kind {
      case .leftBrace, .leftBracket, .leftParen, .stringBegin:
        open.append(token)
      case .rightBrace, .rightBracket, .rightParen, .stringEnd:
        let opening: TokenKind =
          switch token.kind {
          case .rightBrace: .leftBrace
          case .rightBracket: .leftBracket
          case .rightParen: .leftParen
          default: .stringBegin
          }
        guard let index = open.lastIndex(where: { $0.kind == opening }) else { continue }
        let start = lines.lineIndex(of: open[index].start)
        let endLine = lines.lineIndex(of: token.start)
        open.removeSubrange(index...)
        let last = opening == .stringBegin ? endLine : endLine - 1
        if last > start { ranges.append((start, last)) }
      default:
        break
      }
    }
    ranges.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
    return .array(ranges.map { .object([("startLine", .integer(Int64($0.0))), ("endLine", .integer(Int64($0.1)))]) })
  }
}
