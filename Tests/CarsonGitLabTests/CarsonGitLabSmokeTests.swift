import Testing
@testable import CarsonGitLab

@Suite struct CarsonGitLabSmokeTests {
  @Test func moduleBuilds() { _ = CarsonGitLabModule.self }
}
