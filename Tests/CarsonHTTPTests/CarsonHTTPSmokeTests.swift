import Testing
@testable import CarsonHTTP

@Suite struct CarsonHTTPSmokeTests {
  @Test func moduleBuilds() { _ = CarsonHTTPModule.self }
}
