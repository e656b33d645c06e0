// libFuzzer entry point for the whole front end (lexer, parser, declarative reader, validator,
// Jenkins JSON form). Built by `make fuzz-build` with `-sanitize=fuzzer,address`; not part of the
// SwiftPM package. A crash, a sanitizer report, a timeout or an out-of-range diagnostic is a bug.
import CarsonModel
import CarsonSyntax

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let source = SourceFile(path: "fuzz", bytes: bytes)
  let result = Linter.check(source)
  for diagnostic in result.diagnostics {
    precondition(diagnostic.range.start <= diagnostic.range.end && Int(diagnostic.range.end) <= size, "diagnostic outside the input")
    _ = source.location(of: diagnostic.range.start)
  }
  if let pipeline = result.pipeline, !result.hasErrors {
    _ = JenkinsJSON.document(for: pipeline).compact
  }
  return 0
}
