import Dispatch
import Foundation

/// Counts SIGINT and SIGTERM while a run is going and hands the count to the run command, which
/// aborts on the first, stops `post` too on the second and leaves on the third.
final class SignalHandler {
  var sources: [DispatchSourceSignal] = []
  var count = 0

  init(_ handler: @escaping (Int) -> Void) {
    for sig in [SIGINT, SIGTERM] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: DispatchQueue.global())
      source.setEventHandler { [unowned self] in
        self.count += 1
        handler(self.count)
      }
      source.resume()
      sources.append(source)
    }
  }

  func cancel() {
    for source in sources { source.cancel() }
    signal(SIGINT, SIG_DFL)
    signal(SIGTERM, SIG_DFL)
  }
}
