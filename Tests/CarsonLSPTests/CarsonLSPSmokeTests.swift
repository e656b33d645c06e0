import Testing
@testable import CarsonLSP

@Suite struct CarsonLSPSmokeTests {
  @Test func moduleBuilds() { _ = CarsonLSPModule.self }
}
