import Testing
@testable import CarsonGit

@Suite struct CarsonGitSmokeTests {
  @Test func moduleBuilds() { _ = CarsonGitModule.self }
}
