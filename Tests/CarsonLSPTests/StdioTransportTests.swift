import CarsonSyntax
import Foundation
import Testing

@testable import CarsonLSP

/// The server over real pipes, as `carson lsp` runs it.
@Suite struct StdioTransportTests {
  final class Box: @unchecked Sendable { var status: Int32? }

  func run(_ input: [UInt8]) -> (status: Int32?, output: [UInt8]) {
    var toServer: [Int32] = [0, 0]
    var fromServer: [Int32] = [0, 0]
    _ = pipe(&toServer)
    _ = pipe(&fromServer)
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    let (serverIn, serverOut) = (toServer[0], fromServer[1])
    Thread {
      box.status = StdioTransport.run(input: serverIn, output: serverOut)
      close(serverOut)
      done.signal()
    }.start()
    input.withUnsafeBytes { _ = write(toServer[1], $0.baseAddress, $0.count) }
    close(toServer[1])
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fromServer[0], $0.baseAddress, $0.count) }
      if n <= 0 { break }
      output += buffer[0..<n]
    }
    _ = done.wait(timeout: .now() + 10)
    close(fromServer[0])
    close(serverIn)
    return (box.status, output)
  }

  func frame(_ json: String) -> [UInt8] { MessageFramer.frame(Array(json.utf8)) }

  func messages(_ output: [UInt8]) -> [JSONValue] {
    var framer = MessageFramer()
    framer.append(output)
    var out: [JSONValue] = []
    while case .message(let body)? = framer.next() { out.append(try! JSONValue.parse(body)) }
    return out
  }

  @Test func aSessionEndsWithStatus0AfterShutdownAndExit() {
    let input =
      frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}"#)
      + Array("Content-Length: 3\r\n\r\n{]}".utf8)
      + frame(#"{"jsonrpc":"2.0","id":2,"method":"shutdown"}"#) + frame(#"{"jsonrpc":"2.0","method":"exit"}"#)
    let (status, output) = run(input)
    #expect(status == 0)
    let answers = messages(output)
    #expect(answers.count == 3)
    #expect(answers[0]["result"]?["serverInfo"]?["name"]?.stringValue == "carson")
    #expect(answers[1]["error"]?["code"]?.intValue == -32700)
    #expect(answers[2]["id"]?.intValue == 2)
  }

  @Test func endOfInputWithoutExitIsStatus1() {
    let (status, _) = run(frame(#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}"#))
    #expect(status == 1)
  }
}
