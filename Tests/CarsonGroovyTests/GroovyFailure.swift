import CarsonGroovy

/// What running `source` throws, as Groovy reports an exception: `class: message`, with the
/// message's first line only (power assertions add a value diagram below it).
func failure(_ source: String) -> String {
  do {
    _ = try run(source)
    return "no failure"
  } catch let error as GroovyError {
    return "\(error.groovyClassName): \((error.groovyMessage ?? "null").components(separatedBy: "\n")[0])"
  } catch let error as UnsupportedConstruct {
    return "unsupported: \(error.message)"
  } catch {
    return "\(type(of: error)): \(error)"
  }
}
