import Testing
@testable import CarsonFormat

@Suite struct CarsonFormatSmokeTests {
  @Test func moduleBuilds() { _ = CarsonFormatModule.self }
}
